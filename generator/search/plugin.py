"""MkDocs plugin ``compendium-search``: Chinese search that finds what community workers type.

Material's search segments Chinese with jieba in precise mode and segments queries in the
browser against the index vocabulary. Three known gaps are closed here, after Material's
search plugin has written its index and before the offline plugin inlines it:

1. Parts of long compounds (覆盖率 in 农村社区综合服务设施覆盖率) are not index terms in
   precise mode. We add jieba's search-mode parts as an extra field ``parts``, so the
   snippets people read stay clean while the parts match.
2. Material's query segmenter never lets a word end at the last character, so 社区养老
   becomes 社区*. We replace that function in the built worker with forward maximum
   matching over the index vocabulary that keeps every word (and a compound's parts).
3. A document number such as 豫政办〔2022〕79号 falls apart into common tokens (豫, 2022,
   号). Each document page also gets one code token per number it shows (``dn`` + the hex
   code points of the issuer's abbreviation + year + serial), and the worker adds the same
   token to a query that contains a document number, so the document itself ranks first.
4. A page about 五社联动 should come first for the query 五社联动, ahead of the many pages
   that mention it. Entry pages list the names and aliases a reader may type
   (``search_names`` and ``search_aliases`` in their front matter); each becomes one token (``nm`` + the code
   points of the name, letters and digits only, lowercased), and the worker adds the token
   of the whole query, so a page whose name *is* the query ranks first.
5. The index is written with ``\\uXXXX`` escapes (6 bytes per Chinese character); we
   rewrite it as UTF-8 (3 bytes).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jieba
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

_HAN = re.compile(r"[\u3400-\u9fff]+")
_DOC_NUMBER = re.compile(r"([\u4e00-\u9fff]{1,8})[〔\[［(（](\d{4})[〕\]］)）](\d+)号")
_DOCUMENT_PAGE = re.compile(r"^documents/(?!index\.html)[^#/]+\.html$")
_SEARCH_METHOD = 'search(e){if(e=e.replace(new RegExp("\\\\p{sc=Han}+","gu")'

# Kept in step with document_code() and name_token() below; prepended to the worker.
CODES_JS = (
    "var __compendiumName=function(q){var s=q.toLowerCase().replace(/[^\\p{L}\\p{N}]+/gu,'');if(!s)return'';"
    "var f=function(h){for(var c of s){h^=c.codePointAt(0);h=Math.imul(h,16777619)>>>0}var n=String(h);"
    "return'0000000000'.slice(n.length)+n};return' nm'+f(2166136261)+f(84696351)};"
    "var __compendiumCodes=function(q){return q.replace(/([\\u4e00-\\u9fff]{1,8})[〔\\[［(（](\\d{4})[〕\\]］)）](\\d+)号/g,"
    "function(m,a,y,n){var h='';for(var i=0;i<a.length;i++)h+=a.charCodeAt(i).toString(16);"
    "return m+' dn'+h+'y'+y+'n'+n})+__compendiumName(q)};"
)
# A title match weighs 1,000 times the query word's rarity weight (up to 20, see SEGMENTER_JS), so
# the page a name belongs to only leads when its token outweighs that, as Material's own tags do (10^6).
NAMES_BOOST = 1_000_000.0
ALIASES_BOOST = 200_000.0  # an alias is unique (compendium check), but a page called by that name comes first
NAME_FIELDS = {"names": NAMES_BOOST, "aliases": ALIASES_BOOST}  # index field -> boost; front matter search_<field>


def _fnv1a(text: str, basis: int) -> int:
    value = basis
    for char in text:
        value = ((value ^ ord(char)) * 16777619) & 0xFFFFFFFF
    return value


def name_token(name: str) -> str | None:
    """The search token for a page name (or a whole query): ``nm`` + two 32-bit FNV-1a hashes, 10 digits each.

    Only letters and digits count, lowercased, so "Five-Society Linkage" and "five society
    linkage" are one name. A fixed 22 characters whatever the name's length keeps the index
    small; digits only after ``nm``, so no stemmer changes it. Kept in step with CODES_JS.
    """
    letters = "".join(char for char in name.lower() if char.isalnum())
    if not letters:
        return None
    return f"nm{_fnv1a(letters, 2166136261):010d}{_fnv1a(letters, 84696351):010d}"


def document_code(number: str) -> str | None:
    """The single search token for a document number, or None if ``number`` is not one."""
    match = _DOC_NUMBER.search(number)
    if match is None:
        return None
    prefix, year, serial = match.groups()
    return "dn" + "".join(f"{ord(ch):x}" for ch in prefix) + f"y{year}n{serial}"


_SEGMENT_FUNCTION = re.compile(
    r"function (?P<name>[\w$]+)\((?P<query>[\w$]+),(?P<index>[\w$]+)\)\{let [\w$]+=new Set,[\w$]+=new Uint16Array\("
    r".{0,600}?return [\w$]+\.has\(\"\"\)\?new Set\(\[[\w$]+\]\):[\w$]+\}"
)

# Forward maximum matching over the index vocabulary. Every character of the query ends up
# in a segment (unknown characters stand alone) and a compound also contributes its parts.
# Each word is weighted by how rare it is (documents containing the most common word of the
# query / documents containing this word), so 社区养老 ranks pages about 养老 above the many
# pages that merely say 社区. The result is one string (a one-element set): Material would
# otherwise join the segments with "* " and lose the weights. The spaces around it detach
# the words from digits and brackets (豫政办〔2022〕79号), which the query transform splits on.
SEGMENTER_JS = r"""function %(name)s(t,e){
var has=function(w){return Object.prototype.hasOwnProperty.call(e,w)};
var df=function(w){var refs={};if(!has(w))return 0;var p=e[w];
for(var f in p){if(f!=="_index"){for(var r in p[f])refs[r]=1}}return Object.keys(refs).length};
var cut=function(s,limit){var out=[],i=0;while(i<s.length){var k=1;
for(var j=Math.min(s.length,i+limit);j>i+1;j--){if(has(s.slice(i,j))){k=j-i;break}}
out.push(s.slice(i,i+k));i+=k}return out};
var seen={},words=[];
cut(t,t.length).forEach(function(w){words.push(w);if(w.length>2){cut(w,w.length-1).forEach(function(p){if(p.length>1)words.push(p)})}});
words=words.filter(function(w){if(seen[w])return false;seen[w]=1;return true});
var most=1;words.forEach(function(w){most=Math.max(most,df(w))});
var terms=words.map(function(w){var d=df(w);var b=d?Math.min(20,Math.max(1,Math.round(most/d))):1;return w+"*"+(b>1?"^"+b:"")});
return new Set([" "+terms.join(" ")+" "])}"""


def search_parts(text: str, present: set[str]) -> list[str]:
    """jieba search-mode words of the Chinese in ``text`` that precise mode did not index."""
    parts: list[str] = []
    seen = set(present)
    for run in _HAN.findall(text.replace("\u200b", "")):
        for word in jieba.cut_for_search(run):
            if len(word) > 1 and word not in seen:
                seen.add(word)
                parts.append(word)
    return parts


class CompendiumSearchPlugin(BasePlugin):  # type: ignore[type-arg]
    """Adds compound parts and page names to the index, fixes query segmentation, writes UTF-8."""

    def __init__(self) -> None:
        self.names: dict[str, dict[str, list[str]]] = {}  # page url -> index field -> names

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self.names = {}

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        for field in NAME_FIELDS:
            values = page.meta.get(f"search_{field}")
            if isinstance(values, list):
                self.names.setdefault(page.url, {})[field] = [str(value) for value in values]
        return markdown

    @event_priority(-50)  # after Material's search plugin (0), before its offline plugin (-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        index_file = site / "search" / "search_index.json"
        if not index_file.is_file():
            return
        data = json.loads(index_file.read_text(encoding="utf-8"))
        self._add_parts(data)
        self._add_names(data)
        index_file.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        self._patch_worker(site)

    @staticmethod
    def _add_parts(data: dict[str, Any]) -> None:
        data["config"]["fields"]["parts"] = {"boost": 1.0}
        data["config"]["fields"]["title_parts"] = {"boost": 1000.0}  # parts of a title count as the title
        data["config"]["fields"]["codes"] = {"boost": 1000.0}
        for doc in data["docs"]:
            if _DOCUMENT_PAGE.match(doc["location"]):
                codes = {document_code(m.group(0)) for m in _DOC_NUMBER.finditer(doc.get("text", "").replace("\u200b", ""))}
                if codes:
                    doc["codes"] = " ".join(sorted(code for code in codes if code))
            title_words = set(doc.get("title", "").split("\u200b"))
            text_words = set(doc.get("text", "").split("\u200b"))
            title_parts = search_parts(doc.get("title", ""), title_words)
            if title_parts:
                doc["title_parts"] = "\u200b".join(title_parts)
            parts = search_parts(doc.get("text", ""), text_words | set(title_parts))
            if parts:
                doc["parts"] = "\u200b".join(parts)

    def _add_names(self, data: dict[str, Any]) -> None:
        for field, boost in NAME_FIELDS.items():
            data["config"]["fields"][field] = {"boost": boost}
        for doc in data["docs"]:
            # the page itself, not its sections (location#anchor)
            for field, values in self.names.get(doc["location"], {}).items():
                if values:
                    doc[field] = " ".join(dict.fromkeys(token for token in map(name_token, values) if token))

    @staticmethod
    def _patch_worker(site: Path) -> None:
        workers = sorted((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
        if not workers:
            raise PluginError("compendium-search: Material's search worker was not found")
        for worker in workers:
            code = worker.read_text(encoding="utf-8")
            match = _SEGMENT_FUNCTION.search(code)
            if match is None:
                # A Material upgrade changed the worker: fail loudly rather than ship broken search.
                raise PluginError(f"compendium-search: query segmenter not found in {worker.name}")
            replacement = SEGMENTER_JS % {"name": match.group("name")}
            code = code[: match.start()] + replacement.replace("\n", "") + code[match.end():]
            if _SEARCH_METHOD not in code:
                raise PluginError(f"compendium-search: search method not found in {worker.name}")
            code = code.replace(_SEARCH_METHOD, "search(e){if(e=__compendiumCodes(e)," + _SEARCH_METHOD[len("search(e){if("):], 1)
            worker.write_text(CODES_JS + code, encoding="utf-8")
