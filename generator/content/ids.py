"""Entry ids: made from Chinese names (toneless pinyin in lowercase kebab-case, 居民议事厅 → ju-min-yi-shi-ting),
and the limits an id has because it is also a file name on every system (length, Windows device names)."""

from __future__ import annotations

import re

from pydantic_core import PydanticCustomError

_HAN = re.compile(r"[\u3400-\u9fff]")
_NOT_ID = re.compile(r"[^a-z0-9]+")
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

# An id is a file name (casebook/<id>.yml, cases/<id>.html, <id>-quiz.xlsx in a course pack): 80 characters
# leave room for the longest suffix under every file system's 255-byte name limit and Windows' 260-character paths.
ID_MAX_LENGTH = 80
# Names Windows reserves for devices, in any case and also before an extension (con.txt); a file so named
# cannot be checked out there (learn.microsoft.com: "Naming Files, Paths, and Namespaces").
_DEVICES = frozenset({"con", "prn", "aux", "nul", "conin$", "conout$",
                      *(f"{port}{n}" for port in ("com", "lpt") for n in [*"0123456789", "¹", "²", "³"])})


def has_han(text: str) -> bool:
    """Whether ``text`` holds Chinese characters."""
    return bool(_HAN.search(text))


def pinyin_id(name: str) -> str:
    """A lowercase kebab-case id for ``name``: one syllable per character, other words kept, punctuation dropped;
    cut after a whole syllable so that it fits :data:`ID_MAX_LENGTH`. pypinyin is imported here, when an id is
    suggested, not with the loader (its dictionaries take a third of a second to load)."""
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(name, style=Style.NORMAL)
    text = _NOT_ID.sub("-", "-".join(syllables).lower().replace("ü", "v")).strip("-")
    while len(text) > ID_MAX_LENGTH and "-" in text:
        text = text.rsplit("-", 1)[0]
    return text[:ID_MAX_LENGTH]


def id_pattern_with_limits() -> str:
    """One regular expression (Python and JavaScript alike) for an id: its form, its length, no device name."""
    devices = "|".join(sorted(name for name in _DEVICES if name.isascii() and name.isalnum()))
    return rf"^(?!(?:{devices})$)(?=[a-z0-9-]{{1,{ID_MAX_LENGTH}}}$){ID_PATTERN[1:]}"


def id_problem(value: str) -> tuple[str, str] | None:
    """Why ``value`` cannot be an id (Chinese, English), for commands that take an id; None when it can."""
    if not re.match(ID_PATTERN, value):
        return "不是小写短横线格式（如 ju-min-yi-shi-ting）", "it is not lowercase kebab-case (e.g. ju-min-yi-shi-ting)"
    if len(value) > ID_MAX_LENGTH:
        return f"超过 {ID_MAX_LENGTH} 个字符", f"it is longer than {ID_MAX_LENGTH} characters"
    if is_device_name(value):
        return "是 Windows 的保留设备名，仓库在 Windows 上会无法检出", "it is a reserved Windows device name (no checkout on Windows)"
    return None


def is_device_name(name: str) -> bool:
    """Whether Windows reserves ``name`` for a device: CON, PRN, AUX, NUL, COM0–9, LPT0–9, in any case, with any extension."""
    base = name.split(".", 1)[0].rstrip(" ").lower()
    return base in _DEVICES


def usable_id(value: str) -> str:
    """Validator of every id: short enough for a file name and not a device name (custom error types, mapped to problems)."""
    if len(value) > ID_MAX_LENGTH:
        raise PydanticCustomError("id_too_long", "id longer than {limit} characters", {"limit": ID_MAX_LENGTH})
    if is_device_name(value):
        raise PydanticCustomError("id_reserved", "id is a reserved Windows device name", {})
    return value


def usable_ref(value: str) -> str:
    """Validator of ``document#anchor`` references: each id in it no longer than an id may be."""
    for part in value.split("#"):
        if len(part) > ID_MAX_LENGTH:
            raise PydanticCustomError("id_too_long", "id longer than {limit} characters", {"limit": ID_MAX_LENGTH})
    return value
