"""Everything a user can call or write is documented (the sqlite-utils habit)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from generator.cli import _parser
from generator.content.kinds import CORPUS_KINDS
from generator.content.problems import ALL_PROBLEMS
from generator.content.reference import _all_models, field_reference
from generator.courses.problems import COURSE_PROBLEMS

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
CLI_DOC = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")


def _commands() -> dict[str, object]:
    subparsers = next(a for a in _parser()._actions if a.dest == "command")
    return subparsers.choices  # type: ignore[attr-defined,no-any-return]


def _table(heading: str) -> list[str]:
    """The rows of the first table under ``heading`` in docs/cli.md (up to the first line that is not a row)."""
    after = CLI_DOC.split(heading, 1)[1].splitlines()
    first = next(index for index, line in enumerate(after) if line.startswith("|"))
    rows = []
    for line in after[first:]:
        if not line.startswith("|"):
            break
        rows.append(line)
    return rows[2:]  # without the head and the rule


def test_every_command_has_one_row_naming_each_of_its_options() -> None:
    rows = {}
    for row in _table("# 命令行 · Command line"):
        name = re.match(r"\| `compendium ([a-z]+)", row)
        assert name, row[:60]
        assert name.group(1) not in rows, f"two rows for compendium {name.group(1)}"
        rows[name.group(1)] = row
    assert set(rows) == set(_commands())
    for name, parser in _commands().items():
        assert f"compendium {name}" in README, name
        actions = list(parser._actions)  # type: ignore[attr-defined]  # argparse keeps its actions private
        if name == "source":  # its one action, add, holds the options
            actions = next(a for a in actions if a.dest == "source_command").choices["add"]._actions
        for action in actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert f"`{option}" in rows[name], f"compendium {name} {option} is not in its row of docs/cli.md"


def test_every_problem_code_is_in_the_one_table_of_codes() -> None:
    rows = _table("## 问题代码 · Problem codes")
    codes = [re.match(r"\| `([a-z0-9-]+)` \|", row).group(1) for row in rows]  # type: ignore[union-attr]  # every row is a code's
    assert len(codes) == len(set(codes)), "a code listed twice"
    assert set(codes) == {cls.code for cls in (*ALL_PROBLEMS, *COURSE_PROBLEMS)}
    elsewhere = re.findall(r"^\| `([a-z0-9-]+)` \|", CLI_DOC.split("## 问题代码 · Problem codes", 1)[1].split("\n\n## ", 1)[1], re.M)
    assert not set(elsewhere) & set(codes), "the table of codes is split by another section"


def test_every_field_has_a_chinese_and_english_description() -> None:
    for model in _all_models():
        for name, info in model.model_fields.items():
            description = info.description or ""
            zh, sep, en = description.partition(" / ")
            assert sep and zh.strip() and en.strip(), f"{model.__name__}.{name}"
            assert re.search(r"[\u4e00-\u9fff]", zh), f"{model.__name__}.{name} needs Chinese"


def test_field_reference_lists_every_field_of_every_entry_type() -> None:
    page = field_reference("zh")
    for model in (kind.model for kind in CORPUS_KINDS):
        assert f"## {model.__name__} " in page
        for name in model.model_fields:
            assert f"| `{name}` |" in page, f"{model.__name__}.{name}"


def test_readme_test_command_is_what_ci_runs() -> None:
    command = "npm ci --prefix tools/cms --no-audit --no-fund && python3 -m pip install -e '.[test]' && python3 -m pytest"
    assert command in README
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_python_dash_m_generator_works() -> None:
    result = subprocess.run([sys.executable, "-m", "generator", "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    for name in _commands():
        assert name in result.stdout


def test_ruff_is_clean() -> None:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", str(ROOT / "generator"), str(ROOT / "tests"),
                             str(ROOT / "benchmarks")], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean() -> None:
    """The type checker over generator/ (settings in pyproject.toml: [tool.mypy]), as CI runs it."""
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_type_ignore_says_why() -> None:
    """A silenced type error is explained on its line (after the ignore) or on the comment line just above."""
    unexplained = []
    for path in sorted((ROOT / "generator").rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, start=1):
            if "type: ignore" not in line:
                continue
            after = line.split("type: ignore", 1)[1]
            above = lines[number - 2].strip() if number > 1 else ""
            if "#" not in after and not above.startswith("#"):
                unexplained.append(f"{path.relative_to(ROOT)}:{number}")
    assert not unexplained, unexplained


def test_translation_terms_list_every_glossary_term_as_the_glossary_names_it() -> None:
    """docs/translation-terms.md is the term list translators follow: it must agree with the glossary."""
    from generator.content.pipeline import check_corpus

    rows: dict[str, str] = {}
    for line in (ROOT / "docs" / "translation-terms.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) >= 2:
            rows[cells[0]] = cells[1]
    for term in check_corpus([ROOT], None).corpus.terms.values():
        assert term.name.zh in rows, f"{term.id}: {term.name.zh} is not in docs/translation-terms.md"
        assert rows[term.name.zh] == term.name.en, f"{term.id}: the term list says {rows[term.name.zh]!r}"
