"""Turn YAML syntax errors into messages an editor can act on, at the line of the mistake.

libyaml reports where it gave up, which is often the line *after* the mistake, and in parser
English. This module looks at the text around that mark for the mistakes editors typing Chinese
make — a full-width colon after a key, indentation with tabs or full-width spaces, an unclosed
quote, wrong indentation — names the cause in Chinese and English, and, where the fix is certain
(a colon, a space), repairs the text in memory so that the rest of the file can still be checked.
The file on disk is never changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.content.problems import (
    Position,
    Problem,
    YamlFullWidthColon,
    YamlFullWidthComma,
    YamlFullWidthSpace,
    YamlIndentation,
    YamlMissingDash,
    YamlSyntax,
    YamlTabIndent,
    YamlUnclosedQuote,
)

# A key typed with a full-width colon: at the start of a line (after indentation and an optional
# list dash) or right after the opening brace or a comma of a {…} mapping.
_LINE_KEY_FULLWIDTH = re.compile(r"^(?P<lead>[ \t\u3000]*(?:-[ \t\u3000]+)?)(?P<key>[A-Za-z_][A-Za-z0-9_]*)[ \t]*(?P<colon>：)")
_FLOW_KEY_FULLWIDTH = re.compile(r"(?P<lead>[{,][ \t]*)(?P<key>zh|en|en_status)[ \t]*(?P<colon>：)")
# An indented line that starts a key or a list item (not running text inside a block of prose).
_INDENTED_KEY = re.compile(r"^(?P<indent>[ \t\u3000]+)(?:-[ \t]|[A-Za-z_][A-Za-z0-9_]*[ \t]*[:：])")
MAX_REPAIRS = 8  # parse, repair a certain mistake, parse again: at most this many rounds per file


def _lines(text: str) -> list[str]:
    return text.split("\n")


# A full-width comma or 、 typed where YAML needs ", ": before the next key of a {…} mapping (whose text never
# continues "，en:"), or between the items of a […] list of ids or years (an id holds neither).
_FLOW_MAP_COMMA = re.compile(r"(?P<comma>[，、])[ \t\u3000]*(?=[A-Za-z_][A-Za-z0-9_]*[ \t]*[:：][ \t])")
_ID_LIST = re.compile(r"^(?P<lead>[ \t]*(?:-[ \t]+)?(?P<key>[A-Za-z_]+)[ \t]*:[ \t]*)\[(?P<items>[^\[\]{}\"']*)\][ \t]*(?:#.*)?$")
_ID_ITEM = re.compile(r"^[ \t\u3000]*(?:[a-z0-9]+(?:-[a-z0-9]+)*(?:#[a-z0-9]+(?:-[a-z0-9]+)*)?|\d{4})[ \t\u3000]*$")

# The mistakes find_typing_mistakes repairs with certainty: data parsed after them is what the editor meant.
REPAIRED_IN_MEMORY = frozenset({YamlFullWidthColon.code, YamlTabIndent.code, YamlFullWidthSpace.code, YamlFullWidthComma.code})


def _flow_commas(path: Path, number: int, line: str) -> tuple[list[Problem], str]:
    """Full-width commas where a {…} or […] needs ", ": reported with the line as it should be, and repaired."""
    problems: list[Problem] = []
    listed = _ID_LIST.match(line)
    if listed and re.search(r"[，、]", listed["items"]):
        parts = re.split(r"[ \t]*[，、,][ \t\u3000]*", listed["items"].strip())
        if all(_ID_ITEM.match(part) for part in parts):
            fixed = f"{listed['lead']}[{', '.join(part.strip() for part in parts)}]"
            start = len(listed["lead"]) + 1
            for match in re.finditer(r"[，、]", listed["items"]):
                problems.append(YamlFullWidthComma(path, Position(number + 1, start + match.start() + 1),
                                                   {"comma": match.group(0), "brackets": "[…]", "example": fixed.strip()}))
            return problems, fixed + line[listed.end():]
    if "{" in line and _FLOW_MAP_COMMA.search(line[line.index("{"):]):
        at = line.index("{")
        fixed = line[:at] + _FLOW_MAP_COMMA.sub(", ", line[at:])
        for match in _FLOW_MAP_COMMA.finditer(line, at):
            problems.append(YamlFullWidthComma(path, Position(number + 1, match.start() + 1),
                                               {"comma": match.group("comma"), "brackets": "{…}", "example": fixed.strip()}))
        return problems, fixed
    return problems, line


def find_typing_mistakes(path: Path, text: str, last_line: int | None = None) -> tuple[list[Problem], str]:
    """Full-width colons after keys and tab or full-width-space indentation up to ``last_line``; the repaired text."""
    lines = _lines(text)
    problems: list[Problem] = []
    limit = len(lines) if last_line is None else min(last_line, len(lines))
    for number in range(limit):
        line = lines[number]
        indented = _INDENTED_KEY.match(line)
        if indented:
            indent = indented.group("indent")
            if "\t" in indent:
                problems.append(YamlTabIndent(path, Position(number + 1, indent.index("\t") + 1), {}))
            elif "\u3000" in indent:
                problems.append(YamlFullWidthSpace(path, Position(number + 1, indent.index("\u3000") + 1), {}))
            line = indent.replace("\t", "  ").replace("\u3000", " ") + line[len(indent):]
        for pattern in (_LINE_KEY_FULLWIDTH, _FLOW_KEY_FULLWIDTH):
            for match in list(pattern.finditer(line)):
                column = match.start("colon")
                problems.append(YamlFullWidthColon(path, Position(number + 1, column + 1), {"key": match.group("key")}))
                after = line[column + 1: column + 2]
                line = line[:column] + (":" if after in (" ", "") else ": ") + line[column + 1:]
        commas, line = _flow_commas(path, number, line)
        problems += commas
        lines[number] = line
    return problems, "\n".join(lines)


@dataclass(frozen=True)
class _Error:
    """What libyaml said, and the text it said it about."""

    path: Path
    lines: list[str]
    problem: str
    context: str
    mark: Any
    context_mark: Any

    @property
    def where(self) -> Position:
        return Position(self.mark.line + 1, self.mark.column + 1) if self.mark is not None else Position(1, 1)

    def char_at_mark(self) -> str:
        if self.mark is None or self.mark.line >= len(self.lines):
            return ""
        return self.lines[self.mark.line][self.mark.column: self.mark.column + 1]

    def syntax(self, zh: str, en: str, at_context: bool = False) -> Problem:
        mark = self.context_mark if at_context and self.context_mark is not None else self.mark
        where = Position(mark.line + 1, mark.column + 1) if mark is not None else Position(1, 1)
        return YamlSyntax(self.path, where, {"detail_zh": zh, "detail_en": en})


def explain_error(path: Path, text: str, error: Any) -> Problem:
    """The cause of a libyaml error, placed at the line of the mistake, in Chinese then English."""
    if "unacceptable character" in str(error) or "control characters" in str(error):
        return YamlSyntax(path, _reader_position(text, error), {"detail_zh": "文件中有不可见的控制字符，请删除后重新保存",
                                                                "detail_en": "the file holds an invisible control character; delete it"})
    found = _Error(path, _lines(text), str(getattr(error, "problem", "") or ""), str(getattr(error, "context", "") or ""),
                   getattr(error, "problem_mark", None) or getattr(error, "context_mark", None), getattr(error, "context_mark", None))
    for rule in (_unclosed, _brackets, _escape, _no_colon, _colon_in_text, _indentation_error, _bad_start):
        problem = rule(found)
        if problem is not None:
            return problem
    return found.syntax("无法读懂这一处；请检查这一行和上一行的冒号、缩进和引号",
                        "cannot read this; check the colons, indentation and quotes on this line and the one before")


def _unclosed(error: _Error) -> Problem | None:
    if "quoted scalar" not in error.context or "end of stream" not in error.problem or error.context_mark is None:
        return None
    mark = error.context_mark
    quote = error.lines[mark.line][mark.column: mark.column + 1] or '"'
    return YamlUnclosedQuote(error.path, Position(mark.line + 1, mark.column + 1), {"quote": quote})


def _brackets(error: _Error) -> Problem | None:
    if error.context_mark is None:
        return None
    if "flow mapping" in error.context:
        return error.syntax("这里开始的 { 没有用 } 闭合（或文本中的冒号、逗号需要加引号）",
                            "the { opened here is not closed with } (or a colon or comma in the text needs quotes)", at_context=True)
    if "flow sequence" in error.context:
        return error.syntax("这里开始的 [ 没有用 ] 闭合", "the [ opened here is not closed with ]", at_context=True)
    return None


def _escape(error: _Error) -> Problem | None:
    if "unknown escape" not in error.problem:
        return None
    return error.syntax("双引号文本中的反斜杠 \\ 要写成 \\\\，或改用单引号",
                        "a backslash \\ inside double quotes must be written \\\\, or use single quotes")


def _no_colon(error: _Error) -> Problem | None:
    if "could not find expected ':'" not in error.problem:
        return None
    missing = missing_dash(error.path, error.lines, error.context_mark.line if error.context_mark is not None else None)
    if missing is not None:
        return missing
    return error.syntax("这一行缺少 “键: 值” 中的半角冒号，或是上一个值的续行却没有缩进",
                        "this line lacks the ASCII colon of 'key: value', or continues the previous value without indentation",
                        at_context=True)


def _colon_in_text(error: _Error) -> Problem | None:
    if "mapping values are not allowed" not in error.problem or error.mark is None:
        return None
    line = error.lines[error.mark.line] if error.mark.line < len(error.lines) else ""
    if re.match(r"^\s*(?:-\s+)?[^\s:#][^:#]*:\s", line) and ": " in line[: error.mark.column]:
        return error.syntax("文本中含有 “: ”（冒号加空格），请给整段文本加引号",
                            "the text contains ': ' (a colon and a space); put the whole text in quotes")
    return _indentation(error.path, error.lines, error.mark.line)


def _indentation_error(error: _Error) -> Problem | None:
    if not any(phrase in error.problem for phrase in ("expected key", "expected '-' indicator", "expected <block end>")):
        return None
    return _indentation(error.path, error.lines, error.mark.line if error.mark is not None else 0)


def _bad_start(error: _Error) -> Problem | None:
    if "cannot start any token" in error.problem:
        found = error.char_at_mark()
        if found == "\t":
            return YamlTabIndent(error.path, error.where, {})
        return error.syntax(f"以 {found} 开头的文本要加引号", f"text starting with {found} must be quoted")
    if "alias" in error.context or "anchor" in error.context:
        return error.syntax("以 * 或 & 开头的文本要加引号", "text starting with * or & must be quoted")
    return None


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _indentation(path: Path, lines: list[str], line_index: int) -> Problem:
    """Wrong indentation at the first line (from ``line_index`` back) whose indent fits none of the lines above."""
    line_index = min(line_index, len(lines) - 1)
    candidate = line_index
    while candidate > 0 and not lines[candidate].strip():
        candidate -= 1
    previous = candidate - 1
    while previous >= 0 and (not lines[previous].strip() or lines[previous].lstrip().startswith("#")):
        previous -= 1
    above = lines[previous] if previous >= 0 else ""
    column = len(above) - len(re.sub(r"^\s*(?:-\s+)?", "", above)) + 1
    return YamlIndentation(path, Position(candidate + 1, _indent_of(lines[candidate]) + 1), {"column": column})


def _reader_position(text: str, error: Any) -> Position:
    offset = getattr(error, "position", None)
    if not isinstance(offset, int):
        return Position(1, 1)
    before = text[:offset]
    return Position(before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1)


def missing_dash(path: Path, lines: list[str], index: int | None) -> Problem | None:
    """A line at the indentation of the list items above it, without their "- ": the dash was forgotten."""
    if index is None or index >= len(lines) or not lines[index].strip() or lines[index].lstrip().startswith("-"):
        return None
    indent = _indent_of(lines[index])
    above = index - 1
    while above >= 0 and (not lines[above].strip() or lines[above].lstrip().startswith("#") or _indent_of(lines[above]) > indent):
        above -= 1
    if above < 0 or _indent_of(lines[above]) != indent or not lines[above].lstrip().startswith("- "):
        return None
    owner = above
    while owner >= 0 and (_indent_of(lines[owner]) >= indent or not lines[owner].strip()):
        owner -= 1
    key = re.sub(r"^\s*(?:-\s+)?", "", lines[owner]).split(":")[0] if owner >= 0 else ""
    example = f"{' ' * indent}- {lines[index].strip()}"
    return YamlMissingDash(path, Position(index + 1, indent + 1), {"key": key, "example": example.strip()})
