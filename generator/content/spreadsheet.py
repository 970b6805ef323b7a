"""Cells of the spreadsheets and CSV files the project writes: entry text is never taken for a formula.

The OWASP CSV-injection rule: a cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
(also after leading spaces, which spreadsheet programs skip) may be run as a formula when the file is opened,
so an entry could make a trainer's or reader's spreadsheet fetch an address or start a program. In a CSV file
such a cell is written behind an apostrophe, the sign Excel, WPS and LibreOffice know for "this is text" (they
show it); a plain number written as text ("-5%", "+3") or a sign on its own cannot be a formula and is left as
it is, so it still reads as the number. In an XLSX file the cell is a string with the quote-prefix style (see ``courses/quiz.py``), shown as
the text itself with no visible apostrophe.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SKIPPED_FIRST = " \u00a0\u3000"  # spaces a spreadsheet program may skip before it looks for a formula
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d+)?|\.\d+)%?$")


def starts_like_formula(text: str) -> bool:
    """Whether a spreadsheet program could read ``text`` as a formula (OWASP: = + - @, tab, carriage return first)."""
    return text[:1] in FORMULA_STARTS or text.lstrip(_SKIPPED_FIRST)[:1] in FORMULA_STARTS


def is_plain_number(text: str) -> bool:
    """``-5``, ``+3``, ``-5%``, ``0.5``: a number written as text, which no program runs."""
    return bool(_PLAIN_NUMBER.match(text))


def csv_cell(value: object) -> object:
    """A value for a CSV row: numbers as they are, text that could start a formula behind an apostrophe.

    A sign on its own (the comparator ``=``, a ``-`` for "none") and a number written as text have nothing a
    program could run: they are left as they are, so a reader sees them as written.
    """
    if isinstance(value, str) and starts_like_formula(value) and not is_plain_number(value) and len(value.strip(_SKIPPED_FIRST)) > 1:
        return "'" + value
    return value


def csv_row(values: list[object]) -> list[object]:
    """Every cell of a CSV row made safe (:func:`csv_cell`)."""
    return [csv_cell(value) for value in values]
