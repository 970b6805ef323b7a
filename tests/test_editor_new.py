"""`compendium new`: the written file fails `check` until its empty fields are filled, then passes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.content.project import resolve_project
from generator.courses.kind import ALL_KINDS
from generator.editor.newentry import new_command

DATA = Path(__file__).parent / "data"

# What an editor types into each empty field that `check` points at, by the field `check` names.
FILL = {
    "place.province.zh": "河南省",
    "summary.zh": "社区设居民议事厅，居民商量社区服务设施的建设。",
    "sources.0.ref": "sample-plan#s2-1",
    "sources.0.quote": "城市社区综合服务设施实现全覆盖",
    "definitions.0.text.zh": "城市社区综合服务设施全覆盖的建设目标。",
    "definitions.0.source.ref": "sample-plan#s2-1",
    "definitions.0.source.quote": "城市社区综合服务设施实现全覆盖",
    "unit.zh": "\"%\"",  # typed unquoted, check says: text starting with % must be quoted
    "direction": "higher",
    "definition.zh": "设有综合服务设施的社区占全部社区的比例。",
    "kind": "plan",
    "issuers.0.zh": "河南省人民政府办公厅",
    "level": "provincial",
    "region.zh": "河南省",
    "source.publisher.zh": "河南省人民政府办公厅",
    "reproduction": "full",
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "project"
    shutil.copytree(DATA / "valid", root)
    (root / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")
    shutil.copytree(DATA / "sources", root / "sources" / "captures")
    monkeypatch.chdir(root)
    return root


def _check(capsys: pytest.CaptureFixture[str], path: Path) -> tuple[int, str]:
    code = main(["check", str(path), "--lang", "zh"])
    return code, capsys.readouterr().out


def _fill(path: Path, report: str) -> None:
    """Type a value into each line `check` reports as empty, as an editor would."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for match in re.finditer(r":(\d+):\d+: \[[a-z-]+\] “([^”]+)”", report):
        number, field = int(match.group(1)), match.group(2)
        line = lines[number - 1]
        assert line.rstrip().endswith(":"), (field, line)
        lines[number - 1] = f"{line.rstrip()} {FILL[field]}"
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.mark.parametrize(("kind", "name", "folder", "expected_id"), [
    ("case", "居民议事厅", "casebook", "ju-min-yi-shi-ting"),
    ("term", "全覆盖", "glossary", "quan-fu-gai"),
    ("indicator", "社区综合服务设施覆盖率", "policies/indicators", "she-qu-zong-he-fu-wu-she-shi-fu-gai-lv"),
    ("document", "关于建设居民议事厅的通知", "policies", "guan-yu-jian-she-ju-min-yi-shi-ting-de-tong-zhi"),
])
def test_new_entry_fails_check_until_filled_then_passes(project: Path, capsys: pytest.CaptureFixture[str], *,
                                                        kind: str, name: str, folder: str, expected_id: str) -> None:
    assert main(["new", kind, "--name", name]) == 0
    written = project / folder / f"{expected_id}.yml"
    assert capsys.readouterr().out.strip() == str(written)
    text = written.read_text(encoding="utf-8")
    assert "{" not in text, "block style only"
    for line in text.splitlines():
        if re.match(r"^\s*(- )?[a-z_]+:", line):
            index = text.splitlines().index(line)
            assert text.splitlines()[index - 1].strip().startswith("#"), f"no comment above {line!r}"
    code, report = _check(capsys, written)
    assert code == 1, "empty required fields must fail check"
    assert "[empty-field]" in report and "还空着，请填写" in report
    assert "null" not in report, "an empty field is not described in parser words"
    _fill(written, report)
    code, report = _check(capsys, written)
    assert code == 0, report
    assert "未发现问题（1 个条目" in report


def test_theme_from_its_name_alone_is_complete(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "theme", "--name", "居民议事", "--en", "Residents' deliberation"]) == 0
    written = project / "themes" / "ju-min-yi-shi.yml"
    assert "  en: \"Residents' deliberation\"" in written.read_text(encoding="utf-8")
    capsys.readouterr()
    assert _check(capsys, written)[0] == 0


def test_new_never_overwrites(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    existing = project / "themes" / "facilities.yml"
    before = existing.read_bytes()
    assert main(["new", "theme", "--name", "设施", "--id", "facilities"]) == 1
    assert existing.read_bytes() == before
    assert "已存在" in capsys.readouterr().err


def test_new_rejects_a_bad_id_and_suggests_pinyin(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "term", "--name", "红色物业", "--id", "红色物业"]) == 2
    assert "hong-se-wu-ye" in capsys.readouterr().err
    assert not (project / "glossary" / "红色物业.yml").exists()


def test_new_asks_on_a_terminal(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = iter(["红色物业", "Red property management", ""])
    prompts: list[str] = []

    def ask(prompt: str) -> str:
        prompts.append(prompt)
        return next(answers)

    found = resolve_project(start=project / "casebook", kinds=ALL_KINDS)  # from a subfolder: the project around it
    assert new_command(found, "term", None, None, None, ask=ask) == 0
    assert "hong-se-wu-ye" in prompts[2]
    written = project / "glossary" / "hong-se-wu-ye.yml"
    assert "  zh: 红色物业\n" in written.read_text(encoding="utf-8")
