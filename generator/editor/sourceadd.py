"""``compendium source add FILE``: keep a new source (or only its fingerprint) and write a document skeleton.

Government documents are not protected by copyright (著作权法 第五条), so their capture is kept in
the repository (``sources/captures/``) and the skeleton holds every clause verbatim. Articles keep
only the fingerprint (``--fingerprint-only``): quotes can be checked, the text is not redistributed,
and the skeleton's clause texts are left empty for the editor's own summary.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from generator.content.ids import id_problem, pinyin_id
from generator.content.project import Project
from generator.content.sources import CAPTURES, FINGERPRINTS, Fingerprint
from generator.editor.extract import IntakeError, SourceText, extract_source
from generator.editor.glyphs import summarise
from generator.editor.splitter import DocumentDraft, split_document

_ID_LENGTH = 60


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


# The particulars compendium check looks up in the capture (generator/content/printed.py), as a page's
# metadata table labels them.
_PRINTED_LABELS = {"doc_number": "文号", "index_number": "索引号", "written": "成文日期", "published": "发布日期"}


def capture_text(source: SourceText) -> str:
    """The text kept as the capture: the document, headed by the particulars printed around it on the page.

    A saved page prints 索引号 and 发布日期 in a table beside the text; the capture keeps them, as printed, so
    that the values in the skeleton trace to the capture like every quote (real captures begin the same way).
    """
    flat = "".join(source.text.split())
    header = [f"{label}：{source.fields[name]}" for name, label in _PRINTED_LABELS.items()
              if source.fields.get(name) and "".join(source.fields[name].split()) not in flat]
    return "\n".join(header) + "\n\n" + source.text if header else source.text


def _suggested_id(title: str | None) -> str:
    entry_id = pinyin_id(title or "")
    while len(entry_id) > _ID_LENGTH and "-" in entry_id:
        entry_id = entry_id.rsplit("-", 1)[0]
    return entry_id


@dataclass
class Intake:
    """The options of one ``source add`` run."""

    file: Path
    entry_id: str | None = None
    fingerprint_only: bool = False
    url: str | None = None
    publisher: str | None = None


def _notes(draft: DocumentDraft, source: SourceText) -> list[str]:
    """Comment lines for what the editor must know: attachments left out of the clauses, characters changed."""
    lines: list[str] = []
    if draft.attachments:
        lines.append("# 附件（不是条款，未收入正文）/ attachments (not clauses, left out of the text):")
        lines += [f"#   {number}．{name}" for number, name in enumerate(draft.attachments, start=1)]
    if source.changes:
        lines.append(f"# PDF 文字层中有 {len(source.changes)} 个字按页面显示的字形改成了规范字，请与原文核对 / {len(source.changes)} "
                     "characters of the PDF's text layer were changed to the standard character its glyph shows; proofread them:")
        lines += [f"#   {line}" for line in summarise(source.changes)]
    return lines


def skeleton_yaml(draft: DocumentDraft, entry_id: str, capture: str, intake: Intake, source: SourceText | None = None) -> str:
    """The document entry for ``draft``, block style, found values filled, the rest empty for the editor."""
    verbatim = not intake.fingerprint_only
    publisher = intake.publisher or draft.publisher
    inferred = "按发文机关名称推断" if draft.level_certain else "按名称推断，市、县两级仅凭名称无法区分，请核对"
    lines = [
        f"# 由 compendium source add 从 {intake.file.name} 生成；请核对找到的元数据，填写空着的字段，然后运行 compendium check。",
        f"# Written by compendium source add from {intake.file.name}; check the metadata found, fill in the empty fields, "
        "then run compendium check.",
        *_notes(draft, source or SourceText("")),
        f"id: {entry_id}",
        "title:",
        f"  zh: {_q(draft.title) if draft.title else ''}",
        "  en:",
        "# 文种 kind: notice | plan | action-plan | opinion | measures | reply | news-report | journal-article",
        f"kind: {draft.kind or ''}" if verbatim else "kind: journal-article",
        "# 发文字号（在文中找到 found in the text）",
        f"doc_number: {_q(draft.doc_number) if draft.doc_number else ''}",
        f"index_number: {_q(draft.index_number) if draft.index_number else ''}",
        "# 发文机关或作者单位 / issuing bodies or authors' institutions",
        "issuers:",
        f"  - zh: {_q(draft.issuer) if draft.issuer else ''}",
        "# 层级 level: national | provincial | municipal | county | township | community"
        + (f"（{inferred} / inferred from the name）" if draft.level else ""),
        f"level: {draft.level or ''}",
        "# 地区 / region",
        "region:",
        f"  zh: {_q(draft.region) if draft.region else ''}",
        "# 成文日期、发布日期 YYYY-MM-DD / date written, published",
        f"written: {draft.written.isoformat() if draft.written else ''}",
        f"published: {draft.published.isoformat() if draft.published else ''}",
        f"year: {day.year if (day := draft.written or draft.published) else ''}",
        "status: unknown",
        "# full：全文照录（政府文件）；summary：本站转述（文章）/ full for government documents, summary for articles",
        f"reproduction: {'full' if verbatim else 'summary'}",
        "source:",
        f"  url: {_q(intake.url) if intake.url else ''}",
        "  # 发布或转载的网站、报刊 / website or periodical that published the text",
        "  publisher:",
        f"    zh: {_q(publisher) if publisher else ''}",
        f"  capture: {_q(capture)}",
        "# 内容摘要 / summary",
        "summary:",
        "  zh:",
        "# 主题 id / theme ids",
        "themes: []",
        "# 章节与条款：按原文标题切分" + ("，条款原文照录" if verbatim else "；文章请用自己的话写每条 text") + " / sections and clauses",
        "sections:",
    ]
    for s_index, section in enumerate(draft.sections):
        number = s_index if draft.sections[0].label is None else s_index + 1
        lines += [f"  - id: s{number}", f"    label: {_q(section.label)}" if section.label else "    label:",
                  "    heading:", f"      zh: {_q(section.heading)}", "    clauses:"]
        for c_index, clause in enumerate(section.clauses, start=1):
            lines.append(f"      - id: s{number}-{c_index}")
            if clause.label:
                lines.append(f"        label: {_q(clause.label)}")
            if clause.heading:
                lines += ["        heading:", f"          zh: {_q(clause.heading)}"]
            lines += ["        text:", f"          zh: {_q(clause.text) if verbatim else ''}"]
    lines += ["# 本文件陈述的目标、标准和观测值 / targets, standards and observations", "facts: []"]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def source_add_command(intake: Intake, project: Project) -> int:
    """Run ``compendium source add``; write nothing unless every target is free."""
    root = project.root
    try:
        source = extract_source(intake.file)
    except IntakeError as error:
        print(f"错误：{error.zh} / error: {error.en}", file=sys.stderr)
        return 1
    text = source.text
    draft = split_document(text, source.fields)
    entry_id = intake.entry_id or _suggested_id(draft.title)
    if not entry_id:
        print("错误：没有找到标题，请用 --id 给出文件 id / error: no title found; give the document id with --id", file=sys.stderr)
        return 2
    wrong = id_problem(entry_id)  # the id names the capture, fingerprint and entry files: never a path
    if wrong is not None:
        print(f"错误：id “{entry_id}” {wrong[0]} / error: id '{entry_id}': {wrong[1]}", file=sys.stderr)
        return 2
    capture = f"{entry_id}.txt"
    targets = {
        "capture": root / CAPTURES / capture,
        "fingerprint": root / FINGERPRINTS / f"{capture}.json",
        "entry": root / project.kinds["document"].source / f"{entry_id}.yml",
    }
    if intake.fingerprint_only:
        del targets["capture"]
    taken = [path for path in targets.values() if path.exists()]
    if taken:
        print(f"错误：{', '.join(map(str, taken))} 已存在，未做任何改动；请用 --id 换一个 id / error: {', '.join(map(str, taken))} "
              "already exists and was left untouched; choose another id with --id", file=sys.stderr)
        return 1
    if not draft.sections:
        print("错误：没有找到正文 / error: no body text found", file=sys.stderr)
        return 1
    for path in targets.values():
        path.parent.mkdir(parents=True, exist_ok=True)
    kept = capture_text(source)
    if "capture" in targets:
        targets["capture"].write_text(kept, encoding="utf-8")
    targets["fingerprint"].write_text(Fingerprint.of_text(capture, kept).to_json(), encoding="utf-8")
    with targets["entry"].open("x", encoding="utf-8") as entry:
        entry.write(skeleton_yaml(draft, entry_id, capture, intake, source))
    for path in targets.values():
        print(path)
    _report(draft, source)
    return 0


def _report(draft: DocumentDraft, source: SourceText) -> None:
    """What was found, what was left out and what was changed, for the editor to check."""
    def say(zh: str, en: str) -> None:
        print(f"{zh} / {en}", file=sys.stderr)

    if source.changes:
        say(f"PDF 文字层中有 {len(source.changes)} 个字按字形改成了规范字（如“⼾籍”→“户籍”），逐一列在下面和条目文件开头，请与原文核对：",
            f"{len(source.changes)} characters of the PDF's text layer were changed to the standard character their glyph shows "
            "(⼾籍 → 户籍); each is listed below and at the top of the entry; proofread them:")
        for line in summarise(source.changes):
            print(f"  {line}", file=sys.stderr)
    elif source.kind == "pdf":
        say("PDF 的文字经字体映射得到，请与原文逐字核对。", "a PDF's text comes through its fonts; proofread it against the original.")
    if draft.attachments:
        say(f"附件不作为条款：{'；'.join(draft.attachments)}", f"attachments, not clauses: {'; '.join(draft.attachments)}")
    clauses = sum(len(section.clauses) for section in draft.sections)
    found = "；".join(f"{name} {value}" for name, value in (
        ("标题", draft.title), ("文号", draft.doc_number), ("索引号", draft.index_number), ("成文日期", draft.written),
        ("发布日期", draft.published), ("文种", draft.kind), ("层级", draft.level), ("地区", draft.region)) if value)
    say(f"找到 {len(draft.sections)} 个章节、{clauses} 条条款；{found or '没有找到元数据'}。请核对并填写空着的字段，然后运行 "
        "compendium check。", f"found {len(draft.sections)} sections and {clauses} clauses; check the metadata, fill in the "
        "empty fields, then run compendium check.")
