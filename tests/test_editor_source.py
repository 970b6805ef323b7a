"""`compendium source add`: the three government seed texts split like the hand-made entries, text kept exactly."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.content.pipeline import check_corpus
from generator.content.sources import Fingerprint, default_sources_dir, normalise
from generator.editor.splitter import DocumentDraft, split_document

ROOT = Path(__file__).parent.parent
SOURCES = default_sources_dir(ROOT)
SEEDS = ("001", "002", "003")  # the government documents among the captured sources


def _seed(number: str) -> Path:
    found = sorted(SOURCES.glob(f"{number}_*.txt")) if SOURCES.is_dir() else []
    if not found:
        message = f"captured sources not found at {SOURCES} (set COMPENDIUM_SOURCES)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found[0]


def _hand_made(capture: str):  # type: ignore[no-untyped-def]
    corpus = check_corpus([ROOT], None).corpus
    return next(document for document in corpus.documents.values() if document.source.capture == capture)


def _paragraph_lines(text: str) -> list[str]:
    return [normalise(line) for line in text.splitlines()]


def clause_lines(source: str, clause_texts: list[str]) -> list[int | None]:
    """The source line (paragraph) each clause starts in, searching forward in order."""
    lines = _paragraph_lines(source)
    found: list[int | None] = []
    cursor = 0
    for text in clause_texts:
        probe = normalise(text)[:12]
        index = next((i for i in range(cursor, len(lines)) if probe and probe in lines[i]), None)
        found.append(index)
        cursor = index if index is not None else cursor
    return found


def boundary_agreement(source: str, draft: DocumentDraft, hand_clauses: list[str]) -> tuple[float, float]:
    """(share of the hand-made clause boundaries the skeleton has, share of the skeleton's that the hand-made entry has)."""
    hand = set(clause_lines(source, hand_clauses)) - {None}
    mine = set(clause_lines(source, [clause.text for section in draft.sections for clause in section.clauses])) - {None}
    return len(hand & mine) / len(hand), len(hand & mine) / len(mine)


@pytest.mark.parametrize("number", SEEDS)
def test_seed_skeleton_reproduces_the_source_and_matches_the_hand_made_clauses(number: str) -> None:
    path = _seed(number)
    source = path.read_text(encoding="utf-8")
    draft = split_document(source)
    # Exactly the source: every line is either in the body, verbatim and in order, or dropped as navigation/metadata.
    kept = [line for line in (re.sub(r"[\s\u3000\xa0]+", " ", raw).strip() for raw in source.splitlines()) if line]
    for line in draft.dropped:
        kept.remove(line)  # one occurrence: a signature line may repeat a header line
    assert normalise(draft.body()) == normalise("".join(kept))
    # what is left out is the page's, the heading's or the end matter's: never a sentence of the body
    assert not [line for line in draft.dropped if "。" in line and not line.startswith(("联系人", "版权", "主办"))]
    document = _hand_made(path.name)
    hand = [clause.text.zh for section in document.sections for clause in section.clauses]
    recall, precision = boundary_agreement(source, draft, hand)
    print(f"{number} {document.id}: {len(hand)} hand-made clauses, {sum(len(s.clauses) for s in draft.sections)} in the "
          f"skeleton; boundaries matched: {recall:.1%} of the hand-made, {precision:.1%} of the skeleton's")
    assert recall >= 0.9 and precision >= 0.9
    assert [s.label for s in draft.sections if s.label] == [s.label for s in document.sections if s.label]
    # Metadata found in the text agrees with what the editors wrote by hand.
    assert draft.doc_number == document.doc_number
    assert draft.written == document.written
    if document.doc_number:  # the two that name their issuer (the 2017 page names only the department that reposted it)
        assert draft.issuer in [issuer.zh for issuer in document.issuers]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "project"
    shutil.copytree(ROOT / "tests" / "data" / "valid", root)
    (root / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")
    shutil.copytree(ROOT / "tests" / "data" / "sources", root / "sources" / "captures")
    monkeypatch.chdir(root)
    monkeypatch.setenv("COMPENDIUM_SOURCES", str(tmp_path / "no-shared-sources"))
    return root


def _fill(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for key, value in (("  publisher:\n    zh:", "  publisher:\n    zh: 河南省民政厅"),
                       ("summary:\n  zh:", "summary:\n  zh: 对提案的答复。")):
        text = text.replace(f"{key}\n", f"{value}\n", 1)
    path.write_text(text, encoding="utf-8")


def test_source_add_end_to_end(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed = _seed("003")
    assert main(["source", "add", str(seed), "--id", "reply-1310536", "--url", "https://example.gov.cn/x.html"]) == 0
    capture = project / "sources" / "captures" / "reply-1310536.txt"
    entry = project / "policies" / "reply-1310536.yml"
    assert capture.read_text(encoding="utf-8") == seed.read_text(encoding="utf-8")
    fingerprint = Fingerprint.read(project / "sources" / "fingerprints" / "reply-1310536.txt.json")
    assert fingerprint.contains("着力提升党组织领导的自治强基")
    data = yaml.safe_load(entry.read_text(encoding="utf-8"))
    assert data["doc_number"] == "豫民议〔2023〕49号" and data["kind"] == "reply" and data["reproduction"] == "full"
    capsys.readouterr()
    assert main(["check", str(entry), "--lang", "en"]) == 1, "the editor still has to fill in publisher and summary"
    report = capsys.readouterr().out
    assert report.count("reply-1310536.yml:") == 2, report
    assert data["level"] == "provincial" and data["region"] == {"zh": "河南省"}, "level and region come from the issuer"
    _fill(entry)
    assert main(["check", "--lang", "en"]) == 0, capsys.readouterr().out
    # A case may now quote the new document, and the quote is verified against the capture in the repository.
    quote = yaml.safe_load(entry.read_text(encoding="utf-8"))["sections"][2]["clauses"][2]["text"]["zh"][:16]
    case = project / "casebook" / "model-community.yml"
    case.write_text(case.read_text(encoding="utf-8") + f"  - ref: reply-1310536#s2-3\n    quote: {quote}\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["check", str(case), "--lang", "en"]) == 0, capsys.readouterr().out
    case.write_text(case.read_text(encoding="utf-8").replace(quote, quote[:-1] + "某"), encoding="utf-8")
    capsys.readouterr()
    assert main(["check", str(case), "--lang", "en"]) == 1
    assert "[quote-not-in-source]" in capsys.readouterr().out


def test_source_add_never_overwrites(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed = _seed("003")
    assert main(["source", "add", str(seed), "--id", "reply"]) == 0
    written = {path: path.read_bytes() for path in project.rglob("*") if path.is_file()}
    other = project / "other.txt"
    other.write_text("另一个文件\n一、标题\n（一）内容。正文。\n", encoding="utf-8")
    assert main(["source", "add", str(other), "--id", "reply"]) == 1
    assert "已存在" in capsys.readouterr().err
    assert {path: path.read_bytes() for path in written} == written


def test_fingerprint_only_keeps_no_text(project: Path) -> None:
    seed = _seed("003")
    assert main(["source", "add", str(seed), "--id", "article", "--fingerprint-only"]) == 0
    assert not (project / "sources" / "captures" / "article.txt").exists()
    assert (project / "sources" / "fingerprints" / "article.txt.json").is_file()
    entry = (project / "policies" / "article.yml").read_text(encoding="utf-8")
    assert "reproduction: summary" in entry
    assert "着力提升党组织领导" not in entry, "an article's text is not copied into the entry"


def _seed_paragraphs() -> list[str]:
    return [line.strip() for line in _seed("003").read_text(encoding="utf-8").splitlines() if line.strip()]


def _clauses(draft: DocumentDraft) -> list[str]:
    return [normalise(clause.verbatim) for section in draft.sections for clause in section.clauses]


def test_a_saved_government_web_page_gives_the_same_clauses(project: Path) -> None:
    paragraphs = _seed_paragraphs()
    body = "\n".join(f"<p>{line}</p>" for line in paragraphs[:-4])  # the page's own footer is replaced by the site's
    page = f"""<!DOCTYPE html><html><head><meta charset="gbk"><title>{paragraphs[0]}_河南省民政厅</title></head><body>
<div class="nav"><a href="/">首页</a> <a href="/zwgk">政务公开</a> <a href="/bsfw">办事服务</a> <a href="/hdjl">互动交流</a></div>
<div class="crumb">您现在的位置：首页 &gt; 政务公开 &gt; 建议提案办理</div>
<div class="article"><h1>{paragraphs[0]}</h1>{body}</div>
<div class="share">分享到：微信 微博</div>
<div class="footer"><p>主办单位：河南省民政厅 版权所有</p><p>豫ICP备00000000号</p><a href="/map">网站地图</a></div>
</body></html>"""
    saved = project / "saved.html"
    saved.write_bytes(page.encode("gb18030"))
    assert main(["source", "add", str(saved), "--id", "from-html"]) == 0
    capture = (project / "sources" / "captures" / "from-html.txt").read_text(encoding="utf-8")
    assert "网站地图" not in capture and "您现在的位置" not in capture and "微博" not in capture
    from_text = split_document("\n".join(paragraphs))
    from_html = split_document(capture)
    assert _clauses(from_html) == _clauses(from_text)
    data = yaml.safe_load((project / "policies" / "from-html.yml").read_text(encoding="utf-8"))
    assert data["doc_number"] == "豫民议〔2023〕49号"


def test_a_docx_gives_the_same_clauses(project: Path) -> None:
    import docx

    paragraphs = _seed_paragraphs()
    document = docx.Document()
    for line in paragraphs:
        document.add_paragraph(line)
    document.save(str(project / "reply.docx"))
    assert main(["source", "add", str(project / "reply.docx"), "--id", "from-docx"]) == 0
    from_docx = split_document((project / "sources" / "captures" / "from-docx.txt").read_text(encoding="utf-8"))
    assert _clauses(from_docx) == _clauses(split_document("\n".join(paragraphs)))


@pytest.mark.browser
def test_a_pdf_with_a_text_layer_gives_the_same_clauses(project: Path, browser, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    """A PDF printed by Chromium (A4, wrapped lines): the printed lines are joined back into paragraphs."""
    paragraphs = _seed_paragraphs()[:-7]
    page = browser.new_page()
    try:
        body = "".join(f'<p style="text-indent:2em;margin:0">{line}</p>' for line in paragraphs)
        page.set_content(f'<html lang="zh-CN"><body style="font: 16px \'Noto Sans CJK SC\', sans-serif; width: 170mm">{body}</body></html>')
        page.pdf(path=str(project / "reply.pdf"), format="A4")
        page.set_content("<html><body><div style='width:10mm;height:10mm;background:#000'></div></body></html>")
        page.pdf(path=str(project / "scan.pdf"), format="A4")
    finally:
        page.close()
    assert main(["source", "add", str(project / "reply.pdf"), "--id", "from-pdf"]) == 0
    from_pdf = split_document((project / "sources" / "captures" / "from-pdf.txt").read_text(encoding="utf-8"))
    expected = _clauses(split_document("\n".join(paragraphs)))
    # Chromium's text layer names the Kangxi radical ⼾ for 户 (and ⺠ for 民 …): put back as the page showed them,
    # every one listed, so the clauses are exactly those of the text, boundaries and all.
    assert _clauses(from_pdf) == expected
    err = capsys.readouterr().err
    assert "⼾（U+2F3E）→ 户" in err and "戶" not in (project / "sources" / "captures" / "from-pdf.txt").read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["source", "add", str(project / "scan.pdf"), "--id", "scan"]) == 1
    assert "没有文字层" in capsys.readouterr().err
    assert not (project / "policies" / "scan.yml").exists()


def test_unsupported_files_get_a_message(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = project / "notice.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    assert main(["source", "add", str(old)]) == 1
    assert "另存为 .docx" in capsys.readouterr().err
    gbk = project / "notice.txt"
    gbk.write_bytes("关于开展社区议事的通知\n一、工作目标\n（一）总体目标。到2025年，议事厅全覆盖。\n".encode("gbk"))
    assert main(["source", "add", str(gbk), "--id", "gbk-notice"]) == 0
    assert "议事厅全覆盖" in (project / "sources" / "captures" / "gbk-notice.txt").read_text(encoding="utf-8")
