"""The content model: one typed source of truth for every entry type.

Every field carries a bilingual description (``zh / en``) that is exported to the
JSON Schemas (``compendium schema``) and to the field reference in ``docs/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
    StrictStr,
    model_validator,
)

from generator.content.ids import ID_MAX_LENGTH, ID_PATTERN, usable_id, usable_ref
from generator.content.safepaths import FolderPath

REF_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*(#[a-z0-9]+(-[a-z0-9]+)*)?$"
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def doc(zh: str, en: str) -> str:
    """Join a field's Chinese and English description the same way everywhere."""
    return f"{zh} / {en}"


def _iso_date(value: object) -> object:
    # Dates arrive as strings because the loader never guesses YAML 1.1 timestamps;
    # only the unambiguous YYYY-MM-DD form is accepted.
    if isinstance(value, str) and not _DATE_RE.match(value):
        raise ValueError("date must be written YYYY-MM-DD")
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValueError("no such day; date must be written YYYY-MM-DD") from None
    if isinstance(value, date):
        return value
    raise ValueError("date must be written YYYY-MM-DD")


IsoDate = Annotated[date, BeforeValidator(_iso_date)]
EntryId = Annotated[StrictStr, Field(pattern=ID_PATTERN, json_schema_extra={"maxLength": ID_MAX_LENGTH}),
                    AfterValidator(usable_id)]
Ref = Annotated[StrictStr, Field(pattern=REF_PATTERN), AfterValidator(usable_ref)]
Year = Annotated[StrictInt, Field(ge=1949, le=2100)]
CLOCK_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"  # a time of day, HH:MM
NonEmpty = Annotated[StrictStr, Field(min_length=1)]
# Four characters is the shortest span a fingerprint can verify (generator/content/quotes.py); a
# shorter "quote" (86%) does not show what the number counts anyway.
Quote = Annotated[StrictStr, Field(min_length=4)]
# A file in the sources folder (or sources/captures, or its fingerprint in sources/fingerprints): never a way out of it.
CAPTURE_RULE = FolderPath("来源目录（默认 ../shared/sources）或 sources/captures/",
                          "the sources folder (default ../shared/sources) or sources/captures/", "001_65d79a3deb8fd267.txt")
CaptureName = Annotated[NonEmpty, CAPTURE_RULE]


def _strip_required(value: str) -> str:
    if not value.strip():
        raise ValueError("text must not be blank")
    return value


Text = Annotated[StrictStr, AfterValidator(_strip_required)]


@dataclass(frozen=True)
class Refers:
    """Marks a field whose values name other entries: ids of ``kind``, or with ``anchors`` ``document#anchor`` references.

    Read by generator/content/kinds.py: the linker resolves these fields, the raw-reference scan checks them in an
    invalid entry, the schemas describe them with ``hint`` and the web form offers a list to choose from.
    """

    kind: str
    anchors: bool = False
    hint: tuple[str, str] = ("", "")  # what the values name, zh and en (the schemas' hover text)
    linked: bool = True  # False: the linker resolves it in its own way (a fact's indicator: the backlink is the fact's)


THEMES_HINT = ("主题 id，见 themes/ 文件夹", "theme ids: see the themes/ folder")
INDICATORS_HINT = ("指标 id，见 policies/indicators/", "indicator ids: see policies/indicators/")
TERMS_HINT = ("术语 id，见 glossary/", "term ids: see glossary/")
DOCUMENTS_HINT = ("文件 id 或 文件id#条款id，如 henan-2022-community-service-plan#s3-1",
                  "document ids or document-id#clause-id, e.g. henan-2022-community-service-plan#s3-1")
CITES_HINT = ("文件id#条款id 或 文件id#事实id", "document-id#clause-id or document-id#fact-id")
REF_HINT = ("文件 id 或 文件id#条款id，如 henan-2022-community-service-plan#s3-1",
            "a document id or document-id#clause-id, e.g. henan-2022-community-service-plan#s3-1")
