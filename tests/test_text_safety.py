"""Entry text is inert wherever the site writes it, and `compendium check` finds what it must refuse (issue 22).

The property tests build texts from the pieces attacks are made of (tags, event attributes, attribute lists,
obfuscated link targets, Markdown syntax, template syntax) and render them as the site does: plain text
through ``escape_markdown`` and rich text through ``RichText``, placed in every kind of spot the page
templates use, converted by Python-Markdown with the site's own extensions (mkdocs.yml). No example may
yield an event attribute, a script address or an element the template did not write, and plain text must
read exactly as it was written.
"""

from __future__ import annotations

import functools
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content.textsafety import MarkdownSafety, absolute_web_address, inert_json, unsafe_link
from generator.site.richtext import RichText, escape_markdown

ROOT = Path(__file__).resolve().parent.parent

PIECES = ["<", ">", "</", "/>", "{", "}", "{:", "{ #", ":", "on", "onclick", "onmouseover=", "autofocus", "=", '"', "'", "[",
          "]", "](", "(", ")", "javascript", "JaVaScRiPt", "&#58;", "&colon;", "&#x6A;", "%6A", "\t", "\n", "\n\n", "#", "*",
          "_", "`", "|", "!", "-", "1.", "   ", " ", "a", "社区", "//", "data:", "vbscript", "script", "svg", "img", "title",
          "/", "\\", "&", "?", "~", "$", "{{", "}}", "{%", "%}", "${", "x", "=1", "alert(1)", "---", "===", "!!!", "???",
          "> ", "- ", "+ ", "1) ", "    ", "*[", "]:", "[TOC]", "&lt;", "&#60;", "\u2028"]
# whole links and attribute lists, each part from what attackers try
LINKS = st.builds(lambda image, text, scheme, colon, rest, angle: (
    f"{'!' if image else ''}[{text}]({'<' if angle else ''}{scheme}{colon}{rest}{'>' if angle else ''})"),
    st.booleans(), st.sampled_from(["a", "社区", "", "x]("]),
    st.sampled_from(["javascript", "JaVaScRiPt", "java\tscript", "java%09script", "%6Aavascript", " javascript", "data",
                     "vbscript", "https", "mailto", "", "/", "//evil.example", "\\\\evil.example", "&#106;avascript"]),
    st.sampled_from([":", "&#58;", "&colon;", "&#x3a;", "%3A", ""]),
    st.sampled_from(["alert(1)", "x", "//evil.example/x", "text/html;base64,PHNjcmlwdD4="]), st.booleans())
ATTRIBUTE_LISTS = st.builds(lambda start, body: "{" + start + body + "}",
                            st.sampled_from(["", ":", ": ", " ", " #x ", " .c "]),
                            st.sampled_from(["onclick=alert(1)", "tabindex=1 autofocus onfocus=alert(1)", "x", "#id", ".big", " "]))
TEXTS = st.lists(st.one_of(st.sampled_from(PIECES), LINKS, ATTRIBUTE_LISTS), min_size=1, max_size=16).map("".join).filter(
    lambda text: text.strip() != "")

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "cite", "background", "srcset"}


@functools.cache
def markdown_converter() -> object:
    """Python-Markdown with exactly the extensions and settings of the site (mkdocs.yml, plus MkDocs' own)."""
    import markdown
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"])


def to_html(text: str) -> str:
    converter = markdown_converter()
    converter.reset()  # type: ignore[attr-defined]
    return str(converter.convert(text))  # type: ignore[attr-defined]


