"""Listing pages: home, one index per entry type, browse pages, downloads."""

from __future__ import annotations

from collections import defaultdict
from typing import Any, cast

from pypinyin import lazy_pinyin

from generator.content.kinds import Kind
from generator.content.links import Target
from generator.content.model import DOCUMENT_KIND_NAMES, Document
from generator.content.report import corpus_counts
from generator.site.labels import label
from generator.site.offline_page import copy_link, home_block
from generator.site.render import PageRenderer, human_date
from generator.site.richtext import escape_markdown, html_url, plain_excerpt

BROWSE_PAGES = ("region", "year", "issuer", "kind")
HOME_CASES = 6
HOME_THEMES = 12
HOME_DOCUMENTS = 4


class ListingPages:
    """Builds the index and browse pages of one language from a :class:`PageRenderer`."""

    def __init__(self, renderer: PageRenderer, added: dict[tuple[str, str], str] | None = None) -> None:
        self.r = renderer
        self.added = added or {}  # (kind, id) -> date the entry was added (generator/site/recent.py)
        self.corpus = renderer.corpus
        self.lang = renderer.lang

    def L(self, key: str) -> str:
        return label(key, self.lang)

    def at(self, page: str) -> ListingPages:
        """These listings written on ``page`` (links relative to it)."""
        return ListingPages(self.r.at(page), self.added)

    def pages(self) -> dict[str, str]:
        pages = {
            "index.md": self.at("index.md").home(),
            "documents/index.md": self.at("documents/index.md").documents(),
            "indicators/index.md": self.at("indicators/index.md").indicators(),
            "cases/index.md": self.at("cases/index.md").cases(),
            "glossary/index.md": self.at("glossary/index.md").glossary(),
            "themes/index.md": self.at("themes/index.md").themes(),
            "downloads.md": self.at("downloads.md").downloads(),
        }
        for key in BROWSE_PAGES:
            pages[f"browse/{key}.md"] = self.at(f"browse/{key}.md").browse(key)
        for kind in self.corpus.kinds:  # a kind without a listing of its own gets the plain one
            page = f"{kind.pages}/index.md"
            pages.setdefault(page, self.at(page).entries(kind))
        return pages

    def entries(self, kind: Kind) -> str:
        """A kind's listing: each entry by name, with its summary where it has one."""
        entries = sorted(self.corpus.table(kind.name).values(), key=lambda entry: lazy_pinyin(getattr(entry, kind.name_field).zh))
        rows = [[self.r.link(self.corpus.target(kind.name, entry.id)), self.r.R(getattr(entry, "summary", None), inline=True)]
                for entry in entries]
        return self._listing(f"{kind.pages}/index.md", self.r._name(kind.title),
                             table_head=[self.r._name((kind.zh, kind.en.capitalize())), self.L("summary")], rows=rows)

    def _listing(self, page: str, title: str, **context: object) -> str:
        defaults: dict[str, object] = {"intro": "", "table_head": [], "rows": [], "groups": [], "group_ids": []}
        merged = {**defaults, **context}
        rows = cast("list[list[str]]", merged["rows"])
        groups = cast("list[tuple[str, list[str]]]", merged["groups"])
        description = plain_excerpt(str(merged["intro"])) if merged["intro"] else self.L("listing_description").format(
            title=title, count=len(rows) or sum(len(items) for _, items in groups))
        return self.r._render("listing.md.j2", page, title=title, description=description, **merged)

    def _doc_line(self, document: Document) -> str:
        number = f" {escape_markdown(document.doc_number)}" if document.doc_number else ""
        year = f"（{document.year}）" if document.year else ""
        return f"{self.r.link(Target('document', document.id))}{number}{year}"

    def home(self) -> str:
        """The home page, what a worker looks for first: search, topics, cases (newest first), documents (newest first)."""
        page = "index.md"
        counts = corpus_counts(self.corpus)
        if self.lang == "en":
            intro = ("Community governance policy in China, for the people who do the work: policy documents split "
                     "into citable clauses, the targets and results they state, community work methods to copy, "
                     "and a glossary. Chinese is authoritative; English translations are marked as drafts until reviewed.")
        else:
            intro = "写给社区工作者的社区治理政策知识库：政策文件逐条可引，目标与成效归入统一指标，收录可借鉴的优秀社区工作法和术语。"
        themes: list[dict[str, Any]] = []
        for theme in self.corpus.themes.values():
            count = len({b.source.page_key for b in self.corpus.links_to(Target("theme", theme.id))})
            themes.append({"href": html_url(page, Target("theme", theme.id).page), "name": self.r.T(theme.name, plain=True),
                           "count": count})
        themes.sort(key=lambda t: (-t["count"], lazy_pinyin(str(t["name"]))))
        count_links = [
            {"name": self.L("documents"), "count": counts["documents"], "href": "documents/index.html"},
            {"name": self.L("indicators"), "count": counts["indicators"], "href": "indicators/index.html"},
            {"name": self.L("cases"), "count": counts["cases"], "href": "cases/index.html"},
            {"name": self.L("glossary"), "count": counts["terms"], "href": "glossary/index.html"},
            {"name": self.L("themes"), "count": counts["themes"], "href": "themes/index.html"},
        ]
        groups = [
            (self.L("browse"), [f"[{self.L('by_' + key)}](browse/{key}.md)" for key in BROWSE_PAGES]),
            (self.L("downloads"), [f"[{self.L('downloads')}](downloads.md)"]),
        ]
        title = self.L("site_name")
        return self.r._render("home.md.j2", page, title=title, intro=intro, description=plain_excerpt(intro, 150),
                              themes=themes[:HOME_THEMES], cases=self._home_cases(page), documents=self._home_documents(page),
                              all_themes=self.L("all_themes").format(n=len(themes)), counts=count_links, groups=groups,
                              more_cases=self.L("more_cases").format(n=counts["cases"]),
                              more_documents=self.L("more_documents").format(n=counts["documents"]),
                              offline_block=home_block(self.lang))

    def _home_cases(self, page: str) -> list[dict[str, str]]:
        """The most recently added cases (by the date their file was added; by name where git gives none)."""
        ordered = sorted(self.corpus.cases.values(), key=lambda c: lazy_pinyin(c.name.zh))
        ordered.sort(key=lambda c: self.added.get(("case", c.id), ""), reverse=True)  # stable: by name within a day
        cases = []
        for case in ordered[:HOME_CASES]:
            place = " · ".join(self.r.T(part, plain=True) for part in (case.place.province, case.place.city,
                                                                     case.place.county) if part is not None)
            cases.append({"href": html_url(page, Target("case", case.id).page), "name": self.r.T(case.name, plain=True),
                          "place": place, "summary": plain_excerpt(self.r.T(case.summary, plain=True), 60)})
        return cases

    def _home_documents(self, page: str) -> list[dict[str, str]]:
        """The newest documents by the date they give (published, else written, else their year)."""
        def date_of(document: Document) -> str:
            day = document.published or document.written
            return day.isoformat() if day is not None else (str(document.year) if document.year else "")

        def shown(document: Document) -> str:
            day = document.published or document.written
            return human_date(day, self.lang) if day is not None else (str(document.year) if document.year else "")

        ordered = sorted(self.corpus.documents.values(), key=lambda d: (date_of(d), d.id), reverse=True)
        documents = []
        for document in ordered[:HOME_DOCUMENTS]:
            issuer = "、".join(self.r.T(issuer, plain=True) for issuer in document.issuers[:2])
            documents.append({"href": html_url(page, Target("document", document.id).page),
                              "name": self.r.T(document.title, plain=True), "date": date_of(document),
                              "shown": shown(document),
                              "place": " · ".join(part for part in (issuer, self.r._name(DOCUMENT_KIND_NAMES[document.kind])) if part),
                              "summary": plain_excerpt(self.r.T(document.summary, plain=True), 60)})
        return documents

    def documents(self) -> str:
        documents = sorted(self.corpus.documents.values(), key=lambda d: (-(d.year or 0), d.id))
        rows = [[self.r.link(Target("document", d.id)), escape_markdown(d.doc_number or ""),
                 self.r._name(DOCUMENT_KIND_NAMES[d.kind]), self.r.T(d.region), str(d.year or "")] for d in documents]
        return self._listing("documents/index.md", self.L("documents"),
                             table_head=[self.L("document"), self.L("doc_number"), self.L("kind"), self.L("region"),
                                         self.L("year")], rows=rows)

    def indicators(self) -> str:
        rows = []
        for indicator in sorted(self.corpus.indicators.values(), key=lambda i: lazy_pinyin(i.name.zh)):
            timeline = self.r.timelines[indicator.id]
            latest = timeline.latest_observation
            year = (self.r.fact_year(latest.fact) or self.L("no_year")) if latest else ""
            latest_text = f"{self.r.fact_value(latest.fact, indicator)} ({year})" if latest else ""
            flag = f" ⚠ {self.L('disagreement')}" if timeline.disagreements() else ""
            rows.append([self.r.link(Target("indicator", indicator.id)),
                         f"{self.r.status_badge(timeline.status)}{flag}",
                         latest_text, str(len(timeline.entries))])
        return self._listing("indicators/index.md", self.L("indicators"),
                             table_head=[self.L("indicator"), self.L("current_status"), self.L("latest"), self.L("facts")],
                             rows=rows)

    def cases(self) -> str:
        rows = [[self.r.link(Target("case", c.id)), self.r.T(c.place.province), self.r.R(c.summary, inline=True)]
                for c in sorted(self.corpus.cases.values(), key=lambda c: lazy_pinyin(c.name.zh))]
        return self._listing("cases/index.md", self.L("cases"),
                             table_head=[self.L("case"), self.L("place"), self.L("summary")], rows=rows)

    def glossary(self) -> str:
        rows = [[self.r.link(Target("term", t.id)), escape_markdown(t.name.zh), self.r.R(t.definitions[0].text, inline=True)]
                for t in sorted(self.corpus.terms.values(), key=lambda t: lazy_pinyin(t.name.zh))]
        return self._listing("glossary/index.md", self.L("glossary"),
                             table_head=[self.L("term"), "中文", self.L("definition")], rows=rows)

    def themes(self) -> str:
        rows = [[self.r.link(Target("theme", t.id)), str(len({b.source.page_key for b in self.corpus.links_to(Target("theme", t.id))}))]
                for t in sorted(self.corpus.themes.values(), key=lambda t: lazy_pinyin(t.name.zh))]
        return self._listing("themes/index.md", self.L("themes"), table_head=[self.L("theme"), self.L("entries_count")],
                             rows=rows)

    def browse(self, key: str) -> str:
        page = f"browse/{key}.md"
        groups: dict[str, list[Document]] = defaultdict(list)
        for document in self.corpus.documents.values():
            if key == "region":
                groups[self.r.T(document.region)].append(document)
            elif key == "year":
                groups[str(document.year) if document.year else self.L("no_year")].append(document)
            elif key == "issuer":
                for issuer in document.issuers:
                    groups[self.r.T(issuer)].append(document)
            else:
                groups[self.r._name(DOCUMENT_KIND_NAMES[document.kind])].append(document)
        ordered = sorted(groups.items(), reverse=key == "year")
        return self._listing(page, self.L(f"by_{key}"),
                             groups=[(name, [self._doc_line(d) for d in sorted(docs, key=lambda d: d.id)])
                                     for name, docs in ordered],
                             group_ids=[f"{key}-{index + 1}" for index in range(len(ordered))])

    def downloads(self) -> str:
        intro = (
            "Data behind every page, for reuse in spreadsheets and course material."
            if self.lang == "en" else "本站全部数据，可在表格软件和培训材料中再利用。"
        )
        # Download files live at the site root; English pages sit one folder lower.
        prefix = "../" if self.lang == "en" else ""
        groups = [(self.L("downloads"), [f'<a href="{prefix}downloads/facts.csv" download>{self.L("download_facts")}</a>',
                                         f'<a href="{prefix}downloads/entries.json" download>{self.L("download_entries")}</a>',
                                         copy_link(self.lang, prefix)])]
        return self._listing("downloads.md", self.L("downloads"), intro=intro, groups=groups)