ThemeIds = Annotated[list[EntryId], Refers("theme", hint=THEMES_HINT)]
IndicatorIds = Annotated[list[EntryId], Refers("indicator", hint=INDICATORS_HINT)]
TermIds = Annotated[list[EntryId], Refers("term", hint=TERMS_HINT)]
DocumentRefs = Annotated[list[Ref], Refers("document", anchors=True, hint=DOCUMENTS_HINT)]
Cites = Annotated[list[Ref], Refers("document", anchors=True, hint=CITES_HINT)]


class Strict(BaseModel):
    """Base for all model classes: unknown fields are errors, values are not coerced."""

    # Lax mode so that enum and nested-model fields accept the strings and mappings YAML gives;
    # scalars use Strict* types, so "2018" is still not an integer.
    model_config = ConfigDict(extra="forbid")


class TranslationStatus(StrEnum):
    """How far an English text can be trusted."""

    draft = "draft"
    reviewed = "reviewed"


class Bilingual(Strict):
    """A text in Chinese (authoritative) and, optionally, English."""

    zh: Text = Field(description=doc("中文文本（权威版本）。", "Chinese text (authoritative)."))
    en: Text | None = Field(
        default=None,
        description=doc("英文译文；缺失时网站显示中文并加提示。", "English translation; when missing the site shows the Chinese with a notice."),
    )
    en_status: TranslationStatus = Field(
        default=TranslationStatus.draft,
        description=doc("英文译文状态：draft（草稿）或 reviewed（已审校）。", "Translation status of the English text: draft or reviewed."),
    )

    @property
    def english_state(self) -> str:
        """``missing``, ``draft`` or ``reviewed``: what the /en/ side can honestly say."""
        return "missing" if self.en is None else self.en_status.value


class DocumentKind(StrEnum):
    """Fixed vocabulary of document kinds (文种)."""

    notice = "notice"
    plan = "plan"
    action_plan = "action-plan"
    opinion = "opinion"
    measures = "measures"
    reply = "reply"
    news_report = "news-report"
    journal_article = "journal-article"


DOCUMENT_KIND_NAMES: dict[DocumentKind, tuple[str, str]] = {
    DocumentKind.notice: ("通知", "Notice"),
    DocumentKind.plan: ("规划", "Plan"),
    DocumentKind.action_plan: ("方案", "Action plan"),
    DocumentKind.opinion: ("意见", "Opinion"),
    DocumentKind.measures: ("办法", "Measures"),
    DocumentKind.reply: ("答复", "Reply"),
    DocumentKind.news_report: ("报道", "News report"),
    DocumentKind.journal_article: ("期刊文章", "Journal article"),
}


# Kinds of document that can be in force, amended or repealed (规范性文件). A reply, a news report or an
# article is none of these: its page says that 时效性 does not apply.
NORMATIVE_KINDS: frozenset[DocumentKind] = frozenset({
    DocumentKind.notice, DocumentKind.plan, DocumentKind.action_plan, DocumentKind.opinion, DocumentKind.measures,
})


class Level(StrEnum):
    """Administrative level of the issuer."""

    national = "national"
    provincial = "provincial"
    municipal = "municipal"
    county = "county"
    township = "township"
    community = "community"


LEVEL_NAMES: dict[Level, tuple[str, str]] = {
    Level.national: ("国家级", "National"),
    Level.provincial: ("省级", "Provincial"),
    Level.municipal: ("市级", "Municipal"),
    Level.county: ("县级", "County"),
    Level.township: ("乡镇（街道）级", "Township / subdistrict"),
    Level.community: ("村（社区）级", "Village / community"),
}


class Validity(StrEnum):
    """时效性 of a document."""

    in_force = "in-force"
    amended = "amended"
    repealed = "repealed"
    unknown = "unknown"


VALIDITY_NAMES: dict[Validity, tuple[str, str]] = {
    Validity.in_force: ("现行有效", "In force"),
    Validity.amended: ("已修改", "Amended"),
    Validity.repealed: ("已废止", "Repealed"),
    Validity.unknown: ("未知", "Unknown"),
}


class TextReproduction(StrEnum):
    """Whether the document's text is reproduced in full or summarised."""

    full = "full"
    summary = "summary"


