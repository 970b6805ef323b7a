"""The editing guide's examples are what editors copy: block style, and valid entries."""

from __future__ import annotations

import re
from pathlib import Path

from generator.content.kinds import CORPUS_KINDS
from generator.content.validation import model_problems
from generator.content.yamlsource import parse_yaml_text

GUIDE = Path(__file__).parent.parent / "docs" / "editing.md"
KINDS = {"文件 Document": "document", "指标 Indicator": "indicator", "案例 Case": "case", "术语 Term": "term", "主题 Theme": "theme"}


def test_every_example_is_a_valid_block_style_entry() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    seen = set()
    for heading, block in re.findall(r"^## ([^\n(]+?) \(`[^`]+`\)\n\n```yaml\n(.*?)```", text, re.S | re.M):
        kind = KINDS[heading]
        seen.add(kind)
        assert not re.search(r":\s*[{\[]", block), f"{heading}: flow style ({{…}} or […]) in the guide"
        document = parse_yaml_text(Path(f"{kind}.yml"), block)
        assert not document.problems, [p.message("en") for p in document.problems]
        entry, problems = model_problems(document, CORPUS_KINDS[kind].model)
        assert entry is not None, [p.message("en") for p in problems]
    assert seen == set(KINDS.values())
