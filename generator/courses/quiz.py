"""The quiz in three forms: Moodle GIFT, 问卷星-style batch text, and a spreadsheet (XLSX)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from generator.content.spreadsheet import starts_like_formula
from generator.courses.checks import answer_letters
from generator.courses.content import CourseResolver, CourseView
from generator.courses.model import QUIZ_KIND_NAMES, QuizItem, QuizKind

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_GIFT_SPECIAL = "\\~=#{}:"


def gift_escape(text: str) -> str:
    """Escape GIFT's special characters (``~ = # { } :`` and the backslash) and fold newlines."""
    escaped = "".join(f"\\{char}" if char in _GIFT_SPECIAL else char for char in text)
    return escaped.replace("\n", "\\n")


def _weights(count: int) -> str:
    return f"{100 / count:.5f}".rstrip("0").rstrip(".")


def gift(view: CourseView, citations: dict[str, str]) -> str:
    """The quiz as Moodle GIFT; each item's explanation and cited clause go into its feedback."""
    lines = [f"// {view.title}", f"// {view.say('许可', 'Licence')}: {view.course.licence}", "",
             f"$CATEGORY: {gift_escape(view.course.id)}", ""]
    for item in view.course.quiz:
        stem = gift_escape(view.t(item.stem))
        feedback = gift_escape(f"{view.t(item.explanation)} — {citations[item.id]}")
        options = [gift_escape(view.t(option)) for option in item.options]
        if item.kind is QuizKind.single:
            correct = LETTERS.index(answer_letters(item)[0])
            body = " ".join(f"={text}#{feedback}" if index == correct else f"~{text}" for index, text in enumerate(options))
        elif item.kind is QuizKind.multiple:
            right = {LETTERS.index(letter) for letter in answer_letters(item)}
            share, wrong = _weights(len(right)), _weights(len(options) - len(right))
            body = " ".join(f"~%{share}%{text}" if index in right else f"~%-{wrong}%{text}" for index, text in enumerate(options))
            body += f" ####{feedback}"
        elif item.kind is QuizKind.true_false:
            body = f"{'TRUE' if item.answer else 'FALSE'}#{feedback}#{feedback}"
        else:
            body = f"####{gift_escape(view.t(item.model_answer))} — {feedback}"
        lines += [f"// {item.id} ({item.kind.value})", f"::{gift_escape(item.id)}::{stem} {{{body}}}", ""]
    return "\n".join(lines)


def wjx_text(view: CourseView, citations: dict[str, str]) -> str:
    """问卷星-style batch text: ``1. 题干[单选题]``, options ``A. …``, then ``答案：`` and ``解析：`` lines."""
    lines: list[str] = []
    for number, item in enumerate(view.course.quiz, start=1):
        kind = QUIZ_KIND_NAMES[item.kind][0] if view.lang != "en" else QUIZ_KIND_NAMES[item.kind][1]
        lines.append(f"{number}. {view.t(item.stem)}[{kind}]")
        lines += [f"{LETTERS[index]}. {view.t(option)}" for index, option in enumerate(item.options)]
        answer = answer_text(view, item)  # ABC, as in the spreadsheet
        lines.append(f"{view.say('答案', 'Answer')}{view.colon}{answer}")
        lines.append(f"{view.say('解析', 'Explanation')}{view.colon}{view.t(item.explanation)}{view.paren(citations[item.id])}")
        lines.append("")
    return "\n".join(lines)


def answer_text(view: CourseView, item: QuizItem, joiner: str = "", with_option: bool = False) -> str:
    """The answer as a trainer reads it: option letters (joined by ``joiner``; with ``with_option`` each with its
    option's text, ``B. 30平方米``), 正确/错误, or the model answer."""
    if item.kind in (QuizKind.single, QuizKind.multiple):
        letters = answer_letters(item)
        if with_option:
            return view.say("；", "; ").join(f"{letter}. {view.t(item.options[LETTERS.index(letter)])}" for letter in letters)
        return joiner.join(letters)
    if item.kind is QuizKind.true_false:
        return view.say("正确" if item.answer else "错误", "True" if item.answer else "False")
    return view.t(item.model_answer)


def text_cell(cell: Cell, value: object) -> None:
    """Put ``value`` in ``cell``; text is always a string, never a formula, whatever it starts with.

    openpyxl takes text beginning with ``=`` for a formula; such text (and text beginning with + - @, a tab or a
    carriage return) is stored as a string with the quote-prefix style, which Excel, WPS and LibreOffice show as the
    text itself and keep as text when the cell is edited (spreadsheet.py: the OWASP rule).
    """
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if starts_like_formula(value):
            cell.quotePrefix = True


def write_xlsx(view: CourseView, citations: dict[str, str], urls: dict[str, str], path: Path) -> None:
    """One row per item: number, kind, stem, options A–F, answer, explanation, source, quote, address."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = view.say("测验", "Quiz")
    head: list[object] = [view.say(zh, en) for zh, en in (("题号", "No."), ("题型", "Kind"), ("题干", "Stem"))]
    head += [f"{view.say('选项', 'Option')} {letter}" for letter in LETTERS[:6]]
    head += [view.say(zh, en) for zh, en in (("答案", "Answer"), ("解析", "Explanation"), ("出处", "Source"),
                                             ("原文", "Quote"), ("网址", "Address"), ("题目 id", "Item id"))]
    rows: list[list[object]] = [head]
    for number, item in enumerate(view.course.quiz, start=1):
        options = [view.t(option) for option in item.options][:6]
        rows.append([number, QUIZ_KIND_NAMES[item.kind][view.lang == "en"], view.t(item.stem), *options,
                     *[""] * (6 - len(options)), answer_text(view, item), view.t(item.explanation), citations[item.id],
                     item.quote, urls[item.id], item.id])
    for row_number, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            text_cell(sheet.cell(row=row_number, column=column), value)
    for cell in sheet[1]:
        cell.font = Font(bold=True, name="SimHei")
    widths = [6, 10, 40, *[18] * 6, 12, 40, 30, 40, 40, 16]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    workbook.save(path)


def quiz_citations(view: CourseView, resolver: CourseResolver) -> tuple[dict[str, str], dict[str, str]]:
    """Each item's citation (《document》 and the clause's printed numbering) and the address of that clause, by item id."""
    citations, urls = {}, {}
    for item in view.course.quiz:
        citation, url = resolver.citation(view, item.cites)
        citations[item.id], urls[item.id] = citation, url
    return citations, urls