class Source(Strict):
    """Where the document was obtained."""

    url: NonEmpty | None = Field(default=None, description=doc("原文网址。", "URL of the original."))
    publisher: Bilingual = Field(description=doc("发布或转载的网站、报刊。", "Website or periodical that published the text."))
    accessed: IsoDate | None = Field(default=None, description=doc("访问日期 YYYY-MM-DD。", "Date accessed, YYYY-MM-DD."))
    capture: CaptureName | None = Field(
        default=None,
        description=doc(
            "原文存档文件名（位于来源目录，默认 ../shared/sources；无存档时用 sources/fingerprints 中的指纹），用于核对引文。",
            "File name of the captured original in the sources directory (default ../shared/sources; without it, its fingerprint in sources/fingerprints); quotes are checked against it.",
        ),
    )
    citation: Bilingual | None = Field(default=None, description=doc("完整引用格式。", "Full citation."))


class Clause(Strict):
    """One citable paragraph of a document, addressed as ``document-id#clause-id``."""

    id: EntryId = Field(description=doc("条款锚点，在文件内唯一，如 s2-1。", "Clause anchor, unique in the document, e.g. s2-1."))
    label: StrictStr | None = Field(default=None, description=doc("原文序号，如（一）或 1.。", "Numbering as printed, e.g. （一） or 1."))
    heading: Bilingual | None = Field(default=None, description=doc("条款小标题（如有）。", "Clause heading, if any."))
    text: Bilingual = Field(description=doc("条款正文（政府文件原文；文章为转述摘要）。", "Clause text (verbatim for government documents; a paraphrase for articles)."))
    note: Bilingual | None = Field(default=None, description=doc("编者说明，显示在条款下方，如原文前后不一致（称“六项”却只列出五项）。", "Editor's note shown under the clause, e.g. where the text contradicts itself (announces six items, lists five)."))


class Section(Strict):
    """A numbered part of a document (一、二、…) holding clauses."""

    id: EntryId = Field(description=doc("章节锚点，在文件内唯一，如 s2。", "Section anchor, unique in the document, e.g. s2."))
    label: StrictStr | None = Field(default=None, description=doc("原文序号，如 二、。", "Numbering as printed, e.g. 二、."))
    heading: Bilingual = Field(description=doc("章节标题。", "Section heading."))
    clauses: list[Clause] = Field(default_factory=list, description=doc("本章节的条款。", "Clauses of this section."))


class FactKind(StrEnum):
    """What a fact states about an indicator."""

    target = "target"
    standard = "standard"
    observation = "observation"


FACT_KIND_NAMES: dict[FactKind, tuple[str, str]] = {
    FactKind.target: ("目标", "Target"),
    FactKind.standard: ("标准", "Standard"),
    FactKind.observation: ("报告的数值", "Reported value"),  # 观测值: the precise term stays in field help and the rules page
}


class Comparator(StrEnum):
    """How the stated value relates to the quantity."""

    eq = "="
    ge = ">="
    gt = ">"
    le = "<="
    lt = "<"
    approx = "~"


class YearBasis(StrEnum):
    """Whether a fact's year is printed in the source or worked out by the editor."""

    stated = "stated"
    inferred = "inferred"
    period_end = "period-end"


YEAR_BASIS_NAMES: dict[YearBasis, tuple[str, str]] = {
    YearBasis.stated: ("原文载明", "stated"),
    YearBasis.inferred: ("推定", "inferred"),
    YearBasis.period_end: ("推定：规划期末", "inferred: end of plan period"),
}


