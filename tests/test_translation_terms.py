"""One English rendering per term: the controlled table in docs/translation-terms.md is the rule."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from pydantic import BaseModel

from generator.content.model import Bilingual
from generator.content.pipeline import check_corpus

ROOT = Path(__file__).parent.parent
TERMS_DOC = ROOT / "docs" / "translation-terms.md"
SECTION = "## 统一译名"
_NONE = {"", "—", "-"}


@dataclass(frozen=True)
class ControlledTerm:
    """One row of the controlled table: Chinese forms, accepted renderings and rejected variants."""

    chinese: tuple[str, ...]
    renderings: tuple[str, ...]
    rejected: tuple[str, ...]
    required: bool = True


def _cells(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in re.split(r"[;；]", cell) if part.strip() not in _NONE)


def parse_controlled_terms(markdown: str) -> list[ControlledTerm]:
    """The rows of the table under the 统一译名 heading (header and separator rows skipped)."""
    start = markdown.index(SECTION)
    rows: list[ControlledTerm] = []
    in_table = False
    for line in markdown[start:].splitlines()[1:]:
        if line.startswith("## "):
            break
        if not line.startswith("|"):
            if in_table:
                break
            continue
        in_table = True
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) < 4 or set(cells[0]) <= set("-: ") or cells[0].startswith("中文"):
            continue
        required = cells[3].split()[0] if cells[3] else ""
        assert required in ("是", "否"), f"必用 Required must be 是 yes or 否 no: {line}"
        rows.append(ControlledTerm(_cells(cells[0]), _cells(cells[1]), _cells(cells[2]), required == "是"))
    return rows


def _word(word: str) -> str:
    if word.endswith("y") and not word.endswith(("ay", "ey", "oy")):
        return re.escape(word[:-1]) + "(?:y|ies)"
    if word[-1:].isalpha():
        return re.escape(word) + "(?:s|es)?"
    return re.escape(word)


def phrase_pattern(phrase: str, ignore_case: bool) -> re.Pattern[str]:
    """A phrase as a whole-word pattern whose nouns may be plural (facility → facilities, unit → units).

    Without ``ignore_case`` the capitalisation must match, except the first letter (a sentence may start with it).
    """
    first = phrase[:1]
    if not ignore_case and first.lower() != first.upper():
        phrase = phrase[1:]
    body = r"\s+".join(_word(word) for word in phrase.split(" "))
    if not ignore_case and first.lower() != first.upper():
        body = f"[{re.escape(first.lower())}{re.escape(first.upper())}]{body}"
    return re.compile(rf"(?<![\w-]){body}(?![\w-])", re.IGNORECASE if ignore_case else 0)


def violations(term: ControlledTerm, zh: str, en: str) -> list[str]:
    """What is wrong with one English text whose Chinese is ``zh`` (empty when it follows the table)."""
    if not any(form in zh for form in term.chinese):
        return []
    problems = []
    accepted = [phrase_pattern(r, ignore_case=True) for r in term.renderings]
    if term.required and not any(p.search(en) for p in accepted):
        problems.append(f"{term.chinese[0]}: none of {list(term.renderings)}")
    rest = en  # the accepted renderings, exactly as written, are taken out before looking for variants
    for rendering in term.renderings:
        rest = phrase_pattern(rendering, ignore_case=False).sub(" ", rest)
    problems += [f"{term.chinese[0]}: uses {variant!r}" for variant in term.rejected
                 if phrase_pattern(variant, ignore_case=False).search(rest)]
    return problems


def english_texts(value: object, path: tuple[object, ...]) -> list[tuple[str, str, str]]:
    if isinstance(value, Bilingual):
        return [("/".join(map(str, path)), value.zh, value.en)] if value.en else []
    if isinstance(value, BaseModel):
        return [t for name in type(value).model_fields for t in english_texts(getattr(value, name), (*path, name))]
    if isinstance(value, list):
        return [t for index, item in enumerate(value) for t in english_texts(item, (*path, index))]
    return []


TERMS = parse_controlled_terms(TERMS_DOC.read_text(encoding="utf-8"))


def test_the_table_is_read_from_the_doc() -> None:
    chinese = {form for term in TERMS for form in term.chinese}
    assert {"综合服务设施", "社会工作专业人才", "驻社区单位", "社区干部", "小微权力", "社工站", "县级社工总站",
            "四议两公开", "民政厅"} <= chinese
    assert all(term.renderings for term in TERMS)
    petty = next(term for term in TERMS if "小微权力" in term.chinese)
    assert "petty power" in petty.rejected and petty.required
    assert not next(term for term in TERMS if "民政厅" in term.chinese).required


def test_every_english_text_in_the_corpus_uses_the_chosen_rendering() -> None:
    corpus = check_corpus([ROOT], None).corpus
    found = []
    for table in (corpus.documents, corpus.indicators, corpus.cases, corpus.terms, corpus.themes):
        for entry in table.values():
            for where, zh, en in english_texts(entry, (entry.id,)):
                found += [f"{where}: {problem}" for term in TERMS for problem in violations(term, zh, en)]
    assert not found, "\n".join(found)


PETTY = ControlledTerm(("小微权力",), ("small and micro powers",), ("petty power", "micro power"))
FOUR = ControlledTerm(("四议两公开",), ("Four Deliberations and Two Disclosures",), ("four deliberations and two disclosures",))
BUREAU = ControlledTerm(("民政厅",), ("Department of Civil Affairs",), ("Civil Affairs Department",), required=False)
FACILITY = ControlledTerm(("综合服务设施",), ("comprehensive service facility", "comprehensive community service facility"),
                          ("community service facility",))


@pytest.mark.parametrize(
    ("term", "zh", "en", "expected"),
    [
        (PETTY, "小微权力清单", "A list of village petty powers", ["none of", "uses 'petty power'"]),
        (PETTY, "小微权力清单", "A list of small and micro powers", []),
        (PETTY, "村规民约", "petty powers", []),  # the Chinese does not contain the term: not checked
        (FOUR, "四议两公开工作法", "the four deliberations and two disclosures method", ["uses"]),
        (FOUR, "四议两公开工作法", "the Four Deliberations and Two Disclosures method", []),
        (BUREAU, "河南省民政厅人员所撰期刊文章", "The Henan article", []),  # not required: may be left out
        (BUREAU, "河南省民政厅答复", "The Henan Civil Affairs Department's reply", ["uses"]),
        (FACILITY, "农村社区综合服务设施覆盖率", "Rural community service facility coverage", ["none of", "uses"]),
        (FACILITY, "农村社区综合服务设施覆盖率", "Coverage of comprehensive community service facilities", []),
        (FACILITY, "城市社区综合服务设施和社区服务设施", "comprehensive service facilities and community service facilities",
         ["uses 'community service facility'"]),
    ],
)
def test_violations(term: ControlledTerm, zh: str, en: str, expected: list[str]) -> None:
    problems = violations(term, zh, en)
    assert len(problems) == len(expected), problems
    for problem, fragment in zip(problems, expected, strict=True):
        assert fragment in problem


def test_parse_reads_only_the_controlled_table() -> None:
    doc = "\n".join([
        "| 中文 | x | y | z |", "|---|---|---|---|", "| 别的 | a | b | c |", "",
        "## 统一译名 · C", "",
        "| 中文 Chinese | 译名 | 不用 | 必用 | 说明 |", "|---|---|---|---|---|",
        "| 社区干部 | community cadre | — | 是 yes | n |",
        "| 民政厅；省民政厅 | Department of Civil Affairs | A; B | 否 no |  |", "",
        "## next", "| 其他 | z | w | v |",
    ])
    terms = parse_controlled_terms(doc)
    assert terms == [ControlledTerm(("社区干部",), ("community cadre",), ()),
                     ControlledTerm(("民政厅", "省民政厅"), ("Department of Civil Affairs",), ("A", "B"), required=False)]
