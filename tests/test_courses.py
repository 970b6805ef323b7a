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
from generator.content.reference import _all_models
from generator.courses.kind import ALL_KINDS
from generator.courses.model import Course
from generator.courses.problems import COURSE_PROBLEMS
from generator.site.projectcheck import check_project
from tests.conftest import project_at
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


def test_the_real_courses_pass_every_check() -> None:
    result = check_project([ROOT], None)
    assert not result.problems, result.problems[:3]
    assert set(result.courses.courses) == {path.stem for path in (ROOT / "courses").glob("*.yml")} >= {INDUCTION, CONSULTATION}


@pytest.mark.parametrize("course_id", sorted(path.stem for path in (ROOT / "courses").glob("*.yml")))
def test_check_of_one_course_file_checks_it_against_the_whole_corpus(course_id: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", str(ROOT / "courses" / f"{course_id}.yml"), "--lang", "en")
    assert code == 0, out + err
    assert "no problems found" in out and "does not exist" not in out


def test_check_of_one_course_file_reports_a_real_mistake_at_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("policies", "casebook", "glossary", "themes", "courses"):
        shutil.copytree(ROOT / name, tmp_path / name)
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    course = tmp_path / "courses" / f"{INDUCTION}.yml"
    lines = course.read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(lines, 1) if text.strip() == "- henan-xiang-zhen-she-gong-zhan")
    lines[line - 1] = lines[line - 1].replace("henan-xiang-zhen-she-gong-zhan", "henan-xiang-zhen-she-gong")
    course.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", str(course), "--lang", "en")
    assert code == 1
    problems = [text for text in out.splitlines() if "[" in text]
    assert len(problems) == 1, out
    assert problems[0].startswith(f"{course}:{line}:") or f"courses/{INDUCTION}.yml:{line}:" in problems[0], problems[0]
    assert "[missing-reference]" in problems[0] and "did you mean 'henan-xiang-zhen-she-gong-zhan'" in problems[0]


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
CLAUSE_ID = re.compile(r"(?<![#/\w])s\d+-\d+\b")
URL = re.compile(r"https?://\S+")


def _no_clause_ids(text: str, where: str) -> None:
    """Clause ids may appear in addresses (…#s1-3), never where a person reads."""
    found = CLAUSE_ID.findall(URL.sub("", text))
    assert not found, f"{where}: clause ids {found[:5]}"


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from generator.courses.files import pack_files
    from generator.courses.pack import write_pack
    from generator.courses.pdf import pdf_unavailable_reason

    result = check_project([ROOT], None)
    folder = tmp_path_factory.mktemp("pack") / INDUCTION
    written = write_pack(result.courses.courses[INDUCTION], result.corpus, folder, lang="zh", base_url=BASE_URL)
    pdf = pdf_unavailable_reason() is None
    files = {role: folder / item.name for role, item in pack_files(INDUCTION, "zh", quiz=True, pdf=pdf).items()}
    assert sorted([*written.files, written.zip_path, written.instructor_zip]) == sorted(files.values()), written.notes  # type: ignore[type-var]
    return files


@pytest.fixture(scope="module")
def english_command(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, str, Path]:
    """``compendium course`` run once for the English pack of the second course: (exit code, stdout, stderr, --out folder)."""
    import contextlib
    import io

    folder = tmp_path_factory.mktemp("pack-en")
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["course", CONSULTATION, "--root", str(ROOT), "--out", str(folder), "--content-lang", "en", "--base-url", BASE_URL])
    return code, out.getvalue(), err.getvalue(), folder


@pytest.fixture(scope="module")
def english_pack(english_command: tuple[int, str, str, Path]) -> dict[str, Path]:
    from generator.courses.files import pack_files

    folder = english_command[3]
    return {role: folder / item.name for role, item in pack_files(CONSULTATION, "en", quiz=True, pdf=True).items()
            if (folder / item.name).exists()}