class Fact(Strict):
    """A target, standard or observation stated by a document about an indicator."""

    id: EntryId | None = Field(default=None, description=doc("可选锚点，供案例引用（document#id）。", "Optional anchor so cases can cite it (document#id)."))
    indicator: Annotated[EntryId, Refers("indicator", hint=("指标 id，见 policies/indicators/", "an indicator id: see policies/indicators/"),
                                         linked=False)] = Field(description=doc("指标 id。", "Indicator id."))
    kind: FactKind = Field(description=doc("target（目标）、standard（标准）或 observation（观测值）。", "target, standard or observation."))
    comparator: Comparator = Field(default=Comparator.eq, description=doc("比较符：= >= > <= < ~（约）。“以上”用 >=，“余”用 >。", "Comparator: = >= > <= < ~ (about). 以上 is >=, 余 (more than) is >."))
    value: StrictInt | StrictFloat = Field(description=doc("数值，以指标的单位表示（4万人写 40000）。", "Number, in the indicator's unit (4万人 is 40000)."))
    value_max: StrictInt | StrictFloat | None = Field(default=None, description=doc("区间上限（如 300至500户）。", "Upper bound of a range (e.g. 300 to 500 households)."))
    year: Year | None = Field(default=None, description=doc("目标期限年份或观测所指年份。", "Deadline year of a target, or the year an observation refers to."))
    scope: Bilingual = Field(description=doc("适用范围，如 全省城市社区。", "Scope, e.g. all urban communities in the province."))
    clause: EntryId = Field(description=doc("出处条款 id（本文件内）。", "Clause id (in this document) that states it."))
    quote: Quote = Field(description=doc("原文摘录（至少4个字），必须与来源逐字一致。", "Exact quote (at least 4 characters); must occur verbatim in the source."))
    note: Bilingual | None = Field(default=None, description=doc("说明，如口径差异。", "Note, e.g. a difference in definition."))
    year_basis: YearBasis = Field(default=YearBasis.stated, description=doc("年份依据：stated（原文写明，默认）；inferred（原文未写、由上下文推定，如“过去的一年”）；period-end（原文写“‘十四五’末”等规划期末，记为该期最后一年）。推定的年份在网站上标注“推定”。", "Where the year comes from: stated (printed in the source; default); inferred (worked out from context, e.g. “the past year”); period-end (the source names the end of a plan period such as 十四五末, recorded as its last year). An inferred year is marked as inferred on the site."))
    scope_id: EntryId | None = Field(default=None, description=doc("口径标识（小写短横线），供程序比较：同一指标下只有口径标识相同（都不写也算相同）且文件地区相同的观测值才与目标比较。观测值只统计一部分（如只含城市社区工作者）时写上，如 urban-workers-only。", "Scope key (kebab-case) that the status rules compare: an observation is compared with a target only when both have the same scope_id (both absent counts as the same) and their documents the same region. Set it when a value counts only part of what the indicator defines, e.g. urban-workers-only."))
    disagrees_with: list[Ref] = Field(default_factory=list, description=doc("与本事实说法不一致的其他事实（document#fact-id），两者都显示在指标页的“来源不一致”框中，并在文件页的事实下注明。", "Other facts (document#fact-id) that report something different for the same thing; both are shown in the indicator page's disagreement box and noted under the fact on the document page."))

    @model_validator(mode="after")
    def _inferred_year_needs_a_year(self) -> Fact:
        if self.year_basis is not YearBasis.stated and self.year is None:
            raise ValueError("year_basis 为 inferred 或 period-end 时须写 year / year_basis is inferred or period-end but no year is given")
        return self


