"""CONTRIBUTING.md works as written from a fresh clone (Debian, as here): the virtual environment, the install, the
commands it names, and exactly the files it says to commit."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[list[str]]:
    return [[line for line in block.splitlines() if line.strip()]
            for block in re.findall(rf"```{language}\n(.*?)```", CONTRIBUTING, flags=re.DOTALL)]


def test_each_system_has_its_install_steps() -> None:
    posix = next(block for block in _blocks("sh") if block and block[0].startswith("python3 -m venv"))
    assert posix == ["python3 -m venv .venv", ". .venv/bin/activate", "python -m pip install -e .", "compendium --help"]
    (windows,) = _blocks("powershell")
    assert windows == ["py -3 -m venv .venv", r".venv\Scripts\Activate.ps1", "python -m pip install -e .", "compendium --help"]
    for words in ("Debian 12", "Ubuntu", "Windows", "macOS", "python3-venv", "externally-managed-environment", "winget", "brew",
                  "npm ci --prefix tools/cms", "Node.js 20", "pipx install --editable .", "Set-ExecutionPolicy"):
        assert words in CONTRIBUTING, words
    assert ".venv/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="not a Git checkout")
def test_the_walkthrough_runs_on_a_fresh_clone_and_leaves_only_the_files_to_commit(tmp_path: Path) -> None:
    clone = tmp_path / "compendium"
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(ROOT), str(clone)], check=True, capture_output=True)
    posix = next(block for block in _blocks("sh") if block and block[0].startswith("python3 -m venv"))
    # As written; the venv may see this Python's packages, so pip downloads only what it builds with (PyPI is reachable
    # wherever the project is developed and checked), not every dependency again.
    script = "\n".join(posix).replace("python3 -m venv .venv", f"{sys.executable} -m venv --system-site-packages .venv").replace(
        "python -m pip install -e .", "python -m pip install -q -e .")
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["COMPENDIUM_SOURCES"] = str(tmp_path / "no-shared-sources")
    steps = [script,
             "test \"$(command -v compendium)\" = \"$PWD/.venv/bin/compendium\"",  # the venv's, not another install
             "compendium new case --name 居民议事厅",
             f"compendium source add {ROOT / 'tests' / 'data' / 'intake' / 'hunan-notice.html'} --id hunan-notice",
             "compendium check casebook/ju-min-yi-shi-ting.yml || true"]
    done = subprocess.run(["bash", "-ec", "\n".join(steps)], cwd=clone, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "usage: compendium" in done.stdout and "[empty-field]" in done.stdout, done.stdout
    listed = sorted(line[3:] for line in _git(clone, "status", "--porcelain", "--untracked-files=all").splitlines())
    assert listed == ["casebook/ju-min-yi-shi-ting.yml", "policies/hunan-notice.yml", "sources/captures/hunan-notice.txt",
                      "sources/fingerprints/hunan-notice.txt.json"], "exactly the files the table says to commit"
    assert "`casebook/`" in CONTRIBUTING and "`policies/<id>.yml`" in CONTRIBUTING
    assert "`sources/captures/<id>.txt`、`sources/fingerprints/<id>.txt.json`" in CONTRIBUTING
