"""The pull-request workflows (GitHub, Gitea/Forgejo, GitLab) run commands that work, on a fresh copy of the project."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).parent.parent
WORKFLOWS = {
    "github": ROOT / ".github" / "workflows" / "check.yml",
    "gitea": ROOT / ".gitea" / "workflows" / "check.yml",
    "gitlab": ROOT / ".gitlab-ci.yml",
}
# Lines that only install the project (they need the network, so the test does not run them).
INSTALL = re.compile(r"^(python3 -m pip install -e \.|python3 -m venv \.venv|\.venv/bin/python -m pip install -e \.|"
                     r"echo \"\$PWD/\.venv/bin\" >> \"\$GITHUB_PATH\")$")
_COPY_IGNORE = shutil.ignore_patterns(".git", "site", "preview", "build", ".cache", "__pycache__", "*.egg-info", "node_modules",
                                      ".venv", ".pytest_cache", ".ruff_cache", ".mypy_cache", ".hypothesis", "results",
                                      "gl-code-quality-report.json")


def run_lines(kind: str) -> list[str]:
    """Every shell line the workflow runs, in order."""
    data = yaml.safe_load(WORKFLOWS[kind].read_text(encoding="utf-8"))
    blocks: list[str] = []
    if kind == "gitlab":
        for name, job in data.items():
            if isinstance(job, dict) and "script" in job and name != "default":
                blocks.extend(job["script"])
    else:
        for job in data["jobs"].values():
            blocks.extend(step["run"] for step in job["steps"] if "run" in step)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def artifact_paths(kind: str) -> list[str]:
    data = yaml.safe_load(WORKFLOWS[kind].read_text(encoding="utf-8"))
    if kind == "gitlab":
        return [path for job in data.values() if isinstance(job, dict) for path in job.get("artifacts", {}).get("paths", [])]
    return [step["with"]["path"] for job in data["jobs"].values() for step in job["steps"]
            if "upload-artifact" in step.get("uses", "")]


@pytest.fixture(scope="module")
def fresh_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project as a CI runner checks it out: no captured sources beside it, only the fingerprints."""
    target = tmp_path_factory.mktemp("ci") / "checkout"
    shutil.copytree(ROOT, target, ignore=_COPY_IGNORE)
    return target