class Document(Strict):
    """A policy document, report or article (``policies/*.yml``)."""

    id: EntryId = Field(description=doc("文件 id，小写短横线格式。", "Document id, lowercase kebab-case."))
    title: Bilingual = Field(description=doc("标题。", "Title."))
    short_title: Bilingual | None = Field(default=None, description=doc("简称。", "Short title."))
    kind: DocumentKind = Field(description=doc("文种。", "Document kind."))
    doc_number: NonEmpty | None = Field(default=None, description=doc("发文字号，如 豫政办〔2022〕79号。", "Document number (发文字号)."))
    index_number: NonEmpty | None = Field(default=None, description=doc("索引号。", "Index number (索引号)."))
    issuers: list[Bilingual] = Field(min_length=1, description=doc("发文机关或作者单位。", "Issuing bodies or authors' institutions."))
    authors: list[Bilingual] = Field(default_factory=list, description=doc("作者（文章）。", "Authors (articles)."))
    level: Level = Field(description=doc("层级。", "Administrative level."))
    region: Bilingual = Field(description=doc("地区。", "Region."))
    written: IsoDate | None = Field(default=None, description=doc("成文日期。", "Date written (成文日期)."))
    published: IsoDate | None = Field(default=None, description=doc("发布日期。", "Date published (发布日期)."))
    effective: IsoDate | None = Field(default=None, description=doc("实施日期。", "Date effective (实施日期)."))
    year: Year | None = Field(default=None, description=doc("用于浏览的年份（成文或发布年份；来源未载明则留空）。", "Year used for browsing (year written or published; leave out when the source does not say)."))
    status: Validity = Field(default=Validity.unknown, description=doc("时效性。", "Validity (时效性)."))
    status_note: Bilingual | None = Field(default=None, description=doc(
        "时效性说明：时效性未知时，用一句话说明为什么不知道，如“转载页面没有标注时效性”；不写则显示通用说明。",
        "Why the validity is what it is, in a sentence, above all when it is unknown (e.g. the republishing page does "
        "not say); without it the page gives a general line."))
    source: Source = Field(description=doc("来源。", "Source."))
    reproduction: TextReproduction = Field(description=doc("full：全文照录；summary：本站转述摘要。", "full: reproduced verbatim; summary: our own summary."))
    summary: Bilingual = Field(description=doc("内容摘要（支持 Markdown）。", "Summary (Markdown allowed)."))
    themes: ThemeIds = Field(default_factory=list, description=doc("主题 id 列表。", "Theme ids."))
    sections: list[Section] = Field(default_factory=list, description=doc("正文章节与条款。", "Sections and clauses of the text."))
    facts: list[Fact] = Field(default_factory=list, description=doc("本文件陈述的目标、标准和观测值。", "Targets, standards and observations stated by this document."))


class Direction(StrEnum):
    """Which way is better for an indicator."""

    higher = "higher"
    lower_ = "lower"  # the name "lower" would hide str.lower() on every member
    neutral = "neutral"


class Indicator(Strict):
    """A measurable quantity shared by documents (``policies/indicators/*.yml``)."""

    id: EntryId = Field(description=doc("指标 id。", "Indicator id."))
    name: Bilingual = Field(description=doc("指标名称。", "Indicator name."))
    aliases: list[NonEmpty] = Field(default_factory=list, description=doc("别名、简称（用于搜索）。", "Aliases and short names people search for."))
    unit: Bilingual = Field(description=doc("单位，如 %、个、人。", "Unit, e.g. %, 个, persons."))
    direction: Direction = Field(description=doc("higher：越高越好；lower：越低越好；neutral：无方向。", "higher or lower is better, or neutral."))
    definition: Bilingual = Field(description=doc("定义（支持 Markdown）。", "Definition (Markdown allowed)."))
    themes: ThemeIds = Field(default_factory=list, description=doc("主题 id 列表。", "Theme ids."))
    note: Bilingual | None = Field(default=None, description=doc("编者说明，如来源之间的口径差异。", "Editor's note, e.g. differences between sources."))


class Place(Strict):
    """Where a case happened; fill in as much as the source says."""

    province: Bilingual = Field(description=doc("省。", "Province."))
    city: Bilingual | None = Field(default=None, description=doc("市。", "City."))
    county: Bilingual | None = Field(default=None, description=doc("县（区）。", "County or district."))
    village: Bilingual | None = Field(default=None, description=doc("乡镇、村或社区。", "Township, village or community."))


class Step(Strict):
    """One step of a work method, in order."""

    title: Bilingual = Field(description=doc("步骤名称。", "Step name."))
    detail: Bilingual | None = Field(default=None, description=doc("步骤说明。", "Step detail."))


class Outcome(Strict):
    """A result of a case, optionally citing observations or clauses."""

    text: Bilingual = Field(description=doc("成效描述。", "Outcome."))
    cites: Cites = Field(default_factory=list, description=doc("引用 document#clause 或 document#fact。", "Cited document#clause or document#fact."))


class SourceQuote(Strict):
    """A source passage that backs an entry; the quote is checked against the source text."""

    ref: Annotated[Ref, Refers("document", anchors=True, hint=REF_HINT)] = Field(description=doc("document 或 document#clause。", "document or document#clause."))
    quote: Quote = Field(description=doc("原文摘录（至少4个字），必须逐字一致。", "Exact quote (at least 4 characters); must occur verbatim in the source."))


