"""``compendium schema``: write the JSON Schemas, with the corpus's ids, into ``schemas/``."""

from __future__ import annotations

import sys
from pathlib import Path

from generator.content.pipeline import check_corpus
from generator.content.scope import find_project_root
from generator.editor.schemas import write_schemas


def schema_command(root: Path | None, out: Path | None) -> int:
    """Write one schema per entry kind; the ids of ``root``'s corpus (default: the project) become enums."""
    root = root or find_project_root(Path.cwd()) or Path.cwd()
    result = check_corpus([root], None)
    if not result.loaded.entries:
        print(f"错误：{root} 中没有条目 / error: no entries in {root}", file=sys.stderr)
        return 1
    for path in write_schemas(result.corpus, out or root / "schemas"):
        print(path)
    return 0
