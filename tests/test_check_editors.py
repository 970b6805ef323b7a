"""`compendium check` as a new editor meets it: syntax slips, where it is run from, all problems at once."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.content.yamlsource import parse_yaml_text

DATA = Path(__file__).parent / "data"
VALID = DATA / "valid"
SOURCES = DATA / "sources"
PARSER_ENGLISH = re.compile(r"mapping values|could not find|cannot start any token|while scanning|while parsing|expected <")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project as a clone has it: the corpus folders, mkdocs.yml, and its sources."""
    root = tmp_path / "project"
    shutil.copytree(VALID, root)
    (root / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")
    shutil.copytree(SOURCES, root / "sources" / "captures")
    return root


@pytest.mark.parametrize(("text", "code", "position", "zh"), [
    ("id: x\nsummary：\n  zh: 说明\n", "yaml-fullwidth-colon", (2, 8), "全角冒号"),
    ("id: x\nsummary： 说明\n", "yaml-fullwidth-colon", (2, 8), "全角冒号"),
    ("id: x\nname:\n\tzh: 说明\n", "yaml-tab-indent", (3, 1), "Tab"),
    ("id: x\nname:\n  zh: 说明\n\ten: a\n", "yaml-tab-indent", (4, 1), "Tab"),
    ("id: x\nname:\n\u3000\u3000zh: 说明\n", "yaml-fullwidth-space", (3, 1), "全角空格"),
    ("id: x\nname: {zh: 郑州市, en: Zhengzhou, Henan}\n", "yaml-flow-comma", (2, 30), "加引号"),
    ('id: x\nname:\n  zh: "说明\n  en: a\nother: b\n', "yaml-unclosed-quote", (3, 7), "没有闭合"),
    ("id: x\nname:\n  zh: 说明\n   en: a\n", "yaml-indentation", (4, 4), "缩进"),
    ("id: x\nname:\n  zh: 说明\n en: a\n", "yaml-indentation", (4, 2), "缩进"),
    ("id: x\nsources:\n  - ref: a\n  quote: b\n", "yaml-indentation", (4, 3), "第 5 列"),
    ("id: x\nname: {zh: 坏的, en: broken\n", "yaml-syntax", (2, 7), "{ 没有用 } 闭合"),
    ("id: x\nnote: Note: this\n", "yaml-syntax", (2, 11), "请给整段文本加引号"),
    ("id: x\nname: @home\n", "yaml-syntax", (2, 7), "以 @ 开头"),
    # the four mistakes of issue 23: each named, with the line as it should be
    ("id: x\nname: {zh: 红色物业，en: Red property}\n", "yaml-fullwidth-comma", (2, 16),
     "全角 “，”；YAML 只认半角逗号加空格，请写成：name: {zh: 红色物业, en: Red property}"),
    ("id: x\nthemes: [party-building，community-services]\n", "yaml-fullwidth-comma", (2, 24),
     "请写成：themes: [party-building, community-services]"),
    ("id: x\nyears: [2021、2022]\n", "yaml-fullwidth-comma", (2, 13), "全角 “、”；YAML 只认半角逗号加空格，请写成：years: [2021, 2022]"),
    ("id: x\nthemes:\n  - party-building\n  community-services\nname: a\n", "yaml-missing-dash", (4, 3),
     "这一行是列表 “themes” 的一项，但前面少了 “- ”；请写成：- community-services"),
    ("id: x\naliases:\n  红色物业\n  - 物业党建\n", "yaml-missing-dash", (3, 3), "请写成：- 红色物业"),
])
def test_each_syntax_mistake_is_named_at_the_line_of_the_mistake(text: str, code: str, position: tuple[int, int], zh: str) -> None:
    document = parse_yaml_text(Path("x.yml"), text)
    assert [(p.code, (p.position.line, p.position.column)) for p in document.problems] == [(code, position)]
    message = document.problems[0].message()
    assert zh in message
    chinese, _, english = message.partition(" / ")
    assert re.search(r"[\u4e00-\u9fff]", chinese) and english
    assert not PARSER_ENGLISH.search(message), message


def test_a_repaired_mistake_does_not_hide_the_rest_of_the_file() -> None:
    document = parse_yaml_text(Path("x.yml"), "id: x\nsummary：\n  zh: 说明\nname:\n\tzh: 名称\n")
    assert [p.code for p in document.problems] == ["yaml-fullwidth-colon", "yaml-tab-indent"]
    assert document.data == {"id": "x", "summary": {"zh": "说明"}, "name": {"zh": "名称"}}


def test_a_full_width_comma_in_text_or_in_an_alias_is_not_a_mistake() -> None:
    text = "id: x\nname: {zh: 红色物业，物业服务, en: Red property}\naliases: [红色物业，物业党建]\n"
    document = parse_yaml_text(Path("x.yml"), text)
    assert not document.problems
    assert document.data["name"]["zh"] == "红色物业，物业服务" and document.data["aliases"] == ["红色物业，物业党建"]


def test_ids_joined_by_a_full_width_comma_are_checked_as_the_editor_meant() -> None:
    document = parse_yaml_text(Path("x.yml"), "id: x\nthemes: [party-building，community-services]\n")
    assert document.data["themes"] == ["party-building", "community-services"], "repaired in memory, so each id is checked"


def test_a_full_width_colon_inside_text_is_not_a_mistake() -> None:
    document = parse_yaml_text(Path("x.yml"), "id: x\nsummary:\n  zh: 主要目标：到2025年\n  en: 'Goal: 2025'\n")
    assert not document.problems
    assert document.data["summary"]["zh"] == "主要目标：到2025年"


def test_unknown_field_lists_the_allowed_fields(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = project / "casebook" / "model-community.yml"
    case.write_text(case.read_text(encoding="utf-8").replace(
        "place: {province: {zh: 河南省, en: Henan}}", "place:\n  province: {zh: 河南省}\n  district: {zh: 金水区}"), encoding="utf-8")
    code, out, _ = run(capsys, "check", str(case))
    assert code == 1
    assert "casebook/model-community.yml:6:3: [unknown-field] 未知字段 “district”（可用字段：province、city、county、village）" in out
    assert "(allowed fields: province, city, county, village)" in out


def test_a_chinese_id_gets_its_pinyin(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    theme = project / "themes" / "居民议事.yml"
    theme.write_text("id: 居民议事\nname:\n  zh: 居民议事\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", str(theme), "--lang", "zh")
    assert code == 1
    assert "themes/居民议事.yml:1:5: [bad-id]" in out
    assert "id 请用拼音，如 “ju-min-yi-shi”" in out


def _check_case(project: Path, capsys: pytest.CaptureFixture[str], lines: list[str]) -> tuple[int, str, list[str]]:
    """Write casebook/ju-min-yi-shi-ting.yml, check it; the exit code, the output and each problem's "file:line:col: [code]"."""
    case = project / "casebook" / "ju-min-yi-shi-ting.yml"
    case.write_text("\n".join([*lines, ""]), encoding="utf-8")
    code, out, _ = run(capsys, "check", "--lang", "en", str(case))
    found = [line.split("] ")[0] + "]" for line in out.splitlines() if "[" in line]
    return code, out, [line.split("/casebook/")[-1] for line in found]


def test_field_problems_do_not_hide_reference_problems(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The issue's example: a misspelt field, 2021年 and a bad clause id, all in the first run (and a mistyped quote)."""
    code, out, found = _check_case(project, capsys, [
        "id: ju-min-yi-shi-ting",
        "name:",
        "  zh: 居民议事厅",
        "place:",
        "  province:",
        "    zh: 河南省",
        "sumary:",
        "  zh: 社区设居民议事厅。",
        "years:",
        "  - 2021年",
        "documents:",
        "  - sample-plan#s9-9",
        "themes:",
        "  - facility",
        "sources:",
        "  - ref: sample-plan#s2-1",
        "    quote: 城市社区综合服务设施实现全复盖",
    ])
    assert code == 1
    assert found == [
        "ju-min-yi-shi-ting.yml:1:1: [missing-field]",
        "ju-min-yi-shi-ting.yml:7:1: [unknown-field]",
        "ju-min-yi-shi-ting.yml:10:5: [wrong-type]",
        "ju-min-yi-shi-ting.yml:12:5: [missing-reference]",
        "ju-min-yi-shi-ting.yml:14:5: [missing-reference]",
        "ju-min-yi-shi-ting.yml:17:12: [quote-not-in-source]",
    ]
    assert "did you mean 'summary'?" in out and "did you mean 'facilities'?" in out


def test_a_repaired_typo_does_not_hide_field_problems(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A full-width colon and a tab are repaired in memory, so the same run also names the fields, years and references."""
    code, _, found = _check_case(project, capsys, [
        "id: ju-min-yi-shi-ting",
        "name:",
        "\tzh: 居民议事厅",
        "summary：",
        "  zh: 居民在议事厅里商量小区的事。",
        "district: 金水区",
        "years:",
        "  - 2021年",
        "documents:",
        "  - sample-plan#s9-9",
    ])
    assert code == 1
    assert found == [
        "ju-min-yi-shi-ting.yml:1:1: [missing-field]",  # place
        "ju-min-yi-shi-ting.yml:1:1: [missing-field]",  # sources
        "ju-min-yi-shi-ting.yml:3:1: [yaml-tab-indent]",
        "ju-min-yi-shi-ting.yml:4:8: [yaml-fullwidth-colon]",
        "ju-min-yi-shi-ting.yml:6:1: [unknown-field]",
        "ju-min-yi-shi-ting.yml:8:5: [wrong-type]",
        "ju-min-yi-shi-ting.yml:10:5: [missing-reference]",
    ]


def test_run_from_a_subfolder_checks_the_whole_project(project: Path, capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "themes" / "broken.yml").write_text("id: broken\nnmae:\n  zh: 坏\n", encoding="utf-8")
    monkeypatch.chdir(project / "casebook")
    code, out, _ = run(capsys, "check", "--lang", "en")
    assert code == 1
    assert "../themes/broken.yml:2:1: [unknown-field]" in out
    (project / "themes" / "broken.yml").unlink()
    code, out, _ = run(capsys, "check", "--lang", "en")
    assert code == 0
    assert out.strip().endswith("no problems found (8 entries, 7 quotes checked)")


def test_one_file_is_checked_against_the_whole_corpus(project: Path, capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Its theme, documents and term exist elsewhere in the corpus; problems of other files are not shown."""
    (project / "themes" / "broken.yml").write_text("id: broken\nnmae:\n  zh: 坏\n", encoding="utf-8")
    monkeypatch.chdir(project)
    code, out, _ = run(capsys, "check", "casebook/model-community.yml", "--lang", "en")
    assert (code, out.strip()) == (0, "no problems found (1 entry, 1 quote checked)")
    code, out, _ = run(capsys, "check", "casebook", "--lang", "en")
    assert code == 0 and "(1 entry," in out
    code, out, _ = run(capsys, "check", "themes/broken.yml", "--lang", "en")
    assert code == 1 and "themes/broken.yml:2:1: [unknown-field]" in out


def test_one_file_shows_the_problems_it_causes_in_other_files(project: Path, capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A case taking an indicator's alias: the clash is reported on the indicator's file, and the case's own check says so."""
    (project / "themes" / "broken.yml").write_text("id: broken\nnmae:\n  zh: 坏\n", encoding="utf-8")  # not this file's doing
    case = project / "casebook" / "model-community.yml"
    case.write_text(case.read_text(encoding="utf-8").replace("aliases: [规范化社区]", "aliases: [规范化社区, 农村社区服务设施覆盖率]"),
                    encoding="utf-8")
    monkeypatch.chdir(project)
    code, out, _ = run(capsys, "check", "casebook/model-community.yml", "--lang", "en")
    assert code == 1
    assert [line.split(": [")[0] + ": [" + line.split(": [")[1].split("]")[0] + "]" for line in out.splitlines() if ": [" in line] == [
        "policies/indicators/rural-facility-coverage.yml:3:11: [ambiguous-alias]"]
    assert "alias '农村社区服务设施覆盖率' is already the name or an alias of case 'model-community'" in out
    code, out, _ = run(capsys, "check", "--lang", "en")
    assert code == 1 and "[ambiguous-alias]" in out and "themes/broken.yml" in out


def test_no_entries_is_an_error_with_a_hint(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "check")
    assert code == 1
    assert "没有找到任何条目" in out and "no entries found" in out and "mkdocs.yml" in out


def test_the_invented_quote_of_the_issue_fails_check(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A document written without a capture, and a case quoting it: an error, not 'no problems found'."""
    fixture = DATA / "with-problems" / "quote-unverifiable"
    shutil.copytree(fixture, project, dirs_exist_ok=True)
    (project / "expected.txt").unlink()
    code, out, _ = run(capsys, "check", str(project), "--lang", "zh")
    assert code == 1
    assert "[quote-unverifiable] 引文无法核对" in out and "完全编造的一句话没有任何来源" in out


def test_gitlab_code_quality_report(project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "themes" / "broken.yml").write_text("id: broken\nnmae:\n  zh: 坏\n", encoding="utf-8")
    monkeypatch.chdir(project)
    code, out, err = run(capsys, "check", "--format", "gitlab")
    assert code == 1
    report = json.loads(out)
    assert len(report) == 2
    issue = next(item for item in report if item["check_name"] == "unknown-field")
    assert issue["location"] == {"path": "themes/broken.yml", "lines": {"begin": 2}}
    assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
    assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
    assert issue["description"].startswith("未知字段 “nmae”")
    assert len({item["fingerprint"] for item in report}) == 2
    assert "themes/broken.yml:2:1: [unknown-field]" in err  # the job log stays readable


def test_step_summary_for_gitea_and_github(project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                                           tmp_path: Path) -> None:
    (project / "themes" / "broken.yml").write_text("id: broken\nnmae:\n  zh: 坏\n", encoding="utf-8")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.chdir(project)
    run(capsys, "check")
    text = summary.read_text(encoding="utf-8")
    assert "| `themes/broken.yml:2:1` | `unknown-field` | 未知字段 “nmae”" in text


def test_build_refuses_the_invented_quote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The issue: `compendium build` put an unverifiable quote on the case page. Now nothing is built."""
    from generator.site.build import build_site
    from tests.conftest import make_project

    (tmp_path / "project").mkdir()
    root = make_project(tmp_path / "project", VALID)
    shutil.copytree(DATA / "with-problems" / "quote-unverifiable", root, dirs_exist_ok=True)
    report = build_site(root=root, site_dir=root / "site", sources_dir=SOURCES)
    assert not report.ok
    assert not (root / "site").exists()
    assert "[quote-unverifiable]" in capsys.readouterr().err