class Elements(HTMLParser):
    """Every element with its attributes, and the page's text (as a reader sees it)."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def script_address(value: str) -> bool:
    return re.sub(r"[\x00-\x20]+", "", value).lower().startswith(("javascript:", "vbscript:", "data:"))


def dangers(markup: str) -> list[str]:
    """What in ``markup`` could run script: event attributes, script addresses, script-loading elements."""
    found = []
    for tag, attrs in Elements(markup).elements:
        if tag in ("script", "iframe", "object", "embed", "base", "svg", "img", "style", "form", "input", "textarea"):
            found.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on") or name in ("style", "autofocus", "tabindex", "srcdoc"):
                found.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and (script_address(value) or unsafe_link(value)):
                found.append(f"<{tag} {name}={value!r}>")
    return found


# The spots where the page templates put entry text (generator/site/templates/*.j2, generator/site/course_pages.py).
CONTEXTS = [
    "# {x}\n",
    "### 一、{x} {{ #s1 }}\n",
    "| 项目 | 内容 |\n|---|---|\n| {x} | {x} |\n",
    "- {x}\n- [链接](../x.md) {x}\n",
    "1. **{x}**: {x}\n",
    "{x}\n",
    '<div class="clause" id="s1" markdown>\n<a class="clause-anchor" href="#s1" title="d#s1">§ {x}</a>\n**{x}** \n{x}\n</div>\n',
    '<ul class="card-list">\n<li><a class="card-link" href="x.html"><strong>{x}</strong><span>{x}</span></a></li>\n</ul>\n',
    '<details class="doc-contents abstract">\n<summary>目录</summary>\n<ol>\n<li><a href="#s1">{x}</a></li>\n</ol>\n</details>\n',
    '!!! note "说明"\n    {x}\n',
    "> {x}\n>\n> — {x}\n",
    '<p class="term-original" lang="zh">{x} · <em>{x}</em></p>\n',
    '<table class="timeline-table"><tbody><tr> <td data-label="范围"><span>{x}</span></td></tr></tbody></table>\n',
]
ALLOWED_RICH = {"p", "em", "strong", "a", "ul", "ol", "li", "code", "br", "blockquote", "abbr"}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_plain_text_is_inert_and_reads_as_written_in_every_spot(text: str) -> None:
    escaped = escape_markdown(text)
    assert "\n" not in escaped and "<" not in escaped and "{" not in escaped
    for context in CONTEXTS:
        markup = to_html(context.format(x=escaped))
        assert dangers(markup) == [], (context, text, markup)
    # every spot shows the text as it was written (line breaks read as spaces)
    shown = " ".join("".join(Elements(to_html("| 项目 | 内容 |\n|---|---|\n| a | " + escaped + " |\n")).text).split())
    assert " ".join(text.split()) in shown.replace("项目 内容 a ", "")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.booleans())
def test_rich_text_is_inert_in_every_spot(text: str, inline: bool) -> None:
    rich = RichText([])
    rendered = rich.render(text, "cases/x.md", inline=inline)
    assert "\n" not in rendered
    tags = {tag for tag, _ in Elements(rendered).elements}
    assert tags <= ALLOWED_RICH, tags
    for context in CONTEXTS:
        markup = to_html(context.format(x=rendered))
        assert dangers(markup) == [], (context, text, markup)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_the_quick_look_of_the_safety_check_misses_nothing(text: str) -> None:
    """check runs on every text; a text without "<", "[" or "{" is passed over only because it cannot hold a finding."""
    safety = MarkdownSafety()
    full = []
    for token in safety.parser.parse(text):
        for child in token.children or [token]:
            if child.type in ("html_inline", "html_block"):
                full.append("raw-html")
            for target in (child.attrGet("href") if child.type == "link_open" else None,
                           child.attrGet("src") if child.type == "image" else None):
                if isinstance(target, str) and unsafe_link(target):
                    full.append("unsafe-link")
    from generator.content.textsafety import ATTRIBUTE_LIST

    full += ["attribute-list"] * len(ATTRIBUTE_LIST.findall(text))
    assert sorted(cls.code for _, cls in safety._findings(text)) == sorted(full)


@pytest.mark.parametrize(("href", "unsafe"), [
    ("https://www.mca.gov.cn/a?b=1#c", False), ("http://example.org", False), ("mailto:a@b.cn", False),
    ("../glossary/x.md", False), ("#s1-1", False), ("x.html", False), ("a/b:c", False), ("?q=1", False),
    ("javascript:alert(1)", True), ("JaVaScRiPt:alert(1)", True), (" \x01javascript:alert(1)", True),
    ("java\tscript:alert(1)", True), ("java\nscript:alert(1)", True), ("java%09script:alert(1)", True),
    ("%6Aavascript:alert(1)", True), ("java script:alert(1)", True), ("vbscript:msgbox(1)", True),
    ("data:text/html;base64,PHNjcmlwdD4=", True), ("//evil.example/x", True), ("\\\\evil.example/x", True),
    ("/\\evil.example", True), ("ftp://example.org/a", True), ("file:///etc/passwd", True),
])
def test_links_allow_only_http_mailto_and_relative_targets(href: str, unsafe: bool) -> None:
    assert unsafe_link(href) is unsafe


def test_a_source_address_must_be_a_web_address() -> None:
    assert absolute_web_address("https://www.gov.cn/zhengce/content/2021-07/11/content_5624201.htm")
    for bad in ("javascript:alert(1)", "//evil.example/x", "www.gov.cn", "../x.html", "https://", "ftp://a.org/x"):
        assert not absolute_web_address(bad), bad


def test_rich_text_keeps_what_editors_write() -> None:
    rich = RichText([])
    assert rich.render("见**第二条**和[民政部](https://www.mca.gov.cn/)。", "cases/x.md", inline=True) == (
        '见<strong>第二条</strong>和<a href="https://www.mca.gov.cn/" rel="noopener">民政部</a>。')
    # what cannot be a link stays text, with the brackets shown as written
    shown = rich.render("[e](//evil.example/x) [f](javascript&#58;alert(1))", "cases/x.md", inline=True)
    assert "href" not in shown and "".join(Elements(shown).text) == "[e](//evil.example/x) [f](javascript:alert(1))"


def test_search_data_and_form_data_hold_no_markup() -> None:
    text = inert_json({"t": "</script><svg onload=alert(1)> & \u2028"})
    assert not set(text) & {"<", ">", "&", "\u2028"}
    import json

    assert json.loads(text) == {"t": "</script><svg onload=alert(1)> & \u2028"}
