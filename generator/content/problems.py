"""Problems found in editors' input: one class per kind, each with a stable code.

Like frictionless-py's errors, every kind of problem is a class carrying a code and
a bilingual message template, so editors and tests can search for it by code.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar


@dataclass(frozen=True)
class Position:
    """A 1-based line and column in a source file."""

    line: int
    column: int


@dataclass
class Problem:
    """Base class: a problem at a position in a file, rendered from the class templates."""

    code: ClassVar[str] = "problem"
    title: ClassVar[str] = "Problem"
    template_zh: ClassVar[str] = "{detail}"
    template_en: ClassVar[str] = "{detail}"

    path: Path
    position: Position
    params: dict[str, object] = field(default_factory=dict)

    def message(self, lang: str = "both") -> str:
        """The message in ``zh``, ``en`` or ``both`` (Chinese first)."""
        zh = self.template_zh.format(**self.params)
        en = self.template_en.format(**self.params)
        if lang == "zh":
            return zh
        if lang == "en":
            return en
        return f"{zh} / {en}"

    def sort_key(self) -> tuple[str, int, int, str]:
        return (str(self.path), self.position.line, self.position.column, self.code)


class YamlSyntax(Problem):
    code = "yaml-syntax"
    title = "YAML syntax error"
    template_zh = "YAML 语法错误：{detail_zh}"
    template_en = "YAML syntax error: {detail_en}"


class NotUtf8(Problem):
    code = "not-utf8"
    title = "File is not UTF-8"
    template_zh = "文件不是 UTF-8 编码（第 {offset} 字节无法解码），请另存为 UTF-8"
    template_en = "file is not UTF-8 (byte {offset} cannot be decoded); save it as UTF-8"


class DuplicateKey(Problem):
    code = "duplicate-key"
    title = "Duplicate key"
    template_zh = "键 “{key}” 重复（第一次出现在第 {first_line} 行）"
    template_en = "key '{key}' appears twice (first at line {first_line})"


class YamlAlias(Problem):
    code = "yaml-alias"
    title = "YAML anchor or alias"
    template_zh = "不允许使用 YAML 锚点或别名（{what}），请直接写出内容"
    template_en = "YAML anchors and aliases are not allowed ({what}); write the content out"


class YamlTag(Problem):
    code = "yaml-tag"
    title = "YAML tag"
    template_zh = "不允许使用 YAML 标签 {tag}"
    template_en = "YAML tags such as {tag} are not allowed"


class NotAnEntry(Problem):
    code = "not-an-entry"
    title = "File is not a single entry"
    template_zh = "文件应当是一个条目（键值映射），实际为 {found}"
    template_en = "the file must hold one entry (a mapping), found {found}"


class UnknownField(Problem):
    code = "unknown-field"
    title = "Unknown field"
    template_zh = "未知字段 “{field}”{suggestion_zh}（可用字段：{allowed_zh}）"
    template_en = "unknown field '{field}'{suggestion_en} (allowed fields: {allowed_en})"


class MissingField(Problem):
    code = "missing-field"
    title = "Missing field"
    template_zh = "缺少必填字段 “{field}”"
    template_en = "required field '{field}' is missing"


class WrongType(Problem):
    code = "wrong-type"
    title = "Wrong type"
    template_zh = "“{field}” 应为{expected_zh}，实际为 {found}"
    template_en = "'{field}' must be {expected_en}, found {found}"


class EmptyField(Problem):
    code = "empty-field"
    title = "Required field left empty"
    template_zh = "“{field}” 是必填项，还空着，请填写{expected_zh}"
    template_en = "'{field}' is required but empty; fill it in{expected_en}"


class BadDate(Problem):
    code = "bad-date"
    title = "Bad date"
    template_zh = "“{field}” 不是有效日期：{found}（应写成 YYYY-MM-DD）"
    template_en = "'{field}' is not a valid date: {found} (write YYYY-MM-DD)"


class BadChoice(Problem):
    code = "bad-choice"
    title = "Value not in vocabulary"
    template_zh = "“{field}” 的值 {found} 不在可选值中：{choices}{suggestion_zh}"
    template_en = "'{field}' value {found} is not one of: {choices}{suggestion_en}"


class BadValue(Problem):
    code = "bad-value"
    title = "Bad value"
    template_zh = "“{field}” 的值 {found} 无效：{detail_zh}"
    template_en = "'{field}' value {found} is invalid: {detail_en}"


class BadId(Problem):
    code = "bad-id"
    title = "Id is not lowercase kebab-case"
    template_zh = "“{field}” 的值 {found} 不是小写短横线格式（如 wu-she-lian-dong）{hint_zh}"
    template_en = "'{field}' value {found} is not lowercase kebab-case (e.g. wu-she-lian-dong){hint_en}"


class FileNameMismatch(Problem):
    code = "file-name-mismatch"
    title = "File name differs from id"
    template_zh = "文件名应为 {expected}.yml，与 id 一致"
    template_en = "the file should be named {expected}.yml, after its id"


class DuplicateId(Problem):
    code = "duplicate-id"
    title = "Duplicate id"
    template_zh = "{what} id “{id}” 重复（另见 {other}）"
    template_en = "{what} id '{id}' is used twice (see also {other})"


class MissingReference(Problem):
    code = "missing-reference"
    title = "Reference to something that does not exist"
    template_zh = "引用的{what_zh} “{ref}” 不存在{suggestion_zh}"
    template_en = "referenced {what_en} '{ref}' does not exist{suggestion_en}"


class RawHtml(Problem):
    code = "raw-html"
    title = "Raw HTML in text"
    template_zh = "文本中不允许使用 HTML：{found}"
    template_en = "HTML is not allowed in text: {found}"


class UnsafeLink(Problem):
    code = "unsafe-link"
    title = "Unsafe link"
    template_zh = "不允许的链接地址：{found}（只允许 http、https、mailto 和站内链接）"
    template_en = "link not allowed: {found} (only http, https, mailto and relative links)"


class AttributeList(Problem):
    code = "attribute-list"
    title = "Attribute list in text"
    template_zh = "文本中不允许使用属性列表（花括号标记）：{found}；请删去，需要花括号时写全角的 ｛｝"
    template_en = "attribute lists (curly-brace markup) are not allowed in text: {found}; remove it, or write full-width braces ｛｝"


class QuoteNotInSource(Problem):
    code = "quote-not-in-source"
    title = "Quote not found in source"
    template_zh = "引文在来源 {source} 中找不到（空白除外须逐字一致）：{quote}{hint_zh}"
    template_en = "quote does not occur in source {source} (must match exactly, whitespace aside): {quote}{hint_en}"


class QuoteNotInClause(Problem):
    code = "quote-not-in-clause"
    title = "Quote not in the clause it cites"
    template_zh = "引文不在所引的 {cited_zh}（{cited}）中，而在 {found_zh}（{found}）中；请改成 {fix}"
    template_en = "the quote is not in {cited_en} ({cited}), which it cites, but in {found_en} ({found}); write {fix}"


class PrintedValueNotInSource(Problem):
    code = "printed-value-not-in-source"
    title = "Document number or date not printed in the source"
    template_zh = "{field_zh} {value} 在来源 {source} 中找不到：{hint_zh}。来源没有印的，请删去这一项，不要推算"
    template_en = ("{field_en} {value} does not occur in source {source}: {hint_en}. Where the source does not print it, "
                   "leave the field out rather than work it out")


class SourceMissing(Problem):
    code = "source-missing"
    title = "Captured source file not found"
    template_zh = "找不到来源存档 {source}（来源目录：{directory}）"
    template_en = "captured source {source} not found (sources directory: {directory})"


class AmbiguousAlias(Problem):
    code = "ambiguous-alias"
    title = "Alias names another entry"
    template_zh = "别名 “{alias}” 已是{other_zh} “{other}” 的名称或别名；一个名称只能指向一个页面（搜索据此把它排在第一）"
    template_en = ("alias '{alias}' is already the name or an alias of {other_en} '{other}'; a name must lead to one page "
                   "(search ranks that page first)")


class BadRange(Problem):
    code = "bad-range"
    title = "Range upper bound below lower bound"
    template_zh = "区间上限 {value_max} 小于下限 {value}"
    template_en = "range upper bound {value_max} is below the lower bound {value}"


class NotAFact(Problem):
    code = "not-a-fact"
    title = "Disagreement that does not point to another fact"
    template_zh = "disagrees_with 必须指向另一条事实（document#fact-id），“{ref}” 是{what_zh}"
    template_en = "disagrees_with must point to another fact (document#fact-id); '{ref}' is {what_en}"
class YamlFullWidthColon(Problem):
    code = "yaml-fullwidth-colon"
    title = "Full-width colon after a key"
    template_zh = "键 “{key}” 后面用了全角冒号 “：”，请改成半角冒号加空格 “: ”"
    template_en = "the key '{key}' is followed by a full-width colon '：'; type an ASCII colon and a space ': '"


class YamlFullWidthComma(Problem):
    code = "yaml-fullwidth-comma"
    title = "Full-width comma between items"
    template_zh = "{brackets} 里的各项之间用了全角 “{comma}”；YAML 只认半角逗号加空格，请写成：{example}"
    template_en = "the items inside {brackets} are separated by a full-width '{comma}'; YAML needs an ASCII comma and a space: {example}"


class YamlMissingDash(Problem):
    code = "yaml-missing-dash"
    title = "List item without its dash"
    template_zh = "这一行是列表 “{key}” 的一项，但前面少了 “- ”；请写成：{example}"
    template_en = "this line is an item of the list '{key}' but lacks its '- '; write it as: {example}"


class YamlTabIndent(Problem):
    code = "yaml-tab-indent"
    title = "Tab used for indentation"
    template_zh = "这一行用 Tab 键缩进；YAML 只能用空格缩进（每层两个空格）"
    template_en = "this line is indented with a tab; YAML indentation must be spaces (two per level)"


class YamlFullWidthSpace(Problem):
    code = "yaml-fullwidth-space"
    title = "Full-width space used for indentation"
    template_zh = "这一行用全角空格 “　” 缩进；请改用半角空格（每层两个）"
    template_en = "this line is indented with full-width spaces '　'; use ASCII spaces (two per level)"


class YamlFlowComma(Problem):
    code = "yaml-flow-comma"
    title = "Comma inside {…} splits the text"
    template_zh = "{{…}} 里的逗号把文本截断了，“{fragment}” 被当成了新的键；文本含逗号时请加引号，或改写成分行的块格式"
    template_en = ("a comma inside {{…}} cut the text, so '{fragment}' was read as a new key; put the text in quotes, "
                   "or write it in block style, one key per line")


class YamlUnclosedQuote(Problem):
    code = "yaml-unclosed-quote"
    title = "Quote not closed"
    template_zh = "这里开始的引号 {quote} 没有闭合；请在文本末尾补上 {quote}"
    template_en = "the quote {quote} opened here is never closed; add {quote} at the end of the text"


class YamlIndentation(Problem):
    code = "yaml-indentation"
    title = "Wrong indentation"
    template_zh = "这一行的缩进不对：同一层的键必须左对齐，下一层多缩进两个空格（上一行从第 {column} 列开始）"
    template_en = ("this line is wrongly indented: keys of one level must line up, the next level two spaces further in "
                   "(the line above starts at column {column})")


class QuoteUnverifiable(Problem):
    code = "quote-unverifiable"
    title = "Quote cannot be verified"
    template_zh = ("引文无法核对：所引文件 “{document}” 没有来源存档（source.capture）；"
                   "请先用 compendium source add 加入来源：{quote}")
    template_en = ("quote cannot be verified: the cited document '{document}' has no captured source (source.capture); "
                   "add the source with compendium source add first: {quote}")
class SynonymNotInCorpus(Problem):
    code = "synonym-not-in-corpus"
    title = "Synonym target not in the corpus"
    template_zh = "同义词 “{word}” 在{lang_zh}语料中找不到；means 只能写页面里用到的词"
    template_en = "synonym '{word}' does not occur in the {lang_en} corpus; `means` lists words the pages use"


class SynonymCycle(Problem):
    code = "synonym-cycle"
    title = "Synonyms form a cycle"
    template_zh = "同义词形成循环：{cycle}；同义词是单向的（读者输入的词 → 页面用的词），请删去一个方向"
    template_en = "synonyms form a cycle: {cycle}; a synonym goes one way (typed word → word the pages use): remove one direction"


class SynonymDuplicate(Problem):
    code = "synonym-duplicate"
    title = "Synonym word given twice"
    template_zh = "“{word}” 重复：{detail_zh}"
    template_en = "'{word}' is given twice: {detail_en}"


class SynonymMalformed(Problem):
    code = "synonym-malformed"
    title = "Malformed synonym group"
    template_zh = "同义词组格式不对：{detail_zh}（每组写成 typed: [读者输入的词] 和 means: [页面用的词]）"
    template_en = "malformed synonym group: {detail_en} (write each group as typed: [words readers type] and means: [words the pages use])"


class SynonymUnknownLanguage(Problem):
    code = "synonym-unknown-language"
    title = "Unknown language in the synonym list"
    template_zh = "未知语言 “{lang}”：同义词表只有 zh 和 en 两部分"
    template_en = "unknown language '{lang}': the synonym list has a zh and an en part only"



class FileTooLarge(Problem):
    code = "file-too-large"
    title = "Entry file too large"
    template_zh = ("文件有 {size}，超过一个条目文件的上限 {limit}，未读取；请把内容分成几个条目"
                   "（如长文件的附件另建一个文件条目，或只录入要引用的条款）")
    template_en = ("the file is {size}, over the limit of {limit} for one entry file, and was not read; split it into "
                   "several entries (e.g. a long document's annex as a document of its own, or only the clauses you cite)")


class TooDeep(Problem):
    code = "too-deep"
    title = "Nested too deeply"
    template_zh = ("这里嵌套超过 {limit} 层，未读取；条目最多用到六七层（如 sections → clauses → text → zh），"
                   "请检查是否多了缩进或括号")
    template_en = ("nested more than {limit} levels deep here, not read; an entry needs six or seven at most "
                   "(sections → clauses → text → zh): look for extra indentation or brackets")


class TooManyItems(Problem):
    code = "too-many-items"
    title = "Too many items"
    template_zh = "{what_zh}超过 {limit} 项，其余未读取；请分成几部分（如一个很长的章节分成几个 sections，或分成几个条目）"
    template_en = ("{what_en} has more than {limit} items; the rest was not read. Split it up (a very long section into "
                   "several sections, or the content into several entries)")


class IdTooLong(Problem):
    code = "id-too-long"
    title = "Id too long"
    template_zh = "id “{start}…” 有 {length} 个字符，最多 {limit} 个；id 也是文件名和网址，请缩短，如 ju-min-yi-shi-ting"
    template_en = ("id '{start}…' is {length} characters long, at most {limit} are allowed; the id is also a file name "
                   "and a web address: shorten it, e.g. ju-min-yi-shi-ting")


class ReservedName(Problem):
    code = "reserved-name"
    title = "Reserved Windows device name"
    template_zh = ("“{found}” 是 Windows 的保留设备名（CON、PRN、AUX、NUL、COM0–COM9、LPT0–LPT9，不分大小写），"
                   "不能作为 id 或文件名，否则仓库在 Windows 上无法检出；请换一个，如 {example}")
    template_en = ("'{found}' is a reserved device name on Windows (CON, PRN, AUX, NUL, COM0–COM9, LPT0–LPT9, in any case) "
                   "and cannot be an id or a file name: the repository could not be checked out on Windows. "
                   "Choose another, e.g. {example}")


class PathOutside(Problem):
    code = "path-outside"
    title = "Path leads out of its folder"
    template_zh = "“{field}” 的路径 {found} 不允许：{reason_zh}。这里只能写{folder_zh}里的文件名，如 {example}"
    template_en = "'{field}' path {found} is not allowed: {reason_en}. Write the name of a file in {folder_en}, e.g. {example}"


class SymlinkOutside(Problem):
    code = "symlink-outside"
    title = "Symbolic link out of the project"
    template_zh = "这个{what_zh}是指向项目之外的符号链接（指向 {target}），未读取；请把文件本身复制到项目里，不要用链接"
    template_en = ("this {what_en} is a symbolic link to {target}, outside the project, and was not read; "
                   "copy the file itself into the project instead of linking to it")

ALL_PROBLEMS: tuple[type[Problem], ...] = tuple(
    cls for cls in list(globals().values()) if isinstance(cls, type) and issubclass(cls, Problem) and cls is not Problem
)


def format_problem(problem: Problem, root: Path | None, lang: str, style: str) -> str:
    """One line for a terminal (``text``) or a GitHub annotation (``github``)."""
    path = problem.path
    if root is not None:
        with contextlib.suppress(ValueError):  # where the file lies (not where a link leads), relative to ``root``
            absolute = path if path.is_absolute() else Path.cwd() / path
            path = (absolute.parent.resolve() / absolute.name).relative_to(root.resolve())
    line, col = problem.position.line, problem.position.column
    if style == "github":
        message = problem.message(lang).replace("%", "%25").replace("\n", "%0A")
        return f"::error file={path},line={line},col={col},title={problem.code}::{message}"
    return f"{path}:{line}:{col}: [{problem.code}] {problem.message(lang)}"
