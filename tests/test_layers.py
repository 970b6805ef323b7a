"""The generator's floors, as drawn in the developers' guide: every import runs down, none runs in a circle.

``content`` uses nothing of ours; ``search``, ``courses`` and ``editor`` use ``content``; ``site`` uses ``content``,
``search`` and ``courses``; the command line (``generator/*.py``) uses all. Every import counts wherever it is written:
at the top, inside a function (a lazy import is still a use) and under ``TYPE_CHECKING`` (a type from another
floor is knowledge of it). Read from the source with ``ast``, so nothing is imported to find out.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
USES: dict[str, set[str]] = {
    "content": set(),
    "search": {"content"},
    "courses": {"content"},
    "editor": {"content"},
    "site": {"content", "search", "courses"},
    "cli": {"content", "search", "courses", "editor", "site"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def floor(module: str) -> str:
    """``generator.site.build`` → site; the package's own top-level modules are the command line."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in USES else "cli"


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import of ours in the file, relative ones resolved, names of modules included."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return [(line, name) for line, name in found if name == "generator" or name.startswith("generator.")]


SOURCES = sorted(PACKAGE.rglob("*.py"))
MODULES = {module_name(path) for path in SOURCES}


def test_every_import_runs_down_the_floors() -> None:
    wrong = []
    for path in SOURCES:
        mine = floor(module_name(path))
        for line, name in imports(path):
            theirs = floor(name)
            if theirs != mine and theirs not in USES[mine]:
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {mine} imports {name} ({theirs})")
    assert not wrong, "imports against the floors:\n" + "\n".join(wrong)


def test_no_module_imports_itself_round_a_circle() -> None:
    graph = {module: {name for _, name in imports(path) if name in MODULES and name != module}
             for path in SOURCES for module in [module_name(path)]}
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the path being walked, 2: done
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for other in sorted(graph[module]):
            if state.get(other) == 1:
                cycles.append([*path[path.index(other):], other])
            elif other not in state:
                visit(other)
        path.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)
    assert not cycles, "import cycles:\n" + "\n".join(" → ".join(cycle) for cycle in cycles)


@pytest.mark.parametrize(("source", "expected"), [
    ("from generator.site.labels import LABELS\n", "editor imports generator.site.labels (site)"),
    ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from generator.courses.model import Course\n",
     "editor imports generator.courses.model (courses)"),
    ("def f():\n    from ..site import serve\n", "editor imports generator.site.serve (site)"),
])
def test_the_walk_sees_every_kind_of_import(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str, expected: str) -> None:
    """The test can fail: a top-level, a type-only and a lazy relative import from the editor into another floor are caught."""
    package = tmp_path / "generator"
    (package / "editor").mkdir(parents=True)
    (package / "editor" / "bad.py").write_text(source, encoding="utf-8")
    monkeypatch.setattr(f"{__name__}.PACKAGE", package)
    monkeypatch.setattr(f"{__name__}.SOURCES", sorted(package.rglob("*.py")))
    with pytest.raises(AssertionError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        test_every_import_runs_down_the_floors()
