"""The form's own words where the model's descriptions speak the file's language (ids, field paths, value codes).

The model's descriptions are written for a person editing the YAML file, who types ``id:`` and
``document#clause``; the web form's editor never sees either. Labels and hints of the generated Decap
config come from those descriptions (generator/editor/decap_fields.py) except where they name something
by its key or code: those are said here in the words a civil-affairs editor uses, Chinese then English.
:func:`machine_words` finds what must never reach the form (tests/test_decap_config.py runs it on every
label, hint and choice).
"""

from __future__ import annotations

import re

# An entry's id is its file name and the last part of its web address.
ENTRY_NAME_LABEL = "网址名"
ENTRY_NAME_HINT = ("本{zh}在网址和文件名中用的名字：小写拼音或英文单词，用短横线连接，如 hong-se-wu-ye；保存后不能在表单里修改 / "
                   "this {en}'s name in its web address and file name: lowercase pinyin or English words joined by "
                   "hyphens, e.g. hong-se-wu-ye; it cannot be changed in the form once saved")
# An id inside an entry (a course's objectives and sessions) is a short name the entry's other fields use.
INNER_NAME = ("编号", "short name")
INNER_NAME_HINT = ("{what}编号：本课程内不重复的简短名字，只用小写字母、数字和短横线，如 {example} / "
                   "the {en}'s short name, used once in this course: lowercase letters, digits and hyphens, e.g. {example}")
# A list of those short names, typed (the form cannot offer the course's own objectives as a list to choose from).
INNER_LIST_HINT = ("填上面“学习目标”中的目标编号，每项一个，如 o1 / the short names of the learning objectives above, "
                   "one per item, e.g. o1")

# What a list of links to other entries says under it: what to pick and how to find it.
RELATION_HINT = "从列表中选择{zh}：输入名称里的几个字查找 / pick {en} from the list: type a few words of the name to find them"
# The clause picker (compendium-refs.js).
PICKER_HINT = "输入条款里的几个字或文件名，从列表中选择 / type a few words of the clause or the document's name, then choose"

# A date's hint: the description, and how the date is written.
DATE_HINT = "{zh}，写成 2022-08-17 这样 / {en}, written like 2022-08-17"

# Hints whose description lists the file's value codes (higher：…; full：…) or its folders, by field name.
FIELD_HINTS = {
    "direction": "数值越高越好、越低越好，还是无所谓高低 / whether a higher or a lower value is better, or neither",
    "reproduction": "正文是全文照录，还是本站转述的摘要 / whether the text is reproduced in full or summarised in our words",
    "capture": ("保存下来的原文（网页或文件）的文件名，表单用它核对引文；添加文件时已填好，一般不用改 / file name of the saved "
                "original (web page or file) that quotes are checked against; filled in when the document was added, "
                "usually left as it is"),
    "accessed": "打开原文网页的日期，如 2024-05-01 / the day the original web page was opened, e.g. 2024-05-01",
    "start_time": ("开课时间，如 09:00；教案据此算出各环节的钟点（不填为 09:00）/ start time, e.g. 09:00, from which the "
                   "lesson plan's clock times are worked out (09:00 when left empty)"),
}
# Labels made from a description that has a format or code in it (访问日期 YYYY-MM-DD), by field name.
FIELD_LABELS = {"reproduction": "正文收录方式", "direction": "方向", "accessed": "访问日期", "start_time": "开课时间"}

# Markdown is named where it is explained: what it lets an editor do in the box.
_PLAIN = (("（支持 Markdown）", "（可用 Markdown：**加粗**，每行以“- ”开头成列表）"),
          ("(Markdown allowed)", "(Markdown: **bold**, and lines starting with “- ” make a list)"))

MESSAGES = {
    "id": ("只能用小写字母、数字和短横线，不超过 80 个字符，也不能是 con、aux、nul 等 Windows 保留名，如 hong-se-wu-ye / "
           "lowercase letters, digits and hyphens only, at most 80 characters, not a reserved Windows name such as con, aux, nul"),
    "date": "日期写成 年-月-日，如 2022-08-17 / write the date as year-month-day, e.g. 2022-08-17",
    "clock": "时间写成 时:分，如 09:00 / write the time as hours:minutes, e.g. 09:00",
    "blank": "不能只填空格 / must not be blank",
    "min_length": "至少 {n} 个字 / at least {n} characters",
}

# What a person must not read in the form: "id", "ids", "slug", a field path (summary.zh, document#clause), a
# snake_case key, a folder path (sources/fingerprints) or a format code (YYYY-MM-DD, HH:MM).
_MACHINE = re.compile(
    r"(?<![A-Za-z])(?:ids?|IDs?|Ids?|slugs?|kebab-case)(?![A-Za-z])"
    r"|\b[a-z]+_[a-z_]+\b"
    r"|\b[a-z]+\.(?:zh|en|[a-z]+_[a-z]+)\b"
    r"|[A-Za-z-]+#[A-Za-z-]+"
    r"|(?:\.\./|\b[a-z]+/[a-z]+/?\b)"
    r"|YYYY|HH:MM")


def plain(hint: str) -> str:
    """A hint from the model's description, with its terms explained where the form shows it."""
    for term, explained in _PLAIN:
        hint = hint.replace(term, explained)
    return hint


def machine_words(text: str) -> list[str]:
    """The machine words in a text the form shows (empty: it reads as a person's words)."""
    return [match.group(0) for match in _MACHINE.finditer(text)]
