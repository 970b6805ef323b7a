"""Course entries (courses/<id>.yml): checks with exact positions, and every output opened and read back."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from generator.content.citations import anchor_label
from generator.content.pipeline import check_corpus
from generator.content.reference import _all_models
from generator.courses.model import Course
from generator.courses.problems import COURSE_PROBLEMS
from tests.gift import GiftError, parse_gift

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
VALID = DATA / "valid"
SOURCES = DATA / "sources"
COURSES = DATA / "courses"
FIXTURES = sorted(path for path in (COURSES / "with-problems").iterdir() if path.is_dir())
INDUCTION = "xin-ren-she-qu-gong-zuo-zhe-ru-zhi"
CONSULTATION = "xie-shang-gong-zuo-fa-an-li-yan-tao"
BASE_URL = "https://compendium.example.cn/"
CLI_DOC = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# ----- checks -----
def test_fixture_course_has_no_problems(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(VALID), str(COURSES / "valid"), "--sources", str(SOURCES))
    assert code == 0, out


@pytest.mark.parametrize("fixture", FIXTURES, ids=[path.name for path in FIXTURES])
def test_each_course_problem_is_reported_at_its_position(fixture: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(VALID), str(fixture), "--sources", str(SOURCES), "--lang", "en")
    assert code == 1
    found = [line.split("] ")[0] + "]" for line in out.splitlines() if "[" in line]
    prefix = f"{fixture.relative_to(Path.cwd()) if fixture.is_relative_to(Path.cwd()) else fixture}/"
    found = [line.replace(prefix, "") for line in found]
    assert found == (fixture / "expected.txt").read_text(encoding="utf-8").splitlines(), out
    assert any(f"[{fixture.name}]" in line for line in found)


def test_every_course_problem_has_a_fixture_two_languages_and_documentation() -> None:
    names = {path.name for path in FIXTURES}
    for cls in COURSE_PROBLEMS:
        assert cls.code in names, cls.code
        assert f"`{cls.code}`" in CLI_DOC, cls.code
        assert any("\u4e00" <= char <= "\u9fff" for char in cls.template_zh) and cls.template_zh != cls.template_en


def test_course_messages_are_chinese_then_english(capsys: pytest.CaptureFixture[str]) -> None:
    fixture = COURSES / "with-problems" / "course-over-time"
    _, out, _ = run(capsys, "check", str(VALID), str(fixture), "--sources", str(SOURCES))
    assert ("各单元时长合计 85 分钟，超过课程总时长 total_minutes: 60 / "
            "the sessions add up to 85 minutes, more than total_minutes: 60") in out


def test_every_course_field_is_described_in_both_languages() -> None:
    from generator.content.reference import _all_models as models_of_content  # noqa: F401 - the content models' own test
    seen: set[type] = set()
    stack: list[type] = [Course]
    while stack:
        model = stack.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            zh, sep, en = (info.description or "").partition(" / ")
            assert sep and re.search(r"[\u4e00-\u9fff]", zh) and en.strip(), f"{model.__name__}.{name}"
            for arg in re.findall(r"\b([A-Z][A-Za-z]+)\b", str(info.annotation)):
                candidate = getattr(__import__("generator.courses.model", fromlist=[arg]), arg, None)
                if isinstance(candidate, type) and hasattr(candidate, "model_fields"):
                    stack.append(candidate)
    assert len(seen) >= 6
    assert _all_models  # the content models are covered by tests/test_docs.py


def test_the_two_real_courses_pass_every_check() -> None:
    result = check_corpus([ROOT], None)
    assert not result.problems, result.problems[:3]
    assert set(result.courses.courses) == {INDUCTION, CONSULTATION}


def test_a_course_pulling_an_entry_that_was_renamed_fails_the_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The point of pulling by id: a corrected or renamed entry cannot leave a course silently stale."""
    for name in ("policies", "casebook", "glossary", "themes", "courses"):
        shutil.copytree(ROOT / name, tmp_path / name)
    case = tmp_path / "casebook" / "lian-yuan-wu-chang-hui.yml"
    case.rename(case.with_name("lian-yuan.yml"))
    text = case.with_name("lian-yuan.yml").read_text(encoding="utf-8").replace("id: lian-yuan-wu-chang-hui", "id: lian-yuan")
    case.with_name("lian-yuan.yml").write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "check", str(tmp_path), "--lang", "en")
    assert code == 1
    assert f"courses/{CONSULTATION}.yml:" in out and "[missing-reference] referenced case 'lian-yuan-wu-chang-hui'" in out


