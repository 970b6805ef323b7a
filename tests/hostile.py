"""A hostile copy of the fixture corpus: attack payloads in every text field of every kind of entry.

``hostile_project(folder, sources)`` copies tests/data/valid and the valid course, fills in every optional
text field the fixture leaves out (so that each field of the model is there), and puts payloads into every
text: the original text stays (names stay distinct), one payload goes in front and another behind, spread
so that each payload lands in fields of every kind. Quotes must occur in their source and their clause: each
clause ends with a payload of its own, which the captures repeat and the quotes citing it use.

The payloads are what an attacker or a careless editor would try: script tags, event attributes, Markdown
attribute lists, breakouts of <title> and of attributes, obfuscated and protocol-relative link targets,
data: URLs and template syntax. ``DANGEROUS`` are the ones ``compendium check`` must refuse.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).parent / "data"
FLAG = "window.__pwned"  # what a payload sets when it runs; the browser test asserts it stays unset
RUN = f"{FLAG}=1"

# (payload, dangerous): dangerous ones are refused by `compendium check`; the others are harmless text
PAYLOADS: tuple[tuple[str, bool], ...] = (
    (f"<script>{RUN}</script>", True),
    (f'<img src=x onerror="{RUN}">', True),
    (f"</title x><svg/onload={RUN}>", True),
    (f"</textarea></script><svg onload={RUN}>", True),
    (f'" onmouseover="{RUN}" x="', False),
    (f"' autofocus onfocus='{RUN}' '", False),
    (f"{{: onmouseover={RUN} }}", True),
    (f"{{: tabindex=1 autofocus onfocus={RUN} }}", True),
    (f"{{ #x onclick={RUN} }}", True),
    (f"*em*{{: onclick={RUN} }}", True),
    (f"[a](javascript:{RUN})", True),
    (f"[b](javascript&#58;{RUN})", True),
    (f"[c](<java\tscript:{RUN}>)", True),
    (f"[d](JaVaScRiPt&colon;{RUN})", True),
    ("[e](//evil.example/x)", True),
    ("[f](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+)", True),
    ("[g](vbscript:msgbox(1))", True),
    (f"![h](javascript:{RUN})", True),
    (f"<javascript:{RUN}>", True),
    (f'[i](https://example.org/ "x\\" onmouseover=\\"{RUN}")', False),
    ("{{ 7*7 }} {% if true %}x{% endif %} ${7*7} #{7*7}", False),
    ("| a | b |\n|---|---|\n| c {: onclick=" + RUN + " } |", True),
    ("# heading {: onclick=" + RUN + " }\n\n- item {: onclick=" + RUN + " }", True),
    (f"&lt;script&gt;{RUN}&lt;/script&gt; &#60;svg onload={RUN}&#62;", False),
    ("!!! note \"x\"\n    admonition? \\*[HTML]: abbr", False),
)
# source.url is an address, not text: these go there
_URLS = (f"javascript:{RUN}", f'https://example.org/x" onmouseover="{RUN}')
DANGEROUS = frozenset(payload for payload, dangerous in PAYLOADS if dangerous)
ALL = tuple(payload for payload, _ in PAYLOADS)

# Names of the plain text fields outside {zh, en} mappings (their values are text a reader sees).
_PLAIN_KEYS = {"label", "doc_number", "index_number", "licence"}
_LIST_OF_TEXT = {"aliases"}


@dataclass
class HostileField:
    """Where a payload went: the file, the path of the field in it, the payloads it got."""

    file: Path
    path: tuple[str | int, ...]
    payloads: tuple[str, ...]


@dataclass
class HostileProject:
    """The project folder, its sources folder and every field that got a payload."""

    root: Path
    sources: Path
    fields: list[HostileField] = field(default_factory=list)


def _bilingual(zh: str, en: str | None = None) -> dict[str, str]:
    return {"zh": zh, "en": en} if en else {"zh": zh}


def _enrich(kind: str, data: dict[str, Any]) -> None:
    """Fill in the optional text fields the fixture leaves out, so that every text field gets a payload."""
    if kind == "document":
        data.setdefault("short_title", _bilingual("短标题", "Short title"))
        data.setdefault("doc_number", "某〔2022〕1号")
        data.setdefault("index_number", "000014349/2022-00001")
        data.setdefault("authors", [_bilingual("作者", "Author")])
        data["source"].setdefault("citation", _bilingual("引用", "Citation"))
        data["source"].setdefault("url", "https://example.org/original.html")
        for section in data.get("sections", []):
            section.setdefault("label", "一、")
            for clause in section.get("clauses", []):
                clause.setdefault("label", "（一）")
                clause.setdefault("heading", _bilingual("小标题", "Heading"))
                clause.setdefault("note", _bilingual("说明", "Note"))
        for fact in data.get("facts", []):
            fact.setdefault("note", _bilingual("说明", "Note"))
    elif kind == "indicator":
        data.setdefault("aliases", ["别名指标"])
        data.setdefault("note", _bilingual("指标说明", "Indicator note"))
    elif kind == "case":
        data["place"].setdefault("city", _bilingual("郑州市", "Zhengzhou"))
        data["place"].setdefault("county", _bilingual("金水区", "Jinshui"))
        data["place"].setdefault("village", _bilingual("某社区", "A community"))
        data.setdefault("background", _bilingual("背景", "Background"))
        data.setdefault("conditions", [_bilingual("条件", "Condition")])
        for step in data.get("steps", []):
            step.setdefault("detail", _bilingual("步骤说明", "Step detail"))
    elif kind == "term":
        data.setdefault("aliases", ["术语别名"])
    elif kind == "theme":
        data.setdefault("description", _bilingual("主题说明", "Theme description"))
    elif kind == "course":
        data["audience"].setdefault("prerequisites", [_bilingual("先修", "Prerequisite")])
        for session in data["sessions"]:
            session.setdefault("questions", [{"text": _bilingual("问题", "Question"), "prompts": [_bilingual("提示", "Prompt")],
                                              "minutes": 5}])
            session.setdefault("instructor_notes", _bilingual("教师提示", "Notes"))
            session.setdefault("board_plan", [_bilingual("板书", "Board")])
            session.setdefault("steps", [{"title": _bilingual("环节", "Step"), "minutes": session["minutes"],
                                           "activity": _bilingual("活动", "Activity"), "materials": [_bilingual("材料", "Material")]}])
            session.setdefault("key_points", [_bilingual("重点", "Key point")])
            session.setdefault("difficulties", [_bilingual("难点", "Difficulty")])
            session.setdefault("analysis", [_bilingual("分析思路", "Analysis")])
            for exercise in session.get("exercises", []):
                exercise.setdefault("rubric", [_bilingual("评分要点", "Rubric point")])


class _Spreader:
    """Hands out payloads so that consecutive fields get different ones, in front and behind."""

    def __init__(self, offset: int) -> None:
        self.count = offset

    def next(self) -> tuple[str, str]:
        self.count += 1
        n = len(ALL)
        return ALL[self.count % n], ALL[(self.count * 7 + 3) % n]


def _is_text(path: tuple[str | int, ...]) -> bool:
    keys = [part for part in path if isinstance(part, str)]
    if not keys:
        return False
    last = keys[-1]
    if last in ("zh", "en"):
        return True
    if last in _PLAIN_KEYS:
        return True
    return isinstance(path[-1], int) and last in _LIST_OF_TEXT


def _walk(value: Any, path: tuple[str | int, ...], visit: Any) -> Any:
    if isinstance(value, dict):
        return {key: _walk(item, (*path, key), visit) for key, item in value.items()}
    if isinstance(value, list):
        return [_walk(item, (*path, index), visit) for index, item in enumerate(value)]
    if isinstance(value, str) and _is_text(path):
        return visit(path, value)
    return value


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000, default_flow_style=False)


def _kind(path: Path) -> str:
    parts = path.parts
    if "indicators" in parts:
        return "indicator"
    return {"policies": "document", "casebook": "case", "glossary": "term", "themes": "theme", "courses": "course"}[parts[-2]]


def hostile_project(folder: Path, offset: int = 0, copy_site_config: bool = True) -> HostileProject:
    """Write the hostile project under ``folder`` (project/ and sources/) and return where each payload went."""
    from generator.content.yamlsource import read_yaml
    from tests.conftest import make_project

    root = folder / "project"
    root.mkdir(parents=True)
    if copy_site_config:
        make_project(root, DATA / "valid")
    else:
        for name in ("policies", "casebook", "glossary", "themes"):
            shutil.copytree(DATA / "valid" / name, root / name)
    shutil.copytree(DATA / "courses" / "valid" / "courses", root / "courses")
    sources = folder / "sources"
    shutil.copytree(DATA / "sources", sources)
    project = HostileProject(root, sources)
    spread = _Spreader(offset)
    files = sorted(root.glob("policies/**/*.yml")) + sorted(root.glob("casebook/*.yml")) + sorted(
        root.glob("glossary/*.yml")) + sorted(root.glob("themes/*.yml")) + sorted(root.glob("courses/*.yml"))
    # first the documents: each clause ends with a payload of its own, which quotes citing it use
    clause_tail: dict[tuple[str, str], str] = {}
    for number, file in enumerate(files):
        data = read_yaml(file).data
        kind = _kind(file.relative_to(root))
        _enrich(kind, data)

        def visit(path: tuple[str | int, ...], text: str, file: Path = file) -> str:
            before, after = spread.next()
            project.fields.append(HostileField(file, path, (before, after)))
            return f"{before} {text} {after}"

        data = _walk(data, (), visit)
        if kind == "document":
            url = _URLS[len(clause_tail) % len(_URLS)]
            data["source"]["url"] = url
            project.fields.append(HostileField(file, ("source", "url"), (url,)))
            # the number and index number a document gives must be printed in its source (printed-value-not-in-source)
            capture_text = [data[key] for key in ("doc_number", "index_number") if key in data]
            for section in data.get("sections", []):
                for clause in section.get("clauses", []):
                    tail = f"{clause['id']}句尾{ALL[(number + len(clause_tail)) % len(ALL)]}"
                    clause["text"]["zh"] += tail
                    clause_tail[(data["id"], clause["id"])] = tail
                    capture_text.append(clause["text"]["zh"])
            for fact in data.get("facts", []):
                fact["quote"] = clause_tail[(data["id"], fact["clause"])]
                project.fields.append(HostileField(file, ("facts", data["facts"].index(fact), "quote"), (fact["quote"],)))
            capture = sources / data["source"]["capture"]
            capture.write_text(capture.read_text(encoding="utf-8") + "\n" + "\n".join(capture_text) + "\n", encoding="utf-8")
        file.write_text(_dump(data), encoding="utf-8")
    # then everything that quotes a clause
    for file in files:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        changed = False
        for holder in _quote_holders(data):
            ref = holder.get("ref") or holder.get("cites")
            document_id, _, anchor = str(ref).partition("#")
            if (document_id, anchor) in clause_tail:
                holder["quote"] = clause_tail[(document_id, anchor)]
                changed = True
        if changed:
            file.write_text(_dump(data), encoding="utf-8")
    return project


def _quote_holders(value: Any) -> list[dict[str, Any]]:
    """Every mapping with a quote and the clause it cites (case sources, term definitions' sources, quiz items)."""
    found: list[dict[str, Any]] = []
    if isinstance(value, dict):
        if "quote" in value and ("ref" in value or "cites" in value):
            found.append(value)
        for item in value.values():
            found += _quote_holders(item)
    elif isinstance(value, list):
        for item in value:
            found += _quote_holders(item)
    return found
