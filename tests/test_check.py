"""`compendium check`: every kind of problem, with its exact position and code."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.content.loading import EntryLoader
from generator.content.problems import ALL_PROBLEMS
from generator.content.yamlsource import parse_yaml_text, read_yaml

DATA = Path(__file__).parent / "data"
VALID = DATA / "valid"
SOURCES = DATA / "sources"
FIXTURES = sorted(path for path in (DATA / "with-problems").iterdir() if path.is_dir())


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_valid_corpus_has_no_problems(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "check", str(VALID), "--sources", str(SOURCES))
    assert code == 0
    assert out.strip().endswith("no problems found (8 entries, 7 quotes checked)")


@pytest.mark.parametrize("fixture", FIXTURES, ids=[path.name for path in FIXTURES])
def test_each_problem_kind_is_reported_at_its_position(fixture: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "check", str(VALID), str(fixture), "--sources", str(SOURCES), "--lang", "en")
    assert code == 1
    prefix = f"{fixture.relative_to(Path.cwd()) if fixture.is_relative_to(Path.cwd()) else fixture}/"
    found = [line.split("] ")[0] + "]" for line in out.splitlines() if "[" in line]
    found = [line.replace(prefix, "") for line in found]
    expected = (fixture / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert found == expected, out
    assert any(f"[{fixture.name}]" in line for line in found), "the fixture must show its own code"


# Problems whose input cannot sit in tests/data: a file over 2 MB, a link out of the checkout. They are made
# on the fly by the tests named here (tests/test_untrusted_input.py).
MADE_BY_TESTS = {
    "file-too-large": "test_an_entry_file_over_two_megabytes_is_refused_unread",
    "symlink-outside": "test_an_entry_file_linked_from_outside_is_refused_at_its_own_path",
}


def test_every_problem_class_has_a_fixture() -> None:
    from tests import test_untrusted_input

    codes = {cls.code for cls in ALL_PROBLEMS}
    assert codes == {path.name for path in FIXTURES} | set(MADE_BY_TESTS)
    assert not set(MADE_BY_TESTS) & {path.name for path in FIXTURES}
    for test in MADE_BY_TESTS.values():
        assert callable(getattr(test_untrusted_input, test))


def test_every_problem_class_has_both_languages() -> None:
    for cls in ALL_PROBLEMS:
        assert cls.template_zh != cls.template_en, cls
        assert any("\u4e00" <= ch <= "\u9fff" for ch in cls.template_zh), cls


def test_messages_are_chinese_then_english(capsys: pytest.CaptureFixture[str]) -> None:
    _, out = run(capsys, "check", str(VALID), str(DATA / "with-problems" / "unknown-field"), "--sources", str(SOURCES))
    line = next(line for line in out.splitlines() if "[unknown-field]" in line)
    assert ("未知字段 “descripton”，是否应为 “description”？（可用字段：id、name、description） / "
            "unknown field 'descripton'; did you mean 'description'? (allowed fields: id, name, description)") in line
    _, out = run(capsys, "check", str(VALID), str(DATA / "with-problems" / "unknown-field"),
                 "--sources", str(SOURCES), "--lang", "zh")
    assert "unknown field" not in out and "未知字段" in out
    assert out.strip().endswith("发现 1 个问题")


def test_github_annotations(capsys: pytest.CaptureFixture[str]) -> None:
    _, out = run(capsys, "check", str(VALID), str(DATA / "with-problems" / "duplicate-key"), "--format", "github", "--lang", "en")
    assert "::error file=" in out
    assert ",line=3,col=1,title=duplicate-key::key 'name' appears twice (first at line 2)" in out


def test_twenty_broken_files_reported_in_one_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(VALID, tmp_path / "corpus")
    themes = tmp_path / "corpus" / "themes"
    for number in range(20):
        # each file has two problems: a misspelt field and a quoted number where text is expected
        (themes / f"broken-{number}.yml").write_text(f"id: broken-{number}\nnmae: {{zh: 主题}}\n", encoding="utf-8")
    code, out = run(capsys, "check", str(tmp_path / "corpus"), "--sources", str(SOURCES), "--lang", "en")
    assert code == 1
    for number in range(20):
        assert f"broken-{number}.yml:2:1: [unknown-field]" in out
        assert f"broken-{number}.yml:1:1: [missing-field]" in out
    assert out.strip().endswith("40 problems found")


def test_yaml_11_words_stay_text() -> None:
    document = parse_yaml_text(Path("x.yml"), "a: no\nb: on\nc: 2022-08-17\nd: 1.5\ne: true\nf: ~\n")
    assert document.data == {"a": "no", "b": "on", "c": "2022-08-17", "d": 1.5, "e": True, "f": None}
    assert not document.problems


def test_check_never_writes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(VALID, tmp_path / "corpus")
    before = {p: p.read_bytes() for p in (tmp_path / "corpus").rglob("*") if p.is_file()}
    run(capsys, "check", str(tmp_path / "corpus"))
    after = {p: p.read_bytes() for p in (tmp_path / "corpus").rglob("*") if p.is_file()}
    assert before == after


def test_schema_command_writes_one_schema_per_entry_type(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import jsonschema
    code, _ = run(capsys, "schema", "--root", str(VALID), "--out", str(tmp_path))
    assert code == 0
    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == [f"{kind}.schema.json" for kind in ("case", "course", "document", "indicator", "term", "theme")]
    folders = {"document": "policies", "indicator": "policies/indicators", "case": "casebook", "term": "glossary", "theme": "themes"}
    for kind, folder in folders.items():
        schema = json.loads((tmp_path / f"{kind}.schema.json").read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        assert "description" in schema["properties"]["id"]
        for entry in (VALID / folder).glob("*.yml"):
            jsonschema.validate(read_yaml(entry).data, schema)


_yaml_text = st.lists(
    st.sampled_from([*"ab:-[]{}&*!|>#'\"\n ,?%@`\t1.~中文", "id: ", "zh", "en", "name: ", "  ", "\n- ", "<b>", "](javascript:"]),
    max_size=60,
).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_yaml_text, kind=st.sampled_from(["themes", "glossary", "casebook", "policies"]))
def test_arbitrary_yaml_never_raises(tmp_path: Path, text: str, kind: str) -> None:
    folder = tmp_path / kind
    folder.mkdir(exist_ok=True)
    path = folder / "entry.yml"
    path.write_text(text, encoding="utf-8")
    loaded = EntryLoader().load_file(path)
    assert loaded is not None
    for problem in loaded.source.problems:
        assert problem.position.line >= 1 and problem.position.column >= 1
        problem.message()


_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(["id", "name", "zh", "en", "kind", "facts", "x"]), inner, max_size=5),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=_values, kind=st.sampled_from(["themes", "glossary", "casebook", "policies"]))
def test_arbitrary_structures_never_raise(tmp_path: Path, data: object, kind: str) -> None:
    folder = tmp_path / kind
    folder.mkdir(exist_ok=True)
    path = folder / "entry.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    loaded = EntryLoader().load_file(path)
    assert loaded is not None
    for problem in loaded.source.problems:
        problem.message()


def test_constraint_messages_are_bilingual(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """pydantic words its constraints in English only; every bad-value message has its Chinese."""
    shutil.copytree(VALID, tmp_path / "corpus")
    term = tmp_path / "corpus" / "glossary" / "short-quote.yml"
    term.write_text(
        "id: short-quote\nname: {zh: 短引文}\ndefinitions:\n"
        "  - text: {zh: 定义}\n    source: {ref: sample-plan, quote: 86%}\n", encoding="utf-8")
    code, out = run(capsys, "check", str(tmp_path / "corpus"), "--sources", str(SOURCES))
    assert code == 1
    line = next(line for line in out.splitlines() if "short-quote.yml" in line)
    assert line.endswith("short-quote.yml:5:39: [bad-value] “definitions.0.source.quote” 的值 '86%' 无效：至少需要 4 个字符"
                         " / 'definitions.0.source.quote' value '86%' is invalid: must be at least 4 characters long")