# ----- the pack -----
@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from generator.courses.files import pack_files
    from generator.courses.pack import write_pack
    from generator.courses.pdf import pdf_unavailable_reason

    result = check_corpus([ROOT], None)
    folder = tmp_path_factory.mktemp("pack") / INDUCTION
    written = write_pack(result.courses.courses[INDUCTION], result.corpus, folder, lang="zh", base_url=BASE_URL)
    pdf = pdf_unavailable_reason() is None
    files = {role: folder / item.name for role, item in pack_files(INDUCTION, "zh", quiz=True, pdf=pdf).items()}
    assert sorted([*written.files, written.zip_path]) == sorted(files.values()), written.notes  # type: ignore[type-var]
    return files


def _docx_text(path: Path) -> str:
    from docx import Document

    document = Document(str(path))
    texts = [paragraph.text for paragraph in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(texts)


def test_docx_handouts_hold_the_title_and_every_pulled_case(pack: dict[str, Path]) -> None:
    course = check_corpus([ROOT], None)
    corpus, induction = course.corpus, course.courses.courses[INDUCTION]
    cases = [corpus.cases[case_id].name.zh for session in induction.sessions for case_id in session.cases]
    assert len(cases) == 2
    for role in ("handbook", "lesson_plan"):
        text = _docx_text(pack[role])
        assert induction.title.zh in text
        for name in cases:
            assert name in text, (role, name)
        reply = corpus.documents["henan-2023-reply-proposal-1310536"]
        assert f"《对省政协第1310536号提案的答复》 {anchor_label(corpus, reply, 's1-3', 'zh')}" in text  # every fact carries its source
        assert not re.search(r"(?<!#)\bs\d+-\d+\b", text)  # the clause's printed numbering, never its id (but in addresses)
        assert f"{BASE_URL}cases/yi-you-qi-zhong-xin.html" in text
    learner, teacher = _docx_text(pack["handbook"]), _docx_text(pack["lesson_plan"])
    assert "参考答案" not in learner and "板书设计" not in learner
    assert "参考答案：300平方米" in teacher and "板书设计" in teacher and "教师提示" in teacher


def test_docx_sets_east_asian_fonts_and_explicit_table_widths(pack: dict[str, Path]) -> None:
    with zipfile.ZipFile(pack["handbook"]) as archive:
        styles = archive.read("word/styles.xml").decode("utf-8")
        body = archive.read("word/document.xml").decode("utf-8")
    assert 'w:eastAsia="SimSun"' in styles and 'w:eastAsia="SimHei"' in styles
    assert "<w:tblW " in body and 'w:type="dxa"' in body and "<w:tcW " in body and "<w:gridCol " in body
    assert '<w:tblLayout w:type="fixed"/>' in body
    grid = [int(width) for width in re.findall(r'<w:gridCol w:w="(\d+)"', body)]
    assert grid and all(width > 0 for width in grid)
    assert "目录" in _docx_text(pack["handbook"]) and "TOC \\o" not in body  # a static contents list, no field to update


def test_article_quotes_stay_out_of_the_exports_and_the_readme_says_so(pack: dict[str, Path]) -> None:
    article_quote = "持续推进“一有七中心”规范化社区建设，全省城乡社区综合服务设施覆盖率分别达100%和90.1%"
    government_quote = "截至2022年底,累计建成规范化社区4500个,占比61.4%"
    for role in ("handbook", "lesson_plan"):
        text = _docx_text(pack[role])
        assert government_quote in text
        assert article_quote not in text
        assert "文章原文不随讲义分发" in text
    readme = pack["readme"].read_text(encoding="utf-8")
    corpus = check_corpus([ROOT], None).corpus
    place = anchor_label(corpus, corpus.documents["henan-six-measures-article"], "s1-3", "zh")
    assert f"未转载：案例“‘一有七中心’规范化社区创建”引自《河南：六措并举推动社区治理水平》 {place}" in readme


def test_pptx_has_a_slide_per_session_and_case_with_speaker_notes(pack: dict[str, Path]) -> None:
    from pptx import Presentation

    deck = Presentation(str(pack["slides"]))
    induction = check_corpus([ROOT], None).courses.courses[INDUCTION]
    titles = [slide.shapes.title.text_frame.text for slide in deck.slides]
    sessions = [session.title.zh for session in induction.sessions]
    cases = sum(len(session.cases) for session in induction.sessions)
    assert len(deck.slides) == 3 + len(sessions) + cases + 1  # title, objectives, schedule … sources
    for number, title in enumerate(sessions, start=1):
        assert f"{number}. {title}" in titles
    assert "案例：“一有七中心”规范化社区创建" in titles
    notes = {slide.shapes.title.text_frame.text: slide.notes_slide.notes_text_frame.text for slide in deck.slides if slide.has_notes_slide}
    assert induction.sessions[1].instructor_notes.zh in notes[f"2. {sessions[1]}"]  # type: ignore[union-attr]
    assert "板书：一有：党组织" in notes[f"2. {sessions[1]}"]
    with zipfile.ZipFile(pack["slides"]) as archive:
        slide_xml = archive.read("ppt/slides/slide4.xml").decode("utf-8")
    assert '<a:ea typeface="Noto Sans CJK SC"/>' in slide_xml and "<p:pic" not in slide_xml  # editable text, not pictures


def test_default_slides_put_white_titles_on_a_navy_band_above_the_text(pack: dict[str, Path]) -> None:
    """The band covers every content slide's title and ends above its text; white on navy is at least 4.5:1."""
    from pptx import Presentation

    deck = Presentation(str(pack["slides"]))
    master = deck.slide_masters[0]
    band = next(shape for shape in master.shapes if shape.name == "Title band")
    assert (band.left, band.width) == (0, deck.slide_width)
    colour = band.fill.fore_color.rgb
    assert _contrast((255, 255, 255), (colour[0], colour[1], colour[2])) >= 4.5
    assert 'algn="l"' in _xml(master) and '<a:srgbClr val="FFFFFF"/>' in _xml(master).split("<p:titleStyle>")[1].split("</a:defRPr>")[0]
    for slide in list(deck.slides)[1:]:
        title = slide.shapes.title
        body = next(shape for shape in slide.placeholders if shape.placeholder_format.idx == 1)
        assert band.top <= title.top and title.top + title.height <= band.top + band.height
        assert body.top >= band.top + band.height, "the text starts below the band"


def _xml(part_owner: Any) -> str:
    from lxml import etree

    return etree.tostring(part_owner._element, encoding="unicode")


def _contrast(first: tuple[int, int, int], second: tuple[int, int, int]) -> float:
    def luminance(rgb: tuple[int, int, int]) -> float:
        linear = [c / 255 / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_pptx_uses_a_replaced_template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pptx import Presentation
    from pptx.util import Emu

    template = Presentation(str(ROOT / "generator" / "courses" / "template.pptx"))
    template.slide_width, template.slide_height = Emu(9144000), Emu(6858000)  # a trainer's 4:3 template
    template.save(str(tmp_path / "mine.pptx"))
    code, _, _ = run(capsys, "course", CONSULTATION, "--root", str(ROOT), "--out", str(tmp_path / "out"),
                     "--template", str(tmp_path / "mine.pptx"), "--base-url", BASE_URL)
    assert code == 0
    deck = Presentation(str(tmp_path / "out" / CONSULTATION / f"{CONSULTATION}-slides.pptx"))
    assert deck.slide_width == 9144000


def _need(available: bool, what: str) -> None:
    """Skip when a system tool is missing, unless $CI is set (.ci/run installs it): then fail."""
    if not available:
        if os.environ.get("CI"):
            pytest.fail(f"{what} is missing; .ci/run installs it")
        pytest.skip(f"{what} is missing")


def test_pdf_is_a4_with_an_embedded_cjk_font_and_text(pack: dict[str, Path]) -> None:
    _need("pdf" in pack, "WeasyPrint with Pango, or a CJK font (fonts-noto-cjk)")
    _need(shutil.which("pdffonts") is not None, "poppler-utils (pdffonts, pdftotext, pdfinfo)")
    fonts = subprocess.run(["pdffonts", str(pack["pdf"])], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines() if "CJK" in line]
    assert cjk and all(" yes yes " in line for line in cjk), fonts  # embedded, subset
    info = subprocess.run(["pdfinfo", str(pack["pdf"])], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595\.2\d* x 841\.8\d* pts \(A4\)", info), info
    text = subprocess.run(["pdftotext", str(pack["pdf"]), "-"], capture_output=True, text=True, check=True).stdout
    assert "新任社区工作者入职培训" in text
    printed = _printed_addresses(pack["pdf"])
    for url in (f"{BASE_URL}courses/{INDUCTION}.html", f"{BASE_URL}cases/yi-you-qi-zhong-xin.html",
                f"{BASE_URL}indicators/standardised-communities.html", f"{BASE_URL}documents/henan-2023-reply-proposal-1310536.html#s1-3"):
        assert url in printed, url  # printed under its QR code


def _printed_addresses(pdf: Path) -> set[str]:
    """The addresses printed under the QR codes: each wraps over a few centred lines, so words are joined by column."""
    page_html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    addresses: set[str] = set()
    for page in page_html.split("<page ")[1:]:
        words = [(float(x0), float(y0), float(x1), word) for x0, y0, x1, word in
                 re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', page)]
        for x0, y0, x1, word in words:
            if not word.startswith("https://"):
                continue
            centre = (x0 + x1) / 2
            column = sorted((wy, w) for wx0, wy, wx1, w in words if abs((wx0 + wx1) / 2 - centre) < 20 and 0 <= wy - y0 < 45)
            addresses.add("".join(w for _, w in column).replace("&amp;", "&"))
    return addresses


def test_pdf_qr_codes_encode_the_printed_addresses() -> None:
    import segno

    from generator.courses.pdf import qr_code

    markup = qr_code(f"{BASE_URL}cases/yi-you-qi-zhong-xin.html", "“一有七中心”")
    expected = segno.make(f"{BASE_URL}cases/yi-you-qi-zhong-xin.html", error="m").svg_data_uri(scale=4, border=2)
    assert expected in markup and f"{BASE_URL}cases/yi-you-qi-zhong-xin.html</div>" in markup


def test_gift_parses_and_matches_the_course(pack: dict[str, Path]) -> None:
    induction = check_corpus([ROOT], None).courses.courses[INDUCTION]
    questions = parse_gift(pack["gift"].read_text(encoding="utf-8"))
    assert [q.title for q in questions] == [item.id for item in induction.quiz]
    by_id = {q.title: q for q in questions}
    single = by_id["mian-ji-biao-zhun"]
    assert [a.text for a in single.answers if a.correct] == ["30平方米"]
    multiple = by_id["qi-zhong-xin"]
    assert sum(a.weight or 0 for a in multiple.answers if a.correct) == pytest.approx(100, abs=0.01)
    assert by_id["zui-xiao-mian-ji"].truth is True
    assert by_id["mei-wan-ren-xian-zhuang"].kind == "essay"


def test_gift_escapes_every_special_character() -> None:
    from generator.courses.quiz import gift_escape

    nasty = "a~b=c#d{e}f:g\\h"
    escaped = gift_escape(nasty)
    questions = parse_gift(f"::t::{escaped} {{={escaped} ~x}}")
    assert questions[0].stem == nasty and questions[0].answers[0].text == nasty
    with pytest.raises(GiftError):
        parse_gift("::t::ratio 1:2 {=a ~b}")  # the parser is strict, so the test above means something


def test_quiz_spreadsheet_and_wjx_text(pack: dict[str, Path]) -> None:
    from openpyxl import load_workbook

    induction = check_corpus([ROOT], None).courses.courses[INDUCTION]
    rows = list(load_workbook(pack["xlsx"]).active.iter_rows(values_only=True))
    assert len(rows) == 1 + len(induction.quiz)
    answers = {row[-1]: row[9] for row in rows[1:]}
    assert answers["mian-ji-biao-zhun"] == "B" and answers["qi-zhong-xin"] == "ABC" and answers["zui-xiao-mian-ji"] == "正确"
    wjx = pack["wjx"].read_text(encoding="utf-8")
    assert wjx.count("答案：") == len(induction.quiz)
    assert "1. 按“一有七中心”规范化社区创建要求，每百户居民拥有综合服务设施建成面积不低于多少？[单选题]\nA. 20平方米" in wjx
    assert "答案：A;B;C" in wjx


def test_zip_holds_every_file(pack: dict[str, Path]) -> None:
    with zipfile.ZipFile(pack["zip"]) as archive:
        names = set(archive.namelist())
    assert names == {f"{INDUCTION}/{path.name}" for role, path in pack.items() if role != "zip"}


def test_libreoffice_converts_the_docx_and_pptx(pack: dict[str, Path], tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    _need(soffice is not None, "LibreOffice (libreoffice-writer-nogui, libreoffice-impress-nogui)")
    assert soffice is not None
    profile = tmp_path / "profile"
    result = subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                             "--outdir", str(tmp_path), str(pack["handbook"]), str(pack["slides"])],
                            capture_output=True, text=True, timeout=240, check=False)
    assert result.returncode == 0, result.stderr
    for role in ("handbook", "slides"):
        converted = tmp_path / f"{pack[role].stem}.pdf"
        assert converted.is_file() and converted.stat().st_size > 10_000, result.stdout + result.stderr
    pages = subprocess.run(["pdfinfo", str(tmp_path / f"{pack['slides'].stem}.pdf")], capture_output=True, text=True, check=True)
    assert "Pages:           11" in pages.stdout


# ----- the command -----
def test_course_command_writes_a_pack_in_seconds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "course", CONSULTATION, "--root", str(ROOT), "--out", str(tmp_path), "--content-lang", "en",
                         "--base-url", BASE_URL)
    assert code == 0, err
    assert f"course pack written: {tmp_path / (CONSULTATION + '-en') / (CONSULTATION + '-en.zip')}" in out
    assert "article quotes not reproduced" in err
    docx_text = _docx_text(tmp_path / f"{CONSULTATION}-en" / f"{CONSULTATION}-en-handbook.docx")
    assert "Case discussion on consultation methods" in docx_text and "Homestead Meetings of Lianyuan" in docx_text


def test_course_command_errors_are_for_people(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "course", "xin-ren", "--root", str(ROOT), "--out", str(tmp_path))
    assert code == 1
    assert "找不到课程 “xin-ren”" in err and "no course 'xin-ren'" in err and INDUCTION in err and "Traceback" not in err
    code, _, err = run(capsys, "course", INDUCTION, "--root", str(ROOT), "--out", str(tmp_path), "--template", "nope.pptx")
    assert code == 1 and "slide template nope.pptx not found" in err
    assert not any(tmp_path.iterdir())


def test_without_weasyprint_or_a_cjk_font_the_pack_skips_the_pdf_with_a_note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.courses import pack as pack_module

    reason = ("未生成 PDF：找不到中文字体（请安装 Debian 的 fonts-noto-cjk）",
              "PDF skipped: no CJK font found (install Debian's fonts-noto-cjk)")
    monkeypatch.setattr(pack_module, "pdf_unavailable_reason", lambda: reason)
    result = check_corpus([ROOT], None)
    written = pack_module.write_pack(result.courses.courses[CONSULTATION], result.corpus, tmp_path, lang="zh", base_url="")
    assert reason in written.notes
    assert not list(tmp_path.glob("*.pdf"))
    assert "PDF" not in "".join(path.name for path in written.files if path.suffix == ".pdf")
    assert "讲义中没有网址和二维码" in (tmp_path / f"{CONSULTATION}-README.txt").read_text(encoding="utf-8")


# ----- the site -----
def test_course_pages_separate_learner_and_instructor_views() -> None:
    from generator.courses.page import course_pages
    from generator.site.render import PageRenderer

    result = check_corpus([VALID, COURSES / "valid"], None)
    for lang in ("zh", "en"):
        pages = course_pages(PageRenderer(result.corpus, lang), result.courses.courses, pdf=True)
        assert set(pages) == {"courses/index.md", "courses/sample-course.md", "courses/sample-course-instructor.md"}
        learner, teacher = pages["courses/sample-course.md"], pages["courses/sample-course-instructor.md"]
        assert "../cases/model-community.md" in learner and "../documents/sample-plan.md#s1-1" in learner
        answer = "Answer" if lang == "en" else "答案"
        assert f"**{answer}**" not in learner and f"**{answer}**" in teacher
        assert ("Read the clause first." if lang == "en" else "先读条款。") in teacher
        assert ("Read the clause first." if lang == "en" else "先读条款。") not in learner
        assert "search:\n  exclude: true" in teacher and "exclude" not in learner
        prefix = "../../" if lang == "en" else "../"
        assert f'href="{prefix}downloads/courses/sample-course/sample-course{"-en" if lang == "en" else ""}-handout-a4.pdf"' in learner


def test_built_site_lists_courses_and_every_download_link_resolves(built_site: Path) -> None:
    for prefix in ("", "en/"):
        index = (built_site / prefix / "courses" / "index.html").read_text(encoding="utf-8")
        assert f"{INDUCTION}.html" in index and f"{CONSULTATION}.html" in index
        for course_id in (INDUCTION, CONSULTATION):
            page = built_site / prefix / "courses" / f"{course_id}.html"
            html = page.read_text(encoding="utf-8")
            links = re.findall(r'href="([^"]*downloads/courses/[^"]+)"', html)
            assert len(links) >= 8
            for link in links:
                assert (page.parent / link).resolve().is_file(), link
            assert (page.parent / f"{course_id}-instructor.html").is_file()


@pytest.mark.browser
def test_course_page_in_a_browser_loads_nothing_from_elsewhere(page: Any, site_url: str, session_requests: list[str]) -> None:
    from playwright.sync_api import expect

    start = len(session_requests)
    page.goto(f"{site_url}courses/index.html")
    page.get_by_role("link", name=re.compile("新任社区工作者入职培训")).first.click()
    expect(page.locator("h1")).to_contain_text("新任社区工作者入职培训")
    expect(page.get_by_role("heading", name="学习目标")).to_be_visible()
    assert page.get_by_text("教师提示").count() == 0
    download = page.get_by_role("link", name="学员手册（Word/WPS）")
    response = page.request.get(download.evaluate("a => a.href"))
    assert response.status == 200 and response.body()[:2] == b"PK"  # a zip container, as DOCX is
    page.get_by_role("link", name="教师版：提示、答案与板书").click()
    expect(page.locator("h1")).to_contain_text("教师版")
    expect(page.get_by_text("教师提示").first).to_be_visible()
    page.goto(f"{site_url}en/courses/{CONSULTATION}.html")
    expect(page.locator("h1")).to_contain_text("Case discussion on consultation methods")
    assert all(url.startswith((site_url, "data:")) for url in session_requests[start:]), session_requests[start:]


def test_a_broken_course_stops_the_build_and_leaves_the_old_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.site.build import build_site
    from tests.conftest import make_project

    (tmp_path / "project").mkdir()
    project = make_project(tmp_path / "project", VALID)
    shutil.copytree(COURSES / "with-problems" / "course-quote-not-in-clause" / "courses", project / "courses")
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("the old site", encoding="utf-8")
    report = build_site(project, site, SOURCES)
    err = capsys.readouterr().err
    assert not report.ok
    assert "courses/sample-course.yml:46:12: [course-quote-not-in-clause]" in err and "Traceback" not in err
    assert (site / "index.html").read_text(encoding="utf-8") == "the old site"
