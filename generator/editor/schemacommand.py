"""``compendium schema``: write the JSON Schemas of the content model into ``schemas/``; ``--check``: say whether they are current."""

from __future__ import annotations

import sys
from pathlib import Path

from generator.content.project import Project
from generator.editor.schemas import stale_schemas, write_schemas


def schema_command(project: Project, out: Path | None, check: bool = False) -> int:
    """Write one schema per kind into ``out`` (default: the project's schemas/); with ``check``, write nothing."""
    folder = out or project.schemas
    if check:
        stale = stale_schemas(folder, project.kinds)
        if stale:
            names = "、".join(f"schemas/{name}" for name in stale)
            print(f"错误：{names} 与内容模型（generator/content/model.py）不一致：请运行 compendium schema，再提交 schemas/ 文件夹。"
                  f" / error: {', '.join(f'schemas/{name}' for name in stale)} differ from the content model "
                  "(generator/content/model.py): run `compendium schema` and commit the schemas/ folder.", file=sys.stderr)
            return 1
        print(f"JSON Schema 是最新的（{folder}）/ the JSON Schemas are current ({folder})")
        return 0
    for path in write_schemas(folder, project.kinds):
        print(path)
    return 0
