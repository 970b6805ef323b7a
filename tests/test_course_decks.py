"""Every shipped course's deck, in both languages, read back from its XML: type large enough to project, a slide per
15 minutes at least, every objective and the whole of each case on a slide, Windows/WPS fonts for Chinese, no empty slide."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from generator.courses.content import CourseResolver, CourseView
from generator.courses.model import Method
from generator.site.projectcheck import check_project

ROOT = Path(__file__).resolve().parent.parent
COURSE_IDS = sorted(path.stem for path in (ROOT / "courses").glob("*.yml"))
WINDOWS_FONTS = {"Microsoft YaHei", "微软雅黑", "SimHei", "黑体", "DengXian", "等线"}
ELDERLY_CARE = "ju-jia-she-qu-yang-lao-fu-wu"


@pytest.fixture(scope="module")
def project() -> Any:
    result = check_project([ROOT], None)
    assert not result.problems, result.problems[:3]
    return result


@pytest.fixture(scope="module", params=[(course_id, lang) for course_id in COURSE_IDS for lang in ("zh", "en")],
                ids=lambda param: f"{param[0]}-{param[1]}")
def deck(request: pytest.FixtureRequest, project: Any, tmp_path_factory: pytest.TempPathFactory) -> tuple[CourseView, Path]:
    from generator.courses.slides import write_slides

    course_id, lang = request.param
    view = CourseResolver(project.corpus, "https://compendium.example.cn/").view(project.courses.courses[course_id], lang)
    path = tmp_path_factory.mktemp("deck") / f"{course_id}-{lang}.pptx"
    write_slides(view, path)
    return view, path


def _parts(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()
                if re.match(r"ppt/(slides/slide|charts/chart)\d+\.xml$", name)}


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_no_text_under_20_pt_and_titles_at_32(deck: tuple[CourseView, Path]) -> None:
    from pptx import Presentation

    _, path = deck
    for name, xml in _parts(path).items():
        sizes = [int(size) for size in re.findall(r'<a:(?:rPr|defRPr|endParaRPr)\b[^>]*\bsz="(\d+)"', xml)]
        assert all(size >= 2000 for size in sizes), (name, sorted(sizes)[:3])
        if "/slides/" in name:
            runs = re.findall(r"<a:r>(.*?)</a:r>", xml, re.S)
            assert all(re.search(r'<a:rPr[^>]*\bsz="\d+"', run) for run in runs), name  # no run takes a template's size
    for slide in Presentation(str(path)).slides:
        title = slide.shapes.title
        if title is not None and title.text_frame.text:
            assert all(run.font.size.pt >= 32 for paragraph in title.text_frame.paragraphs for run in paragraph.runs)


def test_a_slide_per_15_minutes_and_none_empty(deck: tuple[CourseView, Path]) -> None:
    from pptx import Presentation

    view, path = deck
    slides = list(Presentation(str(path)).slides)
    assert len(slides) >= view.course.total_minutes / 15, len(slides)
    for number, slide in enumerate(slides, 1):
        body = [shape for shape in slide.shapes if shape != slide.shapes.title]
        shown = [shape for shape in body if (shape.has_text_frame and shape.text_frame.text.strip())
                 or shape.shape_type in (3, 13)]  # a chart or a picture
        assert shown, f"slide {number} shows only its title"


def test_every_objective_outcome_question_and_quiz_answer_is_on_a_slide(deck: tuple[CourseView, Path]) -> None:
    from pptx import Presentation

    view, path = deck
    slides = list(Presentation(str(path)).slides)
    titles = [slide.shapes.title.text_frame.text if slide.shapes.title is not None else "" for slide in slides]
    texts = ["".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame and shape != slide.shapes.title)
             for slide in slides]  # the bodies: a text carried over to the next slide reads on without the title between
    flat = _squeeze("".join(texts))
    for _, objective in view.objectives:
        assert _squeeze(objective) in flat, objective
    for item in view.teaching:  # each session's first slide names all the objectives it serves
        lead = _squeeze(f"{item.method} · {view.minutes(item.session.minutes)} · {item.times}")
        at = next(index for index, text in enumerate(texts) if lead in _squeeze(text))
        section = texts[at]
        while at + 1 < len(texts) and re.search(r"（续）|\(cont\.\)", titles[at + 1]):  # its continuation slides
            at += 1
            section += texts[at]
        for objective in item.objectives:
            assert _squeeze(objective) in _squeeze(section), (item.title, objective)
        for case in item.cases:  # summary, background, every step and every outcome, whole
            for text in (case.summary, case.background, *case.steps, *(outcome.text for outcome in case.outcomes)):
                assert _squeeze(text) in flat, text
        for question in item.session.questions:
            assert _squeeze(view.t(question.text)) in flat
    for item in view.course.quiz:
        stem = _squeeze(view.t(item.stem))
        at = next(index for index, text in enumerate(texts) if stem in _squeeze(text))
        assert _squeeze(view.t(item.explanation)) in _squeeze(texts[at + 1])  # the answer on the next slide, not this one
        assert _squeeze(view.t(item.explanation)) not in _squeeze(texts[at])


def test_chinese_is_set_in_fonts_windows_and_wps_have(deck: tuple[CourseView, Path]) -> None:
    _, path = deck
    for name, xml in _parts(path).items():
        for props in re.findall(r"<a:rPr\b[^>]*/>|<a:rPr\b.*?</a:rPr>", xml, re.S):
            east_asian = re.search(r'<a:ea typeface="([^"]+)"', props)
            assert east_asian and east_asian.group(1) in WINDOWS_FONTS, (name, props[:160])


def test_no_slide_shows_an_id(deck: tuple[CourseView, Path]) -> None:
    """Clause ids (s7-1), objective ids (o1) and entry ids (henan-…) are for the course file, not the room."""
    from pptx import Presentation

    view, path = deck
    ids = {objective_id for objective_id, _ in view.objectives} | {item.session.id for item in view.sessions}
    ids |= {case.id for item in view.sessions for case in item.cases}
    for number, slide in enumerate(Presentation(str(path)).slides, 1):
        text = "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
        assert not re.search(r"(?<![\w/#])s\d+-\d+\b", text), (number, text[:200])
        words = set(re.findall(r"[\w-]+", text))
        assert not words & ids, (number, words & ids)


def test_the_elderly_care_course_has_a_break_and_a_structured_discussion(project: Any) -> None:
    course = project.courses.courses[ELDERLY_CARE]
    methods = [session.method for session in course.sessions]
    assert Method.rest in methods and Method.structured_discussion in methods
    assert sum(session.minutes for session in course.sessions) <= course.total_minutes
    assert any(session.cases for session in course.sessions) and any(session.indicators for session in course.sessions)