def _docx_text(path: Any) -> str:
    """The text of a DOCX file (a path, or an open file)."""
    from docx import Document

    document = Document(str(path) if isinstance(path, Path) else path)
    texts = [paragraph.text for paragraph in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(texts)


def _docx_links(path: Path) -> set[str]:
    with zipfile.ZipFile(path) as archive:
        rels = archive.read("word/_rels/document.xml.rels").decode("utf-8")
    return set(re.findall(r'Target="(https?://[^"]+)" TargetMode="External"', rels))


def test_docx_handouts_hold_the_title_and_every_pulled_case(pack: dict[str, Path]) -> None:
    course = check_project([ROOT], None)
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
        assert f"{BASE_URL}cases/yi-you-qi-zhong-xin.html" in _docx_links(pack[role])  # a link, not a printed address
        assert f"{BASE_URL}documents/henan-2023-reply-proposal-1310536.html#s1-3" in _docx_links(pack[role])
        assert not re.search(r"(?m)^o\d\b|\bo\d\s", text)  # objectives are numbered, their ids are not shown
    learner, teacher = _docx_text(pack["handbook"]), _docx_text(pack["lesson_plan"])
    assert "参考答案" not in learner and "板书设计" not in learner and "答案：" not in learner
    assert "参考答案：300平方米" in teacher and "板书设计" in teacher and "教师提示" in teacher
    assert "☐ 正确　　☐ 错误" in learner  # true/false items get boxes
    assert "课后评估表" in learner and "课后评估表" in teacher


def test_lesson_plan_has_clock_times_steps_and_teaching_parts_for_every_session(pack: dict[str, Path]) -> None:
    from docx import Document

    induction = check_project([ROOT], None).courses.courses[INDUCTION]
    text = _docx_text(pack["lesson_plan"])
    document = Document(str(pack["lesson_plan"]))
    steps = [table for table in document.tables if table.rows[0].cells[0].text == "时间" and "环节与活动" in table.rows[0].cells[1].text]
    teaching = [session for session in induction.sessions if session.method.value != "休息"]
    assert len(steps) == len(teaching)
    assert any(session.method.value == "休息" for session in induction.sessions)  # a break takes its time on the clock
    tables = iter(steps)
    at = 9 * 60  # start_time 09:00
    for session in induction.sessions:
        start, end = f"{at // 60:02d}:{at % 60:02d}", f"{(at + session.minutes) // 60:02d}:{(at + session.minutes) % 60:02d}"
        assert f"{start}–{end}" in text, session.id
        at += session.minutes
        if session.method.value == "休息":
            continue
        table = next(tables)
        times = [row.cells[0].text for row in table.rows[1:]]
        assert times[0].startswith(start) and times[-1].endswith(end), (session.id, times)
        assert sum(int(row.cells[4].text) for row in table.rows[1:]) == session.minutes
    for heading in ("教学目标", "教学重点与难点", "教学过程", "分析思路", "板书设计", "课后评估表"):
        assert heading in text, heading
    assert text.count("教学过程") == len(teaching)


def test_docx_names_fonts_directly_in_chinese_and_repeats_table_headers(pack: dict[str, Path], english_pack: dict[str, Path]) -> None:
    for role in ("handbook", "lesson_plan"):
        with zipfile.ZipFile(pack[role]) as archive:
            styles = archive.read("word/styles.xml").decode("utf-8")
            body = archive.read("word/document.xml").decode("utf-8")
            settings = archive.read("word/settings.xml").decode("utf-8")
            theme = archive.read("word/theme/theme1.xml").decode("utf-8")
            names = archive.namelist()
        assert 'w:eastAsia="SimSun"' in styles and 'w:eastAsia="SimHei"' in styles
        assert not re.search(r"w:(ascii|hAnsi|eastAsia|cs)Theme=", styles + body), "a theme font would win over the named one"
        assert "word/stylesWithEffects.xml" not in names
        assert "ＭＳ" not in theme and 'script="Jpan" typeface="SimSun"' in theme.replace("SimHei", "SimSun")
        defaults = styles.split("<w:docDefaults>")[1].split("</w:docDefaults>")[0]
        assert 'w:val="zh-CN"' in defaults and 'w:eastAsia="zh-CN"' in defaults
        assert 'w:eastAsia="zh-CN"' in settings and "ja-JP" not in settings + styles
        assert "<w:tblHeader/>" in body and "<w:cantSplit/>" in body
        assert "<w:tblW " in body and 'w:type="dxa"' in body and "<w:tcW " in body and "<w:gridCol " in body
        assert '<w:tblLayout w:type="fixed"/>' in body
        english = re.search(r"<w:r>(?:(?!</w:r>).)*?<w:t>Induction", body)  # the English title: English, so no word is broken
        assert english and 'w:val="en-US"' in english.group(0), role
        grid = [int(width) for width in re.findall(r'<w:gridCol w:w="(\d+)"', body)]
        assert grid and all(width > 0 for width in grid)
    assert "目录" in _docx_text(pack["handbook"]) and "TOC \\o" not in body  # a static contents list, no field to update
    with zipfile.ZipFile(english_pack["handbook"]) as archive:
        styles = archive.read("word/styles.xml").decode("utf-8")
    defaults = styles.split("<w:docDefaults>")[1].split("</w:docDefaults>")[0]
    assert 'w:val="en-US"' in defaults and 'w:eastAsia="zh-CN"' in defaults
    assert 'w:hint="eastAsia"' not in styles  # “quotes” in English text stay Latin, not full-width 宋体 ones


def test_article_quotes_stay_out_of_the_exports_and_the_readme_says_so(pack: dict[str, Path]) -> None:
    article_quote = "持续推进“一有七中心”规范化社区建设，全省城乡社区综合服务设施覆盖率分别达100%和90.1%"
    government_quote = "截至2022年底,累计建成规范化社区4500个,占比61.4%"
    for role in ("handbook", "lesson_plan"):
        text = _docx_text(pack[role])
        assert government_quote in text
        assert article_quote not in text
        assert "文章原文不随讲义分发" in text
    readme = pack["readme"].read_text(encoding="utf-8")
    corpus = check_project([ROOT], None).corpus
    place = anchor_label(corpus, corpus.documents["henan-six-measures-article"], "s1-3", "zh")
    assert f"未转载：案例“‘一有七中心’规范化社区创建”引自《河南：六措并举推动社区治理水平》 {place}" in readme


def _pptx_xml(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()
                if re.match(r"ppt/(slides/slide|charts/chart|notesSlides/notesSlide)\d+\.xml$", name)}


def _slide_texts(path: Path) -> list[str]:
    from pptx import Presentation

    deck = Presentation(str(path))
    return ["\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame) for slide in deck.slides]


def test_pptx_type_is_large_enough_to_project(pack: dict[str, Path]) -> None:
    """Every run, paragraph default and chart text is 20 pt or more; titles 32 pt or more; body text mostly 24 pt."""
    parts = _pptx_xml(pack["slides"])
    slides = {name: xml for name, xml in parts.items() if "/slides/" in name or "/charts/" in name}
    sizes = [int(size) for xml in slides.values() for size in re.findall(r'<a:(?:rPr|defRPr|endParaRPr)[^>]*\bsz="(\d+)"', xml)]
    assert sizes and min(sizes) >= 2000, sorted(set(sizes))[:5]
    for name, xml in slides.items():
        if "/slides/" in name:  # every run says its size: nothing falls back to a template's smaller default
            runs = re.findall(r"<a:r>(.*?)</a:r>", xml, re.S)
            assert all(re.search(r'<a:rPr[^>]*\bsz="\d+"', run) for run in runs), name
    from pptx import Presentation

    for slide in Presentation(str(pack["slides"])).slides:
        title = slide.shapes.title
        if title is not None and title.text_frame.text:
            assert all(run.font.size is not None and run.font.size.pt >= 32 for p in title.text_frame.paragraphs for run in p.runs)
    body = [int(size) for xml in slides.values() for size in re.findall(r'<a:rPr[^>]*\bsz="(\d+)"', xml)]
    assert sum(size >= 2400 for size in body) > 0.6 * len(body)


def test_pptx_has_a_slide_per_15_minutes_every_objective_outcome_and_the_quiz(pack: dict[str, Path]) -> None:
    result = check_project([ROOT], None)
    induction, corpus = result.courses.courses[INDUCTION], result.corpus
    texts = _slide_texts(pack["slides"])
    assert len(texts) >= induction.total_minutes / 15
    flat = "".join(text.replace("\n", "") for text in texts)
    for objective in induction.objectives:
        assert objective.text.zh in flat, objective.id
    for session in induction.sessions:
        for case_id in session.cases:
            case = corpus.cases[case_id]
            for outcome in case.outcomes:
                assert outcome.text.zh.replace("\n", "") in flat, outcome.text.zh
            for step in case.steps:
                assert step.title.zh in flat
        for question in session.questions:
            assert question.text.zh in flat
    for item in induction.quiz:
        question = next(index for index, text in enumerate(texts) if item.stem.zh in text)
        assert item.explanation.zh in texts[question + 1]  # the answer on the next slide
    section = next(text for text in texts if text.startswith("第1单元"))
    assert "讲授 · 40 分钟 · 09:00–09:40" in section


def test_pptx_names_windows_fonts_for_chinese_everywhere_and_draws_charts(pack: dict[str, Path]) -> None:
    windows = {"Microsoft YaHei", "微软雅黑", "SimHei", "黑体", "DengXian", "等线"}
    parts = _pptx_xml(pack["slides"])
    for name, xml in parts.items():
        for props in re.findall(r"<a:(?:rPr|defRPr)\b[^>]*/>|<a:(?:rPr|defRPr)\b.*?</a:(?:rPr|defRPr)>", xml, re.S):
            if "/notesSlides/" in name:
                continue
            east_asian = re.search(r'<a:ea typeface="([^"]+)"', props)
            latin = re.search(r'<a:latin typeface="([^"]+)"', props)
            if "<a:rPr" in props or "/charts/" in name:
                assert east_asian and east_asian.group(1) in windows, (name, props[:200])
                assert latin, (name, props[:200])
    with zipfile.ZipFile(pack["slides"]) as archive:
        names = archive.namelist()
        theme = archive.read("ppt/theme/theme1.xml").decode("utf-8")
    assert '<a:ea typeface="Microsoft YaHei"/>' in theme and "Noto" not in theme
    assert any(name.startswith("ppt/charts/chart") for name in names)  # indicator figures as native, editable charts
    assert any(name.startswith("ppt/media/") for name in names)  # the course page's QR code


def test_pptx_speaker_notes_carry_the_clock_notes_and_board_plan(pack: dict[str, Path]) -> None:
    from pptx import Presentation

    deck = Presentation(str(pack["slides"]))
    induction = check_project([ROOT], None).courses.courses[INDUCTION]
    notes = {slide.shapes.title.text_frame.text: slide.notes_slide.notes_text_frame.text
             for slide in deck.slides if slide.has_notes_slide and slide.shapes.title is not None}
    second = notes[f"第2单元　{induction.sessions[1].title.zh}"]
    assert induction.sessions[1].instructor_notes.zh in second  # type: ignore[union-attr]
    assert "板书：一有：党组织" in second and "09:40–" in second


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
        if slide.slide_layout.name != "Title and Content":
            continue
        title = slide.shapes.title
        assert band.top <= title.top and title.top + title.height <= band.top + band.height
        body = next((shape for shape in slide.placeholders if shape.placeholder_format.idx == 1), None)
        if body is not None:
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


def test_pptx_uses_a_replaced_template_and_finds_its_layouts_by_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A trainer's 4:3 template whose second layout is "Section Header": titles stay at the top, text in the body."""
    from pptx import Presentation

    template = Presentation()  # python-pptx's own 4:3 template
    ids = template.slide_master._element.find(".//{http://schemas.openxmlformats.org/presentationml/2006/main}sldLayoutIdLst")
    content = ids[1]
    ids.remove(content)
    ids.insert(2, content)  # order: Title Slide, Section Header, Title and Content, …
    template.save(str(tmp_path / "mine.pptx"))
    assert Presentation(str(tmp_path / "mine.pptx")).slide_layouts[1].name == "Section Header"
    code, _, err = run(capsys, "course", CONSULTATION, "--root", str(ROOT), "--out", str(tmp_path / "out"),
                       "--template", str(tmp_path / "mine.pptx"), "--base-url", BASE_URL)
    assert code == 0, err
    deck = Presentation(str(tmp_path / "out" / f"{CONSULTATION}-slides.pptx"))
    assert deck.slide_width == 9144000
    for slide in list(deck.slides)[1:]:
        assert slide.slide_layout.name == "Title and Content"
        assert slide.shapes.title.top < deck.slide_height / 4


def test_a_template_without_the_layouts_the_deck_needs_gets_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pptx import Presentation

    template = Presentation()
    template.slide_layouts.remove(template.slide_layouts[1])  # no "Title and Content"
    template.save(str(tmp_path / "bare.pptx"))
    (tmp_path / "notes.pptx").write_text("not a presentation", encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run(capsys, "course", CONSULTATION, "--root", str(ROOT), "--out", str(out), "--template", str(tmp_path / "bare.pptx"))
    assert code == 1 and "没有一个版式有标题占位符" in err and "no layout has a title placeholder" in err and "Traceback" not in err
    code, _, err = run(capsys, "course", CONSULTATION, "--root", str(ROOT), "--out", str(out), "--template", str(tmp_path / "notes.pptx"))
    assert code == 1 and "不是 .pptx 文件" in err and "Traceback" not in err
    assert not out.exists()  # nothing written


def _need(available: bool, what: str) -> None:
    """Skip when a system tool is missing, unless $CI is set (.ci/run installs it): then fail."""
    if not available:
        if os.environ.get("CI"):
            pytest.fail(f"{what} is missing; .ci/run installs it")
        pytest.skip(f"{what} is missing")


def _pdf_pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def test_pdf_is_a4_tagged_with_an_embedded_cjk_font_one_qr_code_and_no_lone_lines(pack: dict[str, Path]) -> None:
    _need("pdf" in pack, "WeasyPrint with Pango, or a CJK font (fonts-noto-cjk)")
    _need(shutil.which("pdffonts") is not None, "poppler-utils (pdffonts, pdftotext, pdfinfo)")
    fonts = subprocess.run(["pdffonts", str(pack["pdf"])], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines() if "CJK" in line]
    assert cjk and all(" yes yes " in line for line in cjk), fonts  # embedded, subset
    info = subprocess.run(["pdfinfo", str(pack["pdf"])], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595\.2\d* x 841\.8\d* pts \(A4\)", info), info
    assert re.search(r"Tagged:\s+yes", info), info
    pages = _pdf_pages(pack["pdf"])
    text = "".join(pages)
    assert "新任社区工作者入职培训" in text
    assert f"{BASE_URL}courses/{INDUCTION}.html" in text.replace("\n", "").replace(" ", "")
    images = subprocess.run(["pdfimages", "-list", str(pack["pdf"])], capture_output=True, text=True, check=True).stdout
    assert len(images.splitlines()) - 2 <= 1, images  # one QR code (the course page), not one per pulled item
    for number, page in enumerate(pages, start=1):
        lines = [line for line in page.splitlines() if line.strip() and not re.fullmatch(r"\s*\d+ / \d+\s*", line)]
        assert len(lines) >= 5, f"page {number} holds {len(lines)} lines: {lines}"
    for page in pages:  # a session heading never ends a page
        body = [line for line in page.splitlines() if line.strip() and not re.fullmatch(r"\s*\d+ / \d+\s*", line)]
        assert not re.match(r"\s*第\d+单元", body[-1]), body[-1]
    assert "答案" not in text and "参考答案" not in text


def test_pdf_prints_each_pulled_clause_and_indicator_once(pack: dict[str, Path]) -> None:
    _need("pdf" in pack and shutil.which("pdftotext") is not None, "WeasyPrint and poppler-utils")
    result = check_project([ROOT], None)
    text = re.sub(r"\s+", "", "".join(_pdf_pages(pack["pdf"])))
    induction, corpus = result.courses.courses[INDUCTION], result.corpus
    for session in induction.sessions:
        for ref in session.clauses:
            document_id, _, anchor = ref.partition("#")
            clause_text = re.sub(r"\s+", "", corpus.anchors[(document_id, anchor)].text.zh)  # type: ignore[union-attr]
            assert text.count(clause_text[:40]) == 1, ref
    assert text.count("见第2单元") >= 1  # the indicators session 4 repeats point back


def test_pdf_qr_code_encodes_the_printed_address() -> None:
    import segno

    from generator.courses.pdf import qr_code

    markup = qr_code(f"{BASE_URL}courses/{INDUCTION}.html", "课程网页")
    expected = segno.make(f"{BASE_URL}courses/{INDUCTION}.html", error="m").svg_data_uri(scale=4, border=2)
    assert expected in markup and f"{BASE_URL}courses/{INDUCTION}.html</div>" in markup


def test_gift_parses_and_matches_the_course(pack: dict[str, Path]) -> None:
    induction = check_project([ROOT], None).courses.courses[INDUCTION]
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


def test_quiz_spreadsheet_and_wjx_text_write_answers_the_same_way(pack: dict[str, Path]) -> None:
    from openpyxl import load_workbook

    induction = check_project([ROOT], None).courses.courses[INDUCTION]
    rows = list(load_workbook(pack["xlsx"]).active.iter_rows(values_only=True))
    assert len(rows) == 1 + len(induction.quiz)
    answers = {row[-1]: row[9] for row in rows[1:]}
    assert answers["mian-ji-biao-zhun"] == "B" and answers["qi-zhong-xin"] == "ABC" and answers["zui-xiao-mian-ji"] == "正确"
    wjx = pack["wjx"].read_text(encoding="utf-8")
    assert wjx.count("答案：") == len(induction.quiz)
    assert "1. 按“一有七中心”规范化社区创建要求，每百户居民拥有综合服务设施建成面积不低于多少？[单选题]\nA. 20平方米" in wjx
    assert "答案：ABC" in wjx


def test_learner_zip_has_no_answers_and_the_instructor_zip_has_everything(pack: dict[str, Path]) -> None:
    from generator.courses.files import instructor_files, learner_files, pack_files

    listed = pack_files(INDUCTION, "zh", quiz=True, pdf="pdf" in pack)
    with zipfile.ZipFile(pack["zip"]) as archive:
        public = set(archive.namelist())
    with zipfile.ZipFile(pack["instructor_zip"]) as archive:
        everything = set(archive.namelist())
    assert public == {f"{INDUCTION}/{item.name}" for role, item in learner_files(listed).items() if role != "zip"}
    assert everything == {f"{INDUCTION}/{item.name}" for role, item in listed.items() if role not in ("zip", "instructor_zip")}
    assert not any(name.endswith((".gift.txt", "-wjx.txt", ".xlsx", ".pptx", "lesson-plan.docx")) for name in public)
    assert set(instructor_files(listed)) >= {"lesson_plan", "slides", "gift", "wjx", "xlsx"}
    readme = pack["readme"].read_text(encoding="utf-8")
    assert f"compendium course {INDUCTION}" in readme and "instructor.html" not in readme  # how to get it, not where it is


def test_no_course_output_shows_a_clause_id(pack: dict[str, Path], english_pack: dict[str, Path]) -> None:
    """Handbook, lesson plan, handout PDF, slides (and notes), quiz files and read-mes, in both languages."""
    from openpyxl import load_workbook
    from pptx import Presentation

    for files in (pack, english_pack):
        for role, path in files.items():
            if path.suffix == ".docx":
                text = _docx_text(path)
            elif path.suffix == ".pdf":
                _need(shutil.which("pdftotext") is not None, "poppler-utils")
                text = "".join(_pdf_pages(path))
            elif path.suffix == ".pptx":
                deck = Presentation(str(path))
                text = "\n".join(_slide_texts(path))
                text += "\n".join(slide.notes_slide.notes_text_frame.text for slide in deck.slides if slide.has_notes_slide)
            elif path.suffix == ".xlsx":
                rows = list(load_workbook(path).active.iter_rows(values_only=True))
                text = "\n".join(str(value) for row in rows for value in row[:-1] if value is not None)  # the last column holds ids
            elif path.suffix == ".zip":
                continue
            else:
                text = path.read_text(encoding="utf-8")
            _no_clause_ids(text, f"{role} {path.name}")


def test_libreoffice_converts_the_docx_and_pptx(pack: dict[str, Path], tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    _need(soffice is not None, "LibreOffice (libreoffice-writer-nogui, libreoffice-impress-nogui)")
    assert soffice is not None
    profile = tmp_path / "profile"
    result = subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                             "--outdir", str(tmp_path), str(pack["lesson_plan"]), str(pack["slides"])],
                            capture_output=True, text=True, timeout=240, check=False)
    assert result.returncode == 0, result.stderr
    for role in ("lesson_plan", "slides"):
        converted = tmp_path / f"{pack[role].stem}.pdf"
        assert converted.is_file() and converted.stat().st_size > 10_000, result.stdout + result.stderr
    from pptx import Presentation

    pages = subprocess.run(["pdfinfo", str(tmp_path / f"{pack['slides'].stem}.pdf")], capture_output=True, text=True, check=True)
    assert f"Pages:           {len(Presentation(str(pack['slides'])).slides)}" in pages.stdout


# ----- the command -----
def test_course_command_writes_both_halves_into_the_folder_named(english_command: tuple[int, str, str, Path]) -> None:
    code, out, err, folder = english_command
    assert code == 0, err
    assert (f"course pack written: learner materials {folder / (CONSULTATION + '-en.zip')}, "
            f"instructor pack {folder / (CONSULTATION + '-en-instructor.zip')}") in out  # --out DIR: into DIR itself
    assert re.search(r"\d+ article quotes not reproduced", err)
    docx_text = _docx_text(folder / f"{CONSULTATION}-en-handbook.docx")
    assert "Case discussion on consultation methods" in docx_text and "Homestead Meetings of Lianyuan" in docx_text
    english = _docx_text(folder / f"{CONSULTATION}-en-lesson-plan.docx")
    assert not re.search(r"[《》（）：；，。]", english.split("Lesson plan")[1].split("Session 1")[0])  # after the Chinese title


def test_course_command_errors_are_for_people(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "course", "xin-ren", "--root", str(ROOT), "--out", str(tmp_path))
    assert code == 1
    assert "找不到课程 “xin-ren”" in err and "no course 'xin-ren'" in err and INDUCTION in err and "Traceback" not in err
    code, _, err = run(capsys, "course", INDUCTION, "--root", str(ROOT), "--out", str(tmp_path), "--template", "nope.pptx")
    assert code == 1 and "slide template nope.pptx not found" in err
    assert not any(tmp_path.iterdir())


def test_without_weasyprint_or_a_cjk_font_the_pack_skips_the_pdf_with_a_note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.courses import pack as pack_module
    from generator.courses import pdf as pdf_module

    reason = ("未生成 PDF：找不到中文字体（请安装 Debian 的 fonts-noto-cjk）",
              "PDF skipped: no CJK font found (install Debian's fonts-noto-cjk)")
    monkeypatch.setattr(pdf_module, "pdf_unavailable_reason", lambda: reason)
    result = check_project([ROOT], None)
    written = pack_module.write_pack(result.courses.courses[CONSULTATION], result.corpus, tmp_path, lang="zh", base_url="")
    assert reason in written.notes
    assert not list(tmp_path.glob("*.pdf"))
    assert "PDF" not in "".join(path.name for path in written.files if path.suffix == ".pdf")
    assert "讲义中没有网址和二维码" in (tmp_path / f"{CONSULTATION}-README.txt").read_text(encoding="utf-8")


# ----- the site -----
def test_course_pages_separate_learner_and_instructor_views() -> None:
    from generator.site.course_pages import course_pages
    from generator.site.render import PageRenderer

    result = check_project([VALID, COURSES / "valid"], None)
    for lang in ("zh", "en"):
        pages = course_pages(PageRenderer(result.corpus, lang), result.courses.courses, pdf=True)
        assert set(pages) == {"courses/index.md", "courses/sample-course.md", "courses/sample-course-instructor.md"}
        learner, teacher = pages["courses/sample-course.md"], pages["courses/sample-course-instructor.md"]
        assert "../cases/model-community.md" in learner and "../documents/sample-plan.md#s1-1" in learner
        answer = "Answer" if lang == "en" else "答案"
        assert f"**{answer}**" not in learner and f"**{answer}**" in teacher
        assert ("Read the clause first." if lang == "en" else "先读条款。") in teacher
        assert ("Read the clause first." if lang == "en" else "先读条款。") not in learner
        assert "search:\n  exclude: true\nnoindex: true\n" in teacher and "exclude" not in learner and "noindex" not in learner
        assert "instructor" not in learner and "lesson-plan" not in learner and "-quiz" not in learner  # no way to the answers
        prefix = "../../" if lang == "en" else "../"
        name = f"sample-course{'-en' if lang == 'en' else ''}"
        assert f'href="{prefix}downloads/courses/sample-course/{name}-handout-a4.pdf"' in learner
        assert f'href="{prefix}downloads/courses/sample-course/{name}-lesson-plan.docx"' in teacher
        assert "(sample-course.md)" in teacher  # the way back to the learner view


def test_built_site_lists_courses_and_every_download_link_resolves(built_site: Path) -> None:
    courses = sorted(path.stem for path in (ROOT / "courses").glob("*.yml"))
    for prefix in ("", "en/"):
        index = (built_site / prefix / "courses" / "index.html").read_text(encoding="utf-8")
        for course_id in courses:
            assert f"{course_id}.html" in index
            folder = built_site / prefix / "courses"
            for page in (folder / f"{course_id}.html", folder / f"{course_id}-instructor.html"):
                html = page.read_text(encoding="utf-8")
                links = re.findall(r'href="([^"]*downloads/courses/[^"]+)"', html)
                assert len(links) >= (4 if "instructor" not in page.name else 10), page
                for link in links:
                    assert (page.parent / link).resolve().is_file(), link


def test_answers_stay_with_instructors_on_the_built_site(built_site: Path) -> None:
    """No page links an instructor page or an instructor file; instructor pages are noindex and out of the sitemap;
    the learner downloads carry no answers."""
    instructor = re.compile(r'href="[^"]*(?:-instructor(?:\.html|\.zip|-README)|lesson-plan\.docx|-slides\.pptx|-quiz[^"]*)"')
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if page.name.endswith("-instructor.html"):
            assert '<meta name="robots" content="noindex">' in html, page
            continue
        assert not instructor.search(html), (page, instructor.search(html))
    from generator.courses.files import instructor_only

    offline = built_site / "downloads" / "compendium-offline.zip"  # the copy for a USB stick: learners' too
    with zipfile.ZipFile(offline) as archive:
        carried = [name for name in archive.namelist() if instructor_only(name.partition("/")[2])]
    assert carried == [], carried[:5]
    from generator.site.offline import kept_files

    for folder, skip in ((built_site, ["en/"]), (built_site / "en", [])):  # "save for offline" keeps no answers
        assert (folder / "courses" / f"{INDUCTION}-instructor.html").is_file()
        assert not [path for path in kept_files(folder, skip) if instructor_only(path)]
    for folder in (built_site / "search", built_site / "en" / "search"):  # the site search cannot find them either
        scripts = "".join(path.read_text(encoding="utf-8") for path in folder.rglob("*.js"))
        assert f"{INDUCTION}.html" in scripts and f"{INDUCTION}-instructor" not in scripts, folder
    for sitemap in (built_site / "sitemap.xml", built_site / "en" / "sitemap.xml"):  # written only when site_url is set
        assert not sitemap.exists() or "-instructor" not in sitemap.read_text(encoding="utf-8"), sitemap
    for zip_path in (built_site / "downloads" / "courses").rglob("*.zip"):
        if zip_path.name.endswith("-instructor.zip"):
            continue
        with zipfile.ZipFile(zip_path) as archive:
            names = archive.namelist()
            assert not any(name.endswith((".gift.txt", "-wjx.txt", ".xlsx", ".pptx", "lesson-plan.docx")) for name in names), names
            for name in names:
                if name.endswith(".docx"):
                    with archive.open(name) as handle:
                        text = _docx_text(handle)  # type: ignore[arg-type]
                    assert "参考答案" not in text and "答案：" not in text and "Model answer" not in text, name


def test_the_sitemap_leaves_out_pages_marked_noindex() -> None:
    """overrides/sitemap.xml, rendered as MkDocs renders it, with an instructor page's front matter."""
    from types import SimpleNamespace

    import jinja2

    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "overrides")), autoescape=True)

    def page(name: str, meta: dict[str, object]) -> SimpleNamespace:
        url = f"https://example.org/courses/{name}"
        return SimpleNamespace(page=SimpleNamespace(is_link=False, abs_url=f"/courses/{name}", canonical_url=url, update_date=None,
                                                    meta=meta))

    text = environment.get_template("sitemap.xml").render(pages=[
        page("a.html", {"title": "A"}), page("a-instructor.html", {"search": {"exclude": True}, "noindex": True})])
    assert text.startswith("<?xml") and "courses/a.html" in text and "a-instructor" not in text


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
    assert page.get_by_role("link", name=re.compile("教师")).count() == 0  # nothing leads learners to the answers
    page.goto(f"{site_url}courses/{INDUCTION}-instructor.html")
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


