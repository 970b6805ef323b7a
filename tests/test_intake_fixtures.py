"""`compendium source add` on one notice in the four forms editors start from: a saved web page, Word, PDF, a printed page.

The notice (tests/data/intake, invented for these tests; see its README) has what real ones have: page chrome
with a search box and a metadata table, a 版头, the 文号, a title on two lines, a salutation, numbered items,
a closing paragraph, the 附件 list, signature, date, （此件主动公开）, and a 版记 with 抄送 and 印发.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.editor.extract import extract_source
from generator.editor.pdflines import pdf_paragraphs
from generator.editor.splitter import split_document

INTAKE = Path(__file__).parent / "data" / "intake"
TITLE = "湖南省民政厅关于开展城乡社区协商示范点创建工作的通知"
COMMON = {"title": TITLE, "doc_number": "湘民发〔2021〕12号", "written": date(2021, 6, 2), "kind": "notice",
          "level": "provincial", "region": "湖南省", "issuer": "湖南省民政厅"}
FROM_PAGE = {"index_number": "4300000066/2021-00123", "published": date(2021, 6, 8), "publisher": "湖南省民政厅"}
NOT_ON_PAPER = {"index_number": None, "published": None, "publisher": None}  # a Word file or its PDF has no page around it
EXPECTED = {
    "hunan-notice.html": {**COMMON, **FROM_PAGE},
    "hunan-notice.docx": {**COMMON, **NOT_ON_PAPER},
    "hunan-notice.pdf": {**COMMON, **NOT_ON_PAPER},
    "hunan-notice-printed.pdf": {**COMMON, **FROM_PAGE},
}
# The clauses, in order, as label + heading + text: the salutation first, each numbered item on its own.
CLAUSES = [
    "各市州民政局：",
    "为贯彻落实《中共中央 国务院关于加强基层治理体系和治理能力现代化建设的意见》和中共中央办公厅、国务院办公厅《关于加强城乡社区协商的"
    "意见》，推进城乡社区协商制度化、规范化、程序化，省民政厅决定在全省开展城乡社区协商示范点创建工作。现将有关事项通知如下：",
    "（一）总体目标。2021年至2022年，全省创建城乡社区协商示范点300个，其中城市社区100个、农村社区200个，形成一批可复制、可推广的城乡社区"
    "协商经验。",
    "（二）年度安排。2021年、2022年每年各创建示范点150个。各市州按照分配名额组织申报（名额见附件1）。",
    "（一）协商机制健全。示范点应当具备以下条件：",
    "1．建立由社区党组织领导、居（村）民委员会组织实施的协商议事机构，议事规则和协商程序完整规范；",
    "2．制定年度协商目录，明确协商内容、协商主体、协商形式和协商程序，并在社区公开栏和网络平台公布；",
    "3．每季度至少开展一次协商活动，协商过程和协商结果及时向居（村）民公开，接受群众监督。",
    "（二）协商成果落实。协商形成的意见建议有办理、有反馈，涉及户籍迁移、住房保障、养老服务等居民切身利益的事项优先纳入协商，居（村）民对"
    "协商结果的满意度达到90%以上。",
    "（一）申报推荐（2021年6月至7月）。各市州民政局组织县市区开展申报，择优推荐，于2021年7月30日前将推荐名单和申报表（见附件2）报送省"
    "民政厅。",
    "（二）评估认定（2021年8月至10月）。省民政厅组织专家对推荐社区进行实地评估，评估结果在省民政厅门户网站公示，公示无异议的认定为城乡"
    "社区协商示范点。",
    "（三）总结推广（2021年11月至12月）。各地及时总结示范点的经验做法，省民政厅择优汇编印发，在全省推广。",
    "（一）加强组织领导。各市州民政局要把示范点创建工作列入年度重点工作，明确专人负责，加强对县市区的指导和督促。",
    "（二）强化宣传推广。各地要充分利用报刊、广播电视和网络平台，宣传城乡社区协商的好经验好做法，营造全社会关心支持城乡社区协商的良好氛围。",
    "请各市州民政局高度重视，认真组织实施。工作中遇到的问题，请及时与省民政厅基层政权建设和社区治理处联系。",
]
SECTIONS = [(None, "正文开头"), ("一、", "创建目标"), ("二、", "创建标准"), ("三、", "工作步骤"), ("四、", "工作要求"), (None, "结尾")]
ATTACHMENTS = ["湖南省城乡社区协商示范点名额分配表", "湖南省城乡社区协商示范点申报表"]
END_MATTER = ("附件", "湖南省民政厅", "2021年6月2日", "此件主动公开", "抄送", "印发", "联系人", "相关文章", "网站")


def _without_spaces(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("name", list(EXPECTED))
def test_each_form_of_the_notice_gives_the_exact_metadata_and_clauses(name: str) -> None:
    source = extract_source(INTAKE / name)
    draft = split_document(source.text, source.fields)
    for field, value in EXPECTED[name].items():
        assert getattr(draft, field) == value, f"{name}: {field}"
    assert draft.level_certain and draft.attachments == ATTACHMENTS
    assert [(section.label, section.heading) for section in draft.sections] == SECTIONS
    clauses = [clause.verbatim for section in draft.sections for clause in section.clauses]
    # a PDF's text layer has no spaces to give back ("中共中央 国务院"); everything else is exact
    assert [_without_spaces(clause) for clause in clauses] == [_without_spaces(clause) for clause in CLAUSES], name
    if source.kind != "pdf":
        assert clauses == CLAUSES
    for clause in clauses[1:]:
        assert not clause.startswith(END_MATTER), f"end matter became a clause: {clause}"
    assert "湖南省民政厅_通知公告" not in (draft.title or ""), "never the browser title"


def test_the_printed_pages_radicals_are_put_back_and_each_is_listed() -> None:
    """Chromium names the Kangxi radical ⼾ for 户 (民 ⺠, 示 ⽰ …): NFKC would make it 戶; the page showed 户."""
    source = extract_source(INTAKE / "hunan-notice-printed.pdf")
    assert "户籍迁移" in source.text and "门户网站" in source.text
    assert not any(ch in source.text for ch in "戶⼾⺠⽰")
    twins = [change for change in source.changes if change.found == "⼾"]
    assert [(change.replaced, change.context) for change in twins] == [("户", "馈，涉及户籍迁移、"), ("户", "民政厅门户网站公示")]
    # every character that differs from the text layer is listed, at its place
    raw = pdf_paragraphs(INTAKE / "hunan-notice-printed.pdf")
    fixed = source.text.split("\n")
    differing = [(n, i + 1) for n, (a, b) in enumerate(zip(raw, fixed, strict=True), 1) for i, (x, y) in enumerate(zip(a, b, strict=True))
                 if x != y]
    assert differing == [(change.paragraph, change.column) for change in source.changes] and len(differing) > 100
    assert extract_source(INTAKE / "hunan-notice.pdf").changes == [], "LibreOffice's text layer needs no change"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "project"
    shutil.copytree(Path(__file__).parent / "data" / "valid", root)
    (root / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")
    shutil.copytree(Path(__file__).parent / "data" / "sources", root / "sources" / "captures")
    monkeypatch.chdir(root)
    monkeypatch.setenv("COMPENDIUM_SOURCES", str(tmp_path / "no-shared-sources"))
    return root


@pytest.mark.parametrize("name", ["hunan-notice.html", "hunan-notice-printed.pdf"])
def test_source_add_writes_an_entry_that_needs_only_a_summary(project: Path, name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["source", "add", str(INTAKE / name), "--id", "hunan-notice", "--url", "https://mzt.example.gov.cn/x.html"]) == 0
    err = capsys.readouterr().err
    assert "附件不作为条款" in err and ATTACHMENTS[0] in err
    entry = project / "policies" / "hunan-notice.yml"
    text = entry.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["title"]["zh"] == TITLE and data["doc_number"] == "湘民发〔2021〕12号"
    assert data["index_number"] == "4300000066/2021-00123"
    assert (data["written"], data["published"], data["year"]) == (date(2021, 6, 2), date(2021, 6, 8), 2021)
    assert (data["kind"], data["level"], data["region"]["zh"]) == ("notice", "provincial", "湖南省")
    assert data["issuers"][0]["zh"] == "湖南省民政厅" and data["source"]["publisher"]["zh"] == "湖南省民政厅"
    assert data["sections"][0]["clauses"][0]["text"]["zh"] == "各市州民政局："
    assert f"#   1．{ATTACHMENTS[0]}" in text, "the attachments are recorded for the editor"
    if name.endswith(".pdf"):
        assert "⼾（U+2F3E）→ 户 ×2" in err and "⼾（U+2F3E）→ 户 ×2" in text, "every changed character is listed"
    capsys.readouterr()
    assert main(["check", str(entry), "--lang", "en"]) == 1
    assert capsys.readouterr().out.count("hunan-notice.yml:") == 1, "only the summary is left to write"
    entry.write_text(text.replace("summary:\n  zh:\n", "summary:\n  zh: 部署城乡社区协商示范点创建。\n"), encoding="utf-8")
    assert main(["check", str(entry), "--lang", "en"]) == 0, capsys.readouterr().out
