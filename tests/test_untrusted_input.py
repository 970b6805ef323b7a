"""Entries are untrusted input (issue 22, items 3 and 4): no path in an entry reaches outside the project,
no entry file is read through a link out of it, and a file too large, too deep, too long or with too many
items gives a message at path:line — in Chinese, then English — never a traceback or a hang."""

from __future__ import annotations

import base64
import json
import re
import shutil
import time
from pathlib import Path

import pytest

from generator.cli import main
from generator.content.ids import is_device_name
from generator.content.sources import Fingerprint
from generator.content.yamlsource import MAX_DEPTH, MAX_FILE_BYTES, MAX_ITEMS

DATA = Path(__file__).parent / "data"
VALID = DATA / "valid"
SOURCES = DATA / "sources"
SECRET = "这段文字只在项目之外的文件里出现，绝不能被核对出来。"
THEME = "id: {id}\nname: {{zh: 测试主题}}\n"
DOCUMENT = """\
id: {id}
title: {{zh: 路径测试}}
kind: plan
issuers: [{{zh: 测试机关}}]
level: provincial
region: {{zh: 河南省}}
reproduction: full
source:
  publisher: {{zh: 测试}}
  capture: {capture}
summary: {{zh: 测试。}}
sections:
  - id: s1
    heading: {{zh: 一}}
    clauses:
      - id: s1-1
        text: {{zh: 正文。}}
facts:
  - indicator: rural-facility-coverage
    kind: observation
    value: 1
    year: 2020
    scope: {{zh: 全省}}
    clause: s1-1
    quote: {quote}
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The valid fixture corpus in a project folder (the current folder), its sources folder beside it, and a secret
    file outside both."""
    root = tmp_path / "project"
    monkeypatch.chdir(tmp_path)
    shutil.copytree(VALID, root)
    (root / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")
    shutil.copytree(SOURCES, tmp_path / "sources")
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def check(capsys: pytest.CaptureFixture[str], root: Path, *paths: Path, lang: str = "both") -> tuple[int, list[str]]:
    code = main(["check", *(str(path) for path in paths or [root]), "--sources", str(root.parent / "sources"), "--lang", lang])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, [line for line in captured.out.splitlines() if ": [" in line]


def problem_lines(lines: list[str], code: str) -> list[str]:
    return [line for line in lines if f"[{code}]" in line]


def assert_chinese_then_english(line: str) -> None:
    zh, separator, en = line.split("] ", 1)[1].partition(" / ")
    assert separator and re.search("[\u4e00-\u9fff]", zh) and not re.search("[\u4e00-\u9fff]", en), line


# --- paths in entries ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("capture", "reason"), [
    ("../secret.txt", "'..'"),
    ("../../secret.txt", "'..'"),
    ("sub/../../secret.txt", "'..'"),
    ("/etc/hostname", "absolute path"),
    ("~/secret.txt", "absolute path"),
    ("C:/Windows/win.ini", "absolute path"),
    ("..\\secret.txt", "backslash"),
    ("file:///etc/hostname", "web address"),
    ("./plan-excerpt.txt", "'.' part"),
])
def test_a_capture_out_of_the_sources_folder_is_refused_at_its_line(
        project: Path, capsys: pytest.CaptureFixture[str], capture: str, reason: str) -> None:
    entry = project / "policies" / "path-test.yml"
    entry.write_text(DOCUMENT.format(id="path-test", capture=json.dumps(capture), quote=SECRET), encoding="utf-8")
    code, lines = check(capsys, project)
    assert code == 1
    found = problem_lines(lines, "path-outside")
    assert len(found) == 1 and found[0].startswith("policies/path-test.yml:10:12: [path-outside] “source.capture” 的路径"), lines
    assert reason in found[0] and "e.g. 001_65d79a3deb8fd267.txt" in found[0]
    assert_chinese_then_english(found[0])
    # the entry is refused as a whole: no other message says anything about the file it names
    assert [line for line in lines if "path-test.yml" in line] == found


