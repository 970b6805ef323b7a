"""``compendium check``: find the corpus, check it (with its courses and synonym list), print the problems for a terminal,
GitHub, GitLab or Gitea."""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import replace
from pathlib import Path

from generator.content.links import Linker
from generator.content.loading import LoadResult
from generator.content.pipeline import CheckResult
from generator.content.problems import Problem, format_problem
from generator.content.project import Project
from generator.content.safepaths import unresolved
from generator.content.scope import CheckScope, check_scope
from generator.content.sources import FINGERPRINTS
from generator.site.projectcheck import check_project

FORMATS = ("text", "github", "gitlab")


def say(lang: str, zh: str, en: str) -> str:
    """A message in ``zh``, ``en`` or both (Chinese first)."""
    return {"zh": zh, "en": en}.get(lang, f"{zh} / {en}")


def check_command(project: Project, paths: list[Path], lang: str, style: str, cwd: Path | None = None) -> int:
    """Check ``paths`` (none: the whole project) and print every problem; return the exit code."""
    cwd = cwd or Path.cwd()
    scope = check_scope(paths, project.root)
    library = project.library()
    result = check_project(scope.load, library, freeze=True)
    caused = caused_elsewhere(scope, result)
    shown = [problem for problem in result.problems if scope.shows(problem) or problem in caused]
    problems = [replace(problem, path=_shown_path(problem.path, cwd)) for problem in shown]
    entries = sum(1 for item in result.loaded.entries if scope.contains(item.path))
    entries += sum(1 for path in result.courses.paths.values() if scope.contains(path))  # courses/*.yml
    quotes = sum(count for path, count in result.quotes_by_file.items() if scope.contains(path))
    report = sys.stdout
    if style == "gitlab":
        print(json.dumps([code_quality(problem, scope.root, lang) for problem in problems], ensure_ascii=False, indent=1))
        report = sys.stderr
    for problem in problems:
        line = format_problem(problem, cwd, lang, "github" if style == "github" else "text")
        print(line, file=report)
    _write_step_summary(problems, scope.root, lang)
    if not result.sources_available:
        print(say(lang, f"注意：找不到来源存档或指纹（{library.where}），未核对引文。",
                  f"note: neither captured sources nor fingerprints found ({library.where}); quotes were not checked."),
              file=sys.stderr)
    if problems:
        count = len(problems)
        print(say(lang, f"发现 {count} 个问题", f"{count} problem{'s' if count != 1 else ''} found"), file=report)
        return 1
    if entries == 0:
        where = ", ".join(str(path) for path in scope.named)
        folders = [f"{folder}/" for folder in project.kinds.corpus().top_folders]
        print(say(lang, f"错误：在 {where} 中没有找到任何条目。请在项目目录（含 mkdocs.yml）或其子目录中运行，"
                        f"或给出条目文件、{'、'.join(folders)} 等目录。",
                  f"error: no entries found in {where}. Run it inside the project (the folder with mkdocs.yml) or one of its "
                  f"folders, or name entry files or folders such as {', '.join(folders)}."), file=report)
        return 1
    fingerprinted = result.quotes_by_source.get("fingerprint", 0)
    if fingerprinted:
        print(say(lang, f"注意：{fingerprinted} 条引文按指纹核对（{FINGERPRINTS}），未找到来源存档。",
                  f"note: {fingerprinted} quotes were checked against fingerprints ({FINGERPRINTS}); captures not found."),
              file=sys.stderr)
    print(say(lang, f"未发现问题（{entries} 个条目，核对引文 {quotes} 条）",
              f"no problems found ({entries} entr{'y' if entries == 1 else 'ies'}, "
              f"{quotes} quote{'' if quotes == 1 else 's'} checked)"), file=report)
    return 0


def caused_elsewhere(scope: CheckScope, result: CheckResult) -> list[Problem]:
    """Problems outside the named paths that they cause: linking finds them with the named entries, not without.

    An alias a new case takes from an indicator is reported on whichever entry loads later, which may be the
    indicator's file; ``check casebook/new.yml`` must not say "no problems" when the full check will fail.
    Only linking relates one file to another, so the entries already loaded are linked again, in memory.
    """
    if scope.load == scope.named:
        return []
    _, linked = Linker(result.loaded).link()
    _, without = Linker(LoadResult([item for item in result.loaded.entries if not scope.contains(item.path)])).link()
    return [problem for problem in linked if not scope.shows(problem) and problem not in without]


def _shown_path(path: Path, cwd: Path) -> Path:
    """Relative to the current folder, also from a subfolder (``../themes/x.yml``); else absolute."""
    relative = Path(os.path.relpath(unresolved(path), cwd.resolve()))
    return relative if relative.parts[:3] != ("..", "..", "..") else unresolved(path)


def _relative(path: Path, root: Path) -> str:
    try:
        return unresolved(path).relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def code_quality(problem: Problem, root: Path, lang: str) -> dict[str, object]:
    """One issue of GitLab's Code Quality report (docs.gitlab.com/ci/testing/code_quality)."""
    path = _relative(problem.path, root)
    message = problem.message(lang)
    identity = f"{path}:{problem.position.line}:{problem.position.column}:{problem.code}:{message}"
    return {
        "description": message,
        "check_name": problem.code,
        "fingerprint": hashlib.sha256(identity.encode("utf-8")).hexdigest(),
        "severity": "major",
        "location": {"path": path, "lines": {"begin": problem.position.line}},
    }


def _write_step_summary(problems: list[Problem], root: Path, lang: str) -> None:
    """A readable table for the run's summary page (GitHub Actions, and Gitea/Forgejo, which ignore ``::error``)."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    lines = ["## compendium check", ""]
    if not problems:
        lines.append(say(lang, "未发现问题。", "No problems found."))
    else:
        lines += [say(lang, f"发现 {len(problems)} 个问题：", f"{len(problems)} problems found:"), "",
                  "| 位置 where | 代码 code | 说明 message |", "|---|---|---|"]
        for problem in problems:
            where = f"{_relative(problem.path, root)}:{problem.position.line}:{problem.position.column}"
            message = problem.message(lang).replace("|", "\\|")
            lines.append(f"| `{where}` | `{problem.code}` | {message} |")
    with Path(target).open("a", encoding="utf-8") as summary:
        summary.write("\n".join(lines) + "\n")