def shell(command: str, cwd: Path, summary: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("COMPENDIUM_SOURCES", None)
    if summary is not None:
        env["GITHUB_STEP_SUMMARY"] = str(summary)
    return subprocess.run(["bash", "-c", f"set -o pipefail; {command}"], cwd=cwd, env=env, capture_output=True, text=True,
                          check=False, timeout=600)


@pytest.mark.parametrize("kind", list(WORKFLOWS))
def test_each_workflow_only_installs_checks_and_builds(kind: str) -> None:
    lines = run_lines(kind)
    commands = [line for line in lines if not INSTALL.match(line)]
    assert all(line.startswith("compendium ") for line in commands), commands
    assert any(line.startswith("compendium check") for line in commands)
    build = next(line for line in commands if line.startswith("compendium build"))
    site_dir = build.split("--site-dir", 1)[1].split()[0]
    assert [path.rstrip("/") for path in artifact_paths(kind)] == [site_dir], "the preview artifact is the built site"
    assert any(INSTALL.match(line) for line in lines), "the workflow installs the project"


def test_the_workflows_commands_pass_on_the_corpus(fresh_copy: Path, tmp_path: Path) -> None:
    """Every distinct compendium command of the three workflows, run as the runners run them."""
    commands = sorted({line for kind in WORKFLOWS for line in run_lines(kind) if line.startswith("compendium ")})
    summary = tmp_path / "summary.md"
    for command in commands:
        result = shell(command, fresh_copy, summary)
        assert result.returncode == 0, f"{command}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    assert (fresh_copy / "preview" / "index.html").is_file()
    assert (fresh_copy / "preview" / "en" / "index.html").is_file()
    assert json.loads((fresh_copy / "gl-code-quality-report.json").read_text(encoding="utf-8")) == []
    assert "未发现问题" in summary.read_text(encoding="utf-8")


def test_the_workflows_report_a_broken_entry_in_each_hosts_format(fresh_copy: Path, tmp_path: Path) -> None:
    broken = fresh_copy / "casebook" / "ju-min-yi-shi-ting.yml"
    broken.write_text("id: ju-min-yi-shi-ting\nname：\n  zh: 居民议事厅\n", encoding="utf-8")
    try:
        checks = {kind: next(line for line in run_lines(kind) if line.startswith("compendium check")) for kind in WORKFLOWS}
        github = shell(checks["github"], fresh_copy)
        assert github.returncode == 1
        assert "::error file=casebook/ju-min-yi-shi-ting.yml,line=2,col=5,title=yaml-fullwidth-colon::" in github.stdout
        summary = tmp_path / "gitea-summary.md"
        gitea = shell(checks["gitea"], fresh_copy, summary)
        assert gitea.returncode == 1
        assert "casebook/ju-min-yi-shi-ting.yml:2:5: [yaml-fullwidth-colon] 键 “name” 后面用了全角冒号" in gitea.stdout
        assert "::error" not in gitea.stdout
        assert "| `casebook/ju-min-yi-shi-ting.yml:2:5` | `yaml-fullwidth-colon` |" in summary.read_text(encoding="utf-8")
        gitlab = shell(checks["gitlab"], fresh_copy)
        assert gitlab.returncode == 1
        report = json.loads((fresh_copy / "gl-code-quality-report.json").read_text(encoding="utf-8"))
        assert {(issue["check_name"], issue["location"]["path"], issue["location"]["lines"]["begin"]) for issue in report} >= {
            ("yaml-fullwidth-colon", "casebook/ju-min-yi-shi-ting.yml", 2)}
        assert "[yaml-fullwidth-colon]" in gitlab.stderr, "the job log stays readable"
    finally:
        broken.unlink()


@pytest.mark.parametrize("kind", list(WORKFLOWS))
def test_each_workflow_fails_with_a_clear_message_when_the_schemas_are_stale(kind: str, fresh_copy: Path) -> None:
    """The model changed but schemas/ was not regenerated: the workflow's schema step fails and says what to run."""
    step = next(line for line in run_lines(kind) if line.startswith("compendium schema"))
    lines = run_lines(kind)
    assert lines.index(step) < lines.index(next(line for line in lines if line.startswith("compendium build"))) or kind == "gitlab"
    schema = fresh_copy / "schemas" / "case.schema.json"
    before = schema.read_text(encoding="utf-8")
    try:
        assert shell(step, fresh_copy).returncode == 0, "current schemas pass"
        schema.write_text(before.replace('"title": "Case"', '"title": "Case (old)"'), encoding="utf-8")
        result = shell(step, fresh_copy)
        assert result.returncode == 1
        assert ("schemas/case.schema.json 与内容模型（generator/content/model.py）不一致：请运行 compendium schema，"
                "再提交 schemas/ 文件夹") in result.stderr
        assert "run `compendium schema` and commit the schemas/ folder" in result.stderr
        assert "Traceback" not in result.stderr
    finally:
        schema.write_text(before, encoding="utf-8")


def test_contributing_and_templates_exist_chinese_first() -> None:
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert re.match(r"# [\u4e00-\u9fff]", contributing)
    for template in (".github/pull_request_template.md", ".gitea/pull_request_template.md",
                     ".gitlab/merge_request_templates/Default.md", ".gitlab/issue_templates/suggest-a-case.md"):
        text = (ROOT / template).read_text(encoding="utf-8")
        assert "compendium check" in text or "来源" in text, template
    for form in (".github/ISSUE_TEMPLATE/suggest-a-case.yml", ".gitea/ISSUE_TEMPLATE/suggest-a-case.yaml"):
        data = yaml.safe_load((ROOT / form).read_text(encoding="utf-8"))
        assert data["name"] == "推荐一个工作法 / suggest a case"
        ids = [item.get("id") for item in data["body"]]
        assert {"name", "place", "method", "source"} <= set(ids)
        source = next(item for item in data["body"] if item.get("id") == "source")
        assert source["validations"]["required"] is True