# ----- writing a course without reading YAML -----
def test_new_course_writes_a_commented_skeleton_that_check_explains(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.editor.newentry import new_command

    for name in ("policies", "casebook", "glossary", "themes"):
        shutil.copytree(ROOT / name, tmp_path / name)
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    assert new_command(project_at(tmp_path), "course", "居家社区养老服务", None, None) == 0
    skeleton = tmp_path / "courses" / "ju-jia-she-qu-yang-lao-fu-wu.yml"
    text = skeleton.read_text(encoding="utf-8")
    assert "zh: 居家社区养老服务" in text and 'start_time: "09:00"' in text and "休息" in text and "结构化研讨" in text
    code, out, err = run(capsys, "check", str(skeleton), "--lang", "en")
    assert code == 1 and "Traceback" not in out + err
    assert "[empty-field]" in out and "does not exist" not in out
    assert new_command(project_at(tmp_path), "course", "居家社区养老服务", None, None) == 1  # never overwrites
    assert skeleton.read_text(encoding="utf-8") == text


def test_the_course_schema_describes_every_field_and_vs_code_uses_it() -> None:
    """Like the entry schemas (generator/editor/schemas.py), it lists no ids of the corpus, so it never goes stale:
    the web form offers the ids, compendium check verifies them and suggests the nearest."""
    import json

    from generator.editor.schemas import stale_schemas

    schema = json.loads((ROOT / "schemas" / "course.schema.json").read_text(encoding="utf-8"))
    session = schema["$defs"]["Session"]["properties"]
    assert "休息" in schema["$defs"]["Method"]["enum"] and "结构化研讨" in schema["$defs"]["Method"]["enum"]
    for field in ("cases", "clauses", "indicators", "terms", "pre_reading"):
        assert "compendium check" in session[field]["description"], field
    assert "按条款文字查找" in session["clauses"]["description"]
    assert schema["properties"]["start_time"]["default"] == "09:00"
    assert stale_schemas(ROOT / "schemas", ALL_KINDS) == []
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"]["./schemas/course.schema.json"] == ["courses/*.yml"]


def test_pdf_prints_each_session_heading_once(pack: dict[str, Path]) -> None:
    _need("pdf" in pack and shutil.which("pdftotext") is not None, "WeasyPrint and poppler-utils")
    text = "".join(_pdf_pages(pack["pdf"]))
    induction = check_project([ROOT], None).courses.courses[INDUCTION]
    teaching = [session for session in induction.sessions if session.method.value != "休息"]
    for number in range(1, len(teaching) + 1):
        headings = re.findall(rf"(?<!见)第{number}单元", text)  # "见第1单元" points back to it
        assert len(headings) == 1, (number, len(headings))
