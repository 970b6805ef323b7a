"""The A4 PDF handout: the learner view as HTML, printed by WeasyPrint (imported only when a PDF is made) with CJK fonts.

Print rules: a heading stays with what follows it (``break-after: avoid``, and each heading is kept with its
first block); no paragraph leaves a lone line at a page foot or head (orphans, widows); a clause, case or
indicator pulled twice is printed once and later referred to ("见第1单元"); one QR code, to the course page,
which links every case, clause, indicator and term, instead of one per item. Citations are readable labels.
The PDF is tagged (headings, lists, tables for screen readers). When WeasyPrint, its Pango library or a
CJK font is missing the PDF is skipped with a note, never a broken file.
"""

from __future__ import annotations

import html
from pathlib import Path

from generator.content.buildtime import stamp_datetime
from generator.courses.content import CaseView, Cited, CourseView, SessionView
from generator.courses.model import QuizKind
from generator.courses.printer import CJK_FAMILIES, PdfPrinter, cjk_font_available, pdf_unavailable_reason, render_pdf

# printed here or by a forked printer; whether it can be printed at all (generator/courses/printer.py)
__all__ = ["CJK_FAMILIES", "PdfPrinter", "cjk_font_available", "pdf_unavailable_reason", "render_pdf"]


CSS = """
@page { size: A4; margin: 18mm 17mm 20mm 17mm;
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt; color: #555; } }
html { font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; font-size: 10.5pt; line-height: 1.6; color: #111;
  orphans: 3; widows: 3; }
body { overflow-wrap: anywhere; }  /* a long address or unbroken string wraps instead of running off the page */
html:lang(en) { font-family: "DejaVu Sans", "Liberation Sans", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; }
h1 { font-size: 18pt; color: #1a237e; margin: 0 0 3mm; line-height: 1.35; }
h2 { font-size: 13.5pt; color: #1a237e; border-bottom: 0.6pt solid #1a237e; margin: 7mm 0 2mm; break-after: avoid; }
h3 { font-size: 11pt; margin: 4mm 0 1mm; break-after: avoid; }
.keep { break-inside: avoid; }
p { margin: 1mm 0; }
.subtitle { color: #444; margin-top: -1mm; }
.meta p { margin: 0.4mm 0; }
.source { color: #444; font-size: 8.5pt; }
table { border-collapse: collapse; width: 100%; } th, td { border: 0.5pt solid #888; padding: 1mm 2mm; text-align: left; }
thead { display: table-header-group; } td.time { white-space: nowrap; } tr { break-inside: avoid; }
.clause { border-left: 2pt solid #c5cae9; padding-left: 3mm; margin: 2mm 0; }
.online { display: flex; gap: 4mm; align-items: center; border: 0.5pt solid #c5cae9; padding: 2mm 3mm; margin: 3mm 0; break-inside: avoid; }
.online img { width: 26mm; height: 26mm; flex: none; }
.online .url { font-size: 8pt; word-break: break-all; }
.lines { border-bottom: 0.4pt solid #aaa; height: 8mm; }
.box { display: inline-block; width: 3.2mm; height: 3.2mm; border: 0.6pt solid #333; margin: 0 1mm 0 3mm; vertical-align: -0.4mm; }
ol.quiz > li { margin-bottom: 3mm; break-inside: avoid; } ol.quiz ul { list-style: none; padding-left: 2mm; margin: 1mm 0; }
.rate td:nth-child(n+2), .rate th:nth-child(n+2) { width: 9mm; text-align: center; }
"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def qr_code(url: str, name: str) -> str:
    """A QR code to ``url`` with ``name`` and the address printed beside it."""
    import segno

    uri = segno.make(url, error="m").svg_data_uri(scale=4, border=2)
    return f'<div class="online"><img src="{uri}" alt=""><div><b>{_e(name)}</b><div class="url">{_e(url)}</div></div></div>'


class HandoutHtml:
    """The learner handout as one HTML document (no scripts, no remote resources)."""

    def __init__(self, view: CourseView) -> None:
        self.view = view
        self.parts: list[str] = []
        self.printed: dict[str, int] = {}  # what has been printed in full -> the session it is in
        self.pending = ""  # a session's heading, kept on one page with the first block after it

    def say(self, zh: str, en: str) -> str:
        return self.view.say(zh, en)

    def source(self, citation: str) -> str:
        return f'<span class="source">{_e(self.view.paren(self.say("出处", "Source") + self.view.colon + citation))}</span>'

    def cited(self, item: Cited, css: str = "") -> str:
        return f'<p class="{css}">{_e(item.text)}{self.source(item.citation)}</p>'

    def note(self, zh: str, en: str) -> None:
        self.add(f'<p class="source">{_e(self.say(zh, en))}</p>')

    def heading(self, level: int, text: str, first: str) -> None:
        """A heading kept on one page with the block that follows it (and with a session heading before it)."""
        markup = f'<div class="keep">{self.pending}<h{level}>{_e(text)}</h{level}>{first}</div>'
        self.pending = ""
        self.add(markup)

    def add(self, markup: str) -> None:
        if self.pending:
            markup, self.pending = f'<div class="keep">{self.pending}{markup}</div>', ""
        self.parts.append(markup)

    def once(self, key: str, number: int) -> str:
        """"" the first time ``key`` is printed; later a pointer to the session that printed it."""
        if key in self.printed:
            where = self.printed[key]
            return f'<p class="source">{_e(self.say(f"见第{where}单元", f"See session {where}"))}</p>'
        self.printed[key] = number
        return ""

    def build(self, created: str | None = None) -> str:
        """The handout's HTML; ``created`` (ISO 8601) becomes the PDF's creation and modification date."""
        view = self.view
        lang = "en" if view.lang == "en" else "zh-Hans"
        self.add(f"<h1>{_e(view.title)}</h1>")
        other = view.course.title.en if view.lang == "zh" else view.course.title.zh
        if other:
            self.add(f'<p class="subtitle">{_e(other)}</p>')
        when = f"{view.times}{self.say('，共 ', ', ')}{view.minutes(view.course.total_minutes)}"
        meta = [(self.say("学员讲义", "Learner handout"), ""), (self.say("培训对象", "Audience"), view.audience),
                (self.say("形式", "Format"), view.format), (self.say("时间", "Time"), when),
                (self.say("许可", "Licence"), view.course.licence)]
        self.add('<div class="meta">' + "".join(f"<p><b>{_e(k)}</b> {_e(v)}</p>" for k, v in meta) + "</div>")
        if view.base_url:
            self.add(qr_code(view.page_url, self.say("扫码打开课程网页：本讲义引用的每个案例、条款、指标和术语都从那里链接到原文和出处。",
                                                     "Scan for the course page: every case, clause, indicator and term in this "
                                                     "handout links from there to its full text and source.")))
        items = "".join(f"<li>{_e(text)}</li>" for _, text in view.objectives)
        self.heading(2, self.say("学习目标", "Objectives"), f"<ol>{items}</ol>")
        head = "".join(f"<th>{_e(self.say(zh, en))}</th>" for zh, en in (("时间", "Time"), ("单元", "Session"), ("方式", "Method"),
                                                                          ("分钟", "Min.")))
        rows = "".join(f"<tr><td class='time'>{_e(s.times)}</td><td>{_e(s.title)}</td><td>{_e(s.method)}</td>"
                       f"<td>{s.session.minutes}</td></tr>"
                       for s in view.sessions)
        self.add(f"<h2>{_e(self.say('日程', 'Schedule'))}</h2><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
        for item in view.teaching:
            self.session(item)
        self.quiz()
        if view.withheld:
            self.note("说明：期刊文章和新闻报道的原文摘录不随讲义分发，请按所注出处查阅。",
                      "Note: the exact words of journal and news articles are not reproduced in handouts; follow the source given.")
        if not view.base_url:
            self.note("未设置网站地址，未生成二维码。", "No site address was set, so there is no QR code.")
        self.evaluation()  # last, on a sheet of its own: the page a trainer copies and hands out
        body = "\n".join(self.parts)
        dates = "".join(f'<meta name="dcterms.{name}" content="{_e(created)}">' for name in ("created", "modified")) if created else ""
        return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{_e(view.title)}</title>{dates}'
                f"<style>{CSS}</style></head><body>{body}</body></html>")

    def session(self, item: SessionView) -> None:
        view, number = self.view, item.number
        line = f'<p class="source">{_e(item.method)} · {_e(view.minutes(item.session.minutes))} · {_e(item.times)}</p>'
        if item.objectives:
            line += f"<p><b>{_e(self.say('目标', 'Objectives'))}</b> {_e(item.objectives_text)}</p>"
        self.pending = f'<h2>{_e(self.say(f"第{number}单元　", f"Session {number}: ") + item.title)}</h2>{line}'
        readings = [reading for reading in item.pre_reading if reading.citation not in {c.citation for c in item.clauses}]
        if readings:
            listed = "".join(f"<li>{_e(' '.join(filter(None, (r.citation, r.text))))}</li>" for r in readings)
            self.heading(3, self.say("课前阅读", "Pre-reading"), f"<ul>{listed}</ul>")
        for case in item.cases:
            self.case(case, number)
        if item.clauses:
            blocks = [self.once(f"clause {c.citation}", number) or self.cited(c, "clause") for c in item.clauses]
            self.heading(3, self.say("政策条款", "Clauses"), blocks[0])
            for block in blocks[1:]:
                self.add(block)
        for indicator in item.indicators:
            blocks = [self.once(f"indicator {indicator.name}", number) or "".join(self.cited(fact) for fact in indicator.facts)]
            self.heading(3, self.say("指标", "Indicator") + view.colon + indicator.name, blocks[0])
        for term in item.terms:
            block = self.once(f"term {term.name}", number) or "".join(self.cited(d) for d in term.definitions)
            self.heading(3, self.say("术语", "Term") + view.colon + term.name, block)
        self.discussion(item)

    def case(self, case: CaseView, number: int) -> None:
        view = self.view
        again = self.once(f"case {case.name}", number)
        if again:
            self.heading(3, self.say("案例", "Case") + view.colon + case.name, again)
            return
        first = f"<p class='source'>{_e(case.place)}</p><p>{_e(case.summary)}</p>"
        self.heading(3, self.say("案例", "Case") + view.colon + case.name, first)
        if case.background:
            self.add(f"<p><b>{_e(self.say('背景：', 'Background: '))}</b>{_e(case.background)}</p>")
        if case.steps:
            self.add("<ol>" + "".join(f"<li>{_e(step)}</li>" for step in case.steps) + "</ol>")
        for outcome in case.outcomes:
            self.add(self.cited(outcome))
        for condition in case.conditions:
            self.add(f"<p class='source'>{_e(condition)}</p>")
        cited = self.say("；", "; ").join(dict.fromkeys(source.citation for source in case.sources))
        self.add(f"<p class='source'>{_e(self.say('来源', 'Sources') + view.colon + cited)}</p>")

    def discussion(self, item: SessionView) -> None:
        view, session = self.view, item.session
        if session.questions:
            entries = []
            for question in session.questions:
                prompts = "".join(f"<li>{_e(view.t(p))}</li>" for p in question.prompts)
                text = view.t(question.text) + view.paren(view.minutes(question.minutes))
                entries.append(f"<li>{_e(text)}<ul>{prompts}</ul></li>")
            self.heading(3, self.say("讨论题", "Discussion questions"), f"<ol>{entries[0]}</ol>")
            if entries[1:]:
                self.add(f'<ol style="counter-reset: list-item 1">{"".join(entries[1:])}</ol>')
        for exercise in session.exercises:
            self.heading(3, self.say("练习", "Exercise"), f"<p>{_e(view.t(exercise.task))}</p>" + '<div class="lines"></div>' * 3)

    def quiz(self) -> None:
        view = self.view
        if not view.course.quiz:
            return
        entries = []
        for item in view.course.quiz:
            box = '<span class="box"></span>'
            options = "".join(f"<li>{box}{'ABCDEFGHIJ'[i]}. {_e(view.t(o))}</li>" for i, o in enumerate(item.options))
            if item.kind is QuizKind.true_false:
                options = f"<li>{box}{_e(self.say('正确', 'True'))}　{box}{_e(self.say('错误', 'False'))}</li>"
            extra = '<div class="lines"></div>' * 2 if item.kind is QuizKind.short_answer else ""
            entries.append(f"<li>{_e(view.t(item.stem))}<ul>{options}</ul>{extra}</li>")
        self.heading(2, self.say("测验", "Quiz"), f'<ol class="quiz">{entries[0]}</ol>')  # with the heading before it
        if entries[1:]:
            self.add(f'<ol class="quiz" style="counter-reset: list-item 1">{"".join(entries[1:])}</ol>')

    def evaluation(self) -> None:
        view = self.view
        items = [self.say(f"学完后我能：{text}", f"I can now: {text}") for _, text in view.objectives]
        items += [self.say(zh, en) for zh, en in (("课程内容对我的工作有用", "The content is useful for my work"),
                                                  ("案例和讨论有帮助", "The cases and discussions helped"),
                                                  ("时间安排合适", "The timing was right"),
                                                  ("讲解清楚，出处交代明白", "Explanations were clear and sources were named"))]
        box = '<span class="box"></span>'
        rows = "".join(f"<tr><td>{_e(text)}</td>{f'<td>{box}</td>' * 5}</tr>" for text in items)
        item = self.say("评估项目（5 = 完全做到 / 很同意，1 = 做不到 / 不同意）", "Item (5 = fully / strongly agree, 1 = not at all)")
        head = f"<tr><th>{_e(item)}</th>"
        head += "".join(f"<th>{n}</th>" for n in "54321") + "</tr>"
        table = f'<table class="rate"><thead>{head}</thead><tbody>{rows}</tbody></table>'
        comments = "".join(f"<p><b>{_e(prompt)}</b></p>" + '<div class="lines"></div>' * 2 for prompt in (
            self.say("最有收获的一点：", "What helped you most:"), self.say("还需要的内容或建议：", "What else you need, or suggestions:")))
        self.add(f'<div style="break-before: page"><h2>{_e(self.say("课后评估表", "Evaluation form"))}</h2>{table}{comments}</div>')


def _created(epoch: int | None) -> str | None:
    """The PDF's date from the build's stamp (generator/content/buildtime.py); without one the PDF carries none."""
    return stamp_datetime(epoch).strftime("%Y-%m-%dT%H:%M:%SZ") if epoch is not None else None


def write_pdf(view: CourseView, path: Path, epoch: int | None = None) -> Path:
    """The A4 handout at ``path``, tagged and dated ``epoch``; call only when :func:`pdf_unavailable_reason` is None."""
    return render_pdf(HandoutHtml(view).build(_created(epoch)), path)


def submit_pdf(printer: PdfPrinter, view: CourseView, path: Path, epoch: int | None = None) -> None:
    """Hand the handout to a printer started earlier (generator/courses/printer.py)."""
    printer.submit(HandoutHtml(view).build(_created(epoch)), path)