def test_check_is_no_oracle_for_files_outside_the_project(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Whether the quote is in the outside file or not, check says the same thing: it never read the file."""
    entry = project / "policies" / "path-test.yml"
    outputs = []
    for quote in (SECRET, "完全不同的一段引文内容"):
        entry.write_text(DOCUMENT.format(id="path-test", capture="../../secret.txt", quote=quote), encoding="utf-8")
        outputs.append(check(capsys, project))
    assert outputs[0] == outputs[1]
    assert not any("quote-not-in-source" in line or "source-missing" in line for line in outputs[0][1])


def test_a_capture_linked_out_of_the_sources_folder_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sources = project.parent / "sources"
    (sources / "linked.txt").symlink_to(project.parent / "secret.txt")
    entry = project / "policies" / "path-test.yml"
    outputs = []
    for quote in (SECRET, "完全不同的一段引文内容"):
        entry.write_text(DOCUMENT.format(id="path-test", capture="linked.txt", quote=quote), encoding="utf-8")
        outputs.append(check(capsys, project))
    code, lines = outputs[0]
    assert code == 1 and outputs[0] == outputs[1]
    found = problem_lines(lines, "path-outside")
    assert len(found) == 1 and found[0].startswith("policies/path-test.yml:10:12: [path-outside]")
    assert "symbolic link" in found[0] and "符号链接" in found[0]
    assert not problem_lines(lines, "quote-not-in-source") and not problem_lines(lines, "source-missing")


def test_fingerprint_writes_nothing_outside_the_project(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = project.parent
    (outside / "sources" / "linked.txt").symlink_to(outside / "secret.txt")
    (project / "policies" / "climbs-out.yml").write_text(
        DOCUMENT.format(id="climbs-out", capture="../secret.txt", quote=SECRET), encoding="utf-8")
    (project / "policies" / "linked-out.yml").write_text(
        DOCUMENT.format(id="linked-out", capture="linked.txt", quote=SECRET), encoding="utf-8")
    before = {path for path in outside.rglob("*") if not path.is_relative_to(project)}
    main(["fingerprint", "--sources", str(outside / "sources")])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    after = {path for path in outside.rglob("*") if not path.is_relative_to(project)}
    assert after == before, "fingerprint wrote outside the project"
    written = sorted(path.name for path in (project / "sources" / "fingerprints").iterdir())
    assert written == ["article-excerpt.txt.json", "plan-excerpt.txt.json"], written  # the valid documents only
    secret = Fingerprint.of_text("x", SECRET)
    assert secret.sha256 not in "".join(path.read_text(encoding="utf-8") for path in (project / "sources").rglob("*.json"))


def test_admin_publishes_no_hashes_of_files_outside_the_project(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = project.parent
    (outside / "sources" / "linked.txt").symlink_to(outside / "secret.txt")
    (project / "policies" / "climbs-out.yml").write_text(
        DOCUMENT.format(id="climbs-out", capture="../secret.txt", quote=SECRET), encoding="utf-8")
    (project / "policies" / "linked-out.yml").write_text(
        DOCUMENT.format(id="linked-out", capture="linked.txt", quote=SECRET), encoding="utf-8")
    out = outside / "admin"
    assert main(["admin", "--out", str(out), "--root", str(project), "--sources", str(outside / "sources")]) == 0
    checks = (out / "checks.json").read_text(encoding="utf-8")
    hashes = base64.b64encode(b"".join(Fingerprint.of_text("x", SECRET).hashes)).decode("ascii")
    assert hashes[:40] not in checks
    assert base64.b64encode(b"".join(Fingerprint.of_text("x", SECRET).hashes[:8])).decode("ascii")[:12] not in checks
    capsys.readouterr()


# --- entry files that are links ---------------------------------------------------------------------------------------

def test_an_entry_file_linked_from_outside_is_refused_at_its_own_path(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = project.parent / "elsewhere"
    outside.mkdir()
    (outside / "linked-theme.yml").write_text("id: linked-theme\nname: {zh: 链接}\ndescripton: {zh: 拼错的字段}\n", encoding="utf-8")
    (project / "themes" / "linked-theme.yml").symlink_to(outside / "linked-theme.yml")
    for paths in ((), (project / "themes" / "linked-theme.yml",), (project / "themes",)):
        code, lines = check(capsys, project, *paths)
        assert code == 1, paths
        found = problem_lines(lines, "symlink-outside")
        assert len(found) == 1 and found[0].split(": [")[0].endswith("themes/linked-theme.yml:1:1"), lines
        assert str(outside / "linked-theme.yml") in found[0] and "符号链接" in found[0]
        assert not problem_lines(lines, "unknown-field"), "a file out of the project must not be read"


def test_an_entry_folder_linked_from_outside_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = project.parent / "glossary-elsewhere"
    shutil.move(project / "glossary", outside)
    (project / "glossary").symlink_to(outside, target_is_directory=True)
    code, lines = check(capsys, project)
    assert code == 1
    found = problem_lines(lines, "symlink-outside")
    assert len(found) == 1 and found[0].startswith("glossary:1:1: [symlink-outside] 这个文件夹是指向项目之外的符号链接"), lines


def test_a_link_inside_the_project_is_fine(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "drafts").mkdir()
    shutil.move(project / "themes" / "facilities.yml", project / "drafts" / "facilities.yml")
    (project / "themes" / "facilities.yml").symlink_to(project / "drafts" / "facilities.yml")
    assert check(capsys, project) == (0, [])


def test_build_refuses_an_entry_linked_from_outside(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = project.parent / "elsewhere"
    outside.mkdir()
    (outside / "linked-theme.yml").write_text(THEME.format(id="linked-theme"), encoding="utf-8")
    (project / "themes" / "linked-theme.yml").symlink_to(outside / "linked-theme.yml")
    code = main(["build", "--root", str(project), "--sources", str(project.parent / "sources")])
    captured = capsys.readouterr()
    assert code == 1 and "[symlink-outside]" in captured.out + captured.err and "Traceback" not in captured.out + captured.err
    assert not (project / "site").exists()


# --- limits ----------------------------------------------------------------------------------------------------------

def test_an_entry_file_over_two_megabytes_is_refused_unread(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = project / "themes" / "big.yml"
    big.write_text(THEME.format(id="big") + "description: {zh: " + "长" * (MAX_FILE_BYTES // 3) + "}\n", encoding="utf-8")
    assert big.stat().st_size > MAX_FILE_BYTES
    code, lines = check(capsys, project)
    assert code == 1
    assert lines == [line for line in lines if "big.yml" in line]
    assert len(lines) == 1 and lines[0].startswith("themes/big.yml:1:1: [file-too-large] 文件有 2 MB")
    assert "over the limit of 2 MB" in lines[0]
    assert_chinese_then_english(lines[0])


@pytest.mark.parametrize("style", ["block", "flow", "sequence"])
def test_nesting_a_thousand_deep_gives_a_message_not_a_recursion_error(
        project: Path, capsys: pytest.CaptureFixture[str], style: str) -> None:
    deep = project / "themes" / "deep.yml"
    if style == "block":
        body = "".join("  " * level + f"k{level}:\n" for level in range(1000)) + "  " * 1000 + "end\n"
        expected = f"themes/deep.yml:{MAX_DEPTH + 4}:{2 * MAX_DEPTH + 1}: [too-deep]"  # the key where it goes too deep
    elif style == "flow":
        body = "{a: " * 1000 + "1" + "}" * 1000 + "\n"
        expected = "themes/deep.yml:3:"
    else:  # a million brackets, within 2 MB: libyaml slows down with the square of the depth, so reading must stop early
        body = "[" * 1_000_000 + "]" * 1_000_000 + "\n"
        expected = "themes/deep.yml:3:"
    deep.write_text(THEME.format(id="deep") + "description:\n" + body if style == "block"
                    else THEME.format(id="deep") + "description: " + body, encoding="utf-8")
    started = time.monotonic()
    code, lines = check(capsys, project)
    assert time.monotonic() - started < 60
    assert code == 1
    found = problem_lines(lines, "too-deep")
    assert len(found) == 1 and found[0].startswith(expected), lines
    assert f"嵌套超过 {MAX_DEPTH} 层" in found[0] and f"nested more than {MAX_DEPTH} levels" in found[0]


def test_a_list_of_half_a_million_items_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "themes" / "long.yml").write_text(THEME.format(id="long") + "description:\n" + "- 1\n" * 500_000, encoding="utf-8")
    code, lines = check(capsys, project)
    assert code == 1
    found = problem_lines(lines, "too-many-items")
    assert found == [line for line in lines if "long.yml" in line]
    assert len(found) == 1 and found[0].startswith(f"themes/long.yml:{MAX_ITEMS + 4}:3: [too-many-items] 这个列表超过 {MAX_ITEMS} 项")


def test_a_file_of_too_many_values_stops_at_the_limit(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = "".join(f"- [{', '.join(['1'] * 4000)}]\n" for _ in range(30))
    (project / "themes" / "wide.yml").write_text(THEME.format(id="wide") + "description:\n" + rows, encoding="utf-8")
    code, lines = check(capsys, project)
    assert code == 1
    found = problem_lines(lines, "too-many-items")
    assert len(found) == 1 and "这个文件的值超过 100000 项" in found[0] and "the file has more than 100000 items" in found[0]


def test_a_mapping_of_too_many_keys_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    keys = "".join(f"  k{number}: 1\n" for number in range(MAX_ITEMS + 10))
    (project / "themes" / "keys.yml").write_text(THEME.format(id="keys") + "description:\n" + keys, encoding="utf-8")
    code, lines = check(capsys, project)
    found = problem_lines(lines, "too-many-items")
    assert code == 1 and len(found) == 1 and found[0].startswith(f"themes/keys.yml:{MAX_ITEMS + 4}:3: [too-many-items] 这个映射的键")


def test_a_long_id_is_refused_by_check_and_build_never_says_file_name_too_long(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    long_id = "-".join(["ju-min-yi-shi-ting"] * 14)[:250].rstrip("-")
    (project / "themes" / f"{long_id[:200]}.yml").write_text(THEME.format(id=long_id), encoding="utf-8")
    code, lines = check(capsys, project)
    assert code == 1
    found = problem_lines(lines, "id-too-long")
    assert len(found) == 1 and f"有 {len(long_id)} 个字符，最多 80 个" in found[0] and f"is {len(long_id)} characters long" in found[0]
    assert found[0].split(": [")[0].endswith(":1:5")
    code = main(["build", "--root", str(project), "--sources", str(project.parent / "sources")])
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert code == 1 and "[id-too-long]" in output
    assert "File name too long" not in output and "Traceback" not in output


def test_ids_of_eighty_characters_still_work(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    long_id = ("she-qu-" * 12)[:80].rstrip("-")
    long_id += "x" * (80 - len(long_id))
    assert len(long_id) == 80
    (project / "themes" / f"{long_id}.yml").write_text(THEME.format(id=long_id), encoding="utf-8")
    assert check(capsys, project) == (0, [])


@pytest.mark.parametrize("name", ["con", "prn", "aux", "nul", "com1", "com9", "lpt1", "lpt9", "com0", "lpt0"])
def test_reserved_windows_names_are_refused_as_ids(project: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    (project / "themes" / f"{name}-theme.yml").write_text(THEME.format(id=name), encoding="utf-8")
    code, lines = check(capsys, project)
    found = problem_lines(lines, "reserved-name")
    assert code == 1 and len(found) == 1, lines
    assert found[0].startswith(f"themes/{name}-theme.yml:1:5: [reserved-name] “{name}” 是 Windows 的保留设备名")
    assert "e.g. ce-shi-zhu-ti" in found[0]  # the pinyin of the theme's Chinese name


@pytest.mark.parametrize("file_name", ["NUL.yml", "Con.yml", "aux.backup.yml", "LPT3.yaml"])
def test_reserved_windows_names_are_refused_as_file_names(project: Path, capsys: pytest.CaptureFixture[str], file_name: str) -> None:
    (project / "themes" / file_name).write_text(THEME.format(id="ce-shi"), encoding="utf-8")
    code, lines = check(capsys, project)
    found = problem_lines(lines, "reserved-name")
    assert code == 1 and len(found) == 1, lines
    assert found[0].startswith(f"themes/{file_name}:1:1: [reserved-name] “{file_name}” 是 Windows 的保留设备名")
    assert "e.g. ce-shi.yml" in found[0]


def test_device_names_in_any_case_and_with_an_extension() -> None:
    for name in ("con", "CON", "Con.txt", "nul.tar.gz", "com¹", "LPT²", "aux ", "prn.", "conin$", "COM7.yml"):
        assert is_device_name(name), name
    for name in ("console", "com10", "lpt", "auxiliary", "nul-1", "con-she-qu", "com-1", "ju-min-yi-shi-ting"):
        assert not is_device_name(name), name


def test_course_files_are_held_to_the_same_limits(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "courses").mkdir()
    (project / "courses" / "deep.yml").write_text("id: deep\ntitle: " + "[" * 50 + "]" * 50 + "\n", encoding="utf-8")
    (project / "courses" / "aux.yml").write_text("id: aux\n", encoding="utf-8")
    code, lines = check(capsys, project)
    assert code == 1
    assert problem_lines(lines, "too-deep")[0].startswith("courses/deep.yml:2:")
    assert any(line.startswith("courses/aux.yml:1:1: [reserved-name]") for line in lines), lines


def test_the_size_limit_leaves_room_for_the_largest_real_entry() -> None:
    root = Path(__file__).parent.parent
    largest = max(path.stat().st_size for folder in ("policies", "casebook", "glossary", "themes", "courses")
                  for path in (root / folder).rglob("*.yml"))
    assert largest * 10 < MAX_FILE_BYTES
    assert (DATA / "with-problems" / "too-many-items" / "themes" / "too-many-items.yml").stat().st_size < MAX_FILE_BYTES


def test_a_synonym_list_linked_from_outside_is_not_read(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = project.parent / "synonyms-elsewhere.yml"
    outside.write_text("zh:\n  - typed: [一个秘密词]\n    means: [另一个秘密词]\n", encoding="utf-8")
    (project / "synonyms.yml").symlink_to(outside)
    code, lines = check(capsys, project)
    assert code == 1
    assert len(lines) == 1 and lines[0].startswith("synonyms.yml:1:1: [symlink-outside] 这个同义词表是指向项目之外的符号链接"), lines
    assert "秘密" not in lines[0]


@pytest.mark.parametrize("argv", [["new", "theme", "--name", "测试", "--id", "con"],
                                  ["new", "theme", "--name", "测试", "--id", "a" * 81],
                                  ["source", "add", "{file}", "--id", "../../escape"],
                                  ["source", "add", "{file}", "--id", "nul"]])
def test_commands_that_take_an_id_refuse_paths_long_ids_and_device_names(
        project: Path, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    source = project.parent / "notice.txt"
    source.write_text("关于测试的通知\n一、总体要求\n（一）做好测试工作。\n", encoding="utf-8")
    before = sorted(project.parent.rglob("*"))
    assert main([part.format(file=source) for part in argv]) == 2
    captured = capsys.readouterr()
    assert "错误：id" in captured.err and "error: id" in captured.err and "Traceback" not in captured.err
    assert sorted(project.parent.rglob("*")) == before, "nothing is written"


def test_a_course_file_linked_from_outside_is_not_read(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outside = project.parent / "course-elsewhere.yml"
    outside.write_text("id: course-elsewhere\ntitel: {zh: 拼错的字段}\n", encoding="utf-8")
    (project / "courses").mkdir()
    (project / "courses" / "course-elsewhere.yml").symlink_to(outside)
    code, lines = check(capsys, project)
    assert code == 1
    assert len(lines) == 1
    assert lines[0].startswith("courses/course-elsewhere.yml:1:1: [symlink-outside] 这个课程文件是指向项目之外的符号链接")
    assert_chinese_then_english(lines[0].replace(str(outside), "X"))