class Case(Strict):
    """An 优秀社区工作法 case (``casebook/*.yml``)."""

    id: EntryId = Field(description=doc("案例 id。", "Case id."))
    name: Bilingual = Field(description=doc("工作法名称。", "Name of the work method."))
    aliases: list[NonEmpty] = Field(default_factory=list, description=doc("别名（用于搜索）。", "Aliases (for search)."))
    place: Place = Field(description=doc("地点。", "Place."))
    years: list[Year] = Field(default_factory=list, description=doc("来源提及的年份。", "Years the sources mention."))
    summary: Bilingual = Field(description=doc("概述（支持 Markdown）。", "Summary (Markdown allowed)."))
    background: Bilingual | None = Field(default=None, description=doc("背景。", "Background."))
    steps: list[Step] = Field(default_factory=list, description=doc("按顺序的步骤。", "Ordered steps."))
    outcomes: list[Outcome] = Field(default_factory=list, description=doc("成效。", "Outcomes."))
    conditions: list[Bilingual] = Field(default_factory=list, description=doc("推广条件与经验。", "Conditions for adoption and lessons."))
    questions: list[Bilingual] = Field(default_factory=list, description=doc(
        "常见问法：读者会怎样问到本条目，每条一句口语问题，本条目要能回答；显示在页面上的“常见问法”中，搜索时权重很高。",
        "Questions people ask: how readers ask for this entry, one everyday question each, which the entry "
        "itself answers; shown on the page under “Questions people ask” and weighted high in search."))
    documents: DocumentRefs = Field(default_factory=list, description=doc("相关文件或条款 document#clause。", "Related documents or clauses."))
    indicators: IndicatorIds = Field(default_factory=list, description=doc("相关指标 id。", "Related indicator ids."))
    terms: TermIds = Field(default_factory=list, description=doc("相关术语 id。", "Related glossary term ids."))
    themes: ThemeIds = Field(default_factory=list, description=doc("主题 id。", "Theme ids."))
    sources: list[SourceQuote] = Field(min_length=1, description=doc("来源摘录。", "Source quotes."))


class Definition(Strict):
    """One definition of a term, as a given source states it."""

    text: Bilingual = Field(description=doc("定义（支持 Markdown）。", "Definition (Markdown allowed)."))
    region: Bilingual | None = Field(default=None, description=doc("该定义适用的地区。", "Region where this definition is used."))
    source: SourceQuote = Field(description=doc("出处。", "Where it is defined."))


class Term(Strict):
    """A glossary term: slogan or programme name (``glossary/*.yml``)."""

    id: EntryId = Field(description=doc("术语 id。", "Term id."))
    name: Bilingual = Field(description=doc("术语（中文原文与英文译名）。", "The term and its English rendering."))
    aliases: list[NonEmpty] = Field(default_factory=list, description=doc("别名。", "Aliases."))
    definitions: list[Definition] = Field(min_length=1, description=doc("一个或多个定义（各地不同时分别列出）。", "One or more definitions (several where places differ)."))
    related: TermIds = Field(default_factory=list, description=doc("相关术语 id。", "Related term ids."))
    questions: list[Bilingual] = Field(default_factory=list, description=doc(
        "常见问法：读者会怎样问到本条目，每条一句口语问题，本条目要能回答；显示在页面上的“常见问法”中，搜索时权重很高。",
        "Questions people ask: how readers ask for this entry, one everyday question each, which the entry "
        "itself answers; shown on the page under “Questions people ask” and weighted high in search."))
    themes: ThemeIds = Field(default_factory=list, description=doc("主题 id。", "Theme ids."))


class Theme(Strict):
    """A theme of the controlled vocabulary (``themes/*.yml``)."""

    id: EntryId = Field(description=doc("主题 id。", "Theme id."))
    name: Bilingual = Field(description=doc("主题名称。", "Theme name."))
    description: Bilingual | None = Field(default=None, description=doc("说明。", "Description."))

