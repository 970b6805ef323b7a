"""``compendium new KIND``: ask for (or take) the Chinese name, suggest a pinyin id, write the skeleton; never overwrite."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from generator.content.ids import id_problem, pinyin_id
from generator.content.project import Project
from generator.editor.scaffold import skeleton


def _existing_ids(folder: Path) -> list[str]:
    return sorted(path.stem for path in folder.glob("*.yml")) if folder.is_dir() else []


def new_command(project: Project, kind_name: str, name: str | None, name_en: str | None, entry_id: str | None, *,
                ask: Callable[[str], str] | None = None) -> int:
    """Write ``<folder>/<id>.yml`` for a new file of the kind; return the exit code. ``ask`` prompts (None: no prompts)."""
    root = project.root
    kind = project.kinds[kind_name]
    if not name and ask is not None:
        name = ask("中文名称 Chinese name: ").strip()
        name_en = name_en or ask("英文名称（可空）English name (optional): ").strip() or None
    if not name:
        print("错误：请给出中文名称，如 --name 居民议事厅 / error: give the Chinese name, e.g. --name 居民议事厅", file=sys.stderr)
        return 2
    suggested = pinyin_id(name)
    if not entry_id and ask is not None:
        entry_id = ask(f"id（回车使用 press Enter for {suggested}）: ").strip()
    entry_id = entry_id or suggested
    wrong = id_problem(entry_id)
    if wrong is not None:
        print(f"错误：id “{entry_id}” {wrong[0]}，可用拼音 “{suggested}” / "
              f"error: id '{entry_id}': {wrong[1]}; the pinyin is '{suggested}'", file=sys.stderr)
        return 2
    folder = root / kind.source
    target = folder / f"{entry_id}.yml"
    if target.exists():
        print(f"错误：{target} 已存在，未做任何改动；请换一个 id（--id） / error: {target} exists and was left untouched; "
              "choose another id (--id)", file=sys.stderr)
        return 1
    themes = _existing_ids(root / project.kinds["theme"].source) if "theme" in project.kinds else []
    hints = {"themes": "已有主题 existing themes: " + "、".join(themes)} if themes else {}
    folder.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as file:  # "x": fails rather than overwrite, even in a race
        file.write(skeleton(kind, entry_id, name, name_en, hints))
    print(target)
    print(f"已写出 {target}：请填写空着的字段，然后运行 compendium check {target} / wrote {target}: fill in the empty "
          f"fields, then run compendium check {target}", file=sys.stderr)
    return 0
