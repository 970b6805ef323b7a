"""The A4 PDF handout: the learner view as HTML, printed by WeasyPrint with an embedded CJK font and QR codes.

WeasyPrint embeds a subset of each font it uses; the Chinese is set in Noto Serif/Sans CJK (Debian's
fonts-noto-cjk, OFL). Each pulled page (case, clause, indicator, term, the course page) gets a QR code
(segno) pointing at the configured base URL, with the address printed under it. When WeasyPrint, its
Pango library or a CJK font is missing the PDF is skipped with a note, never a broken file.
"""

from __future__ import annotations

import functools
import html
import shutil
import subprocess
from pathlib import Path

from generator.courses.content import Cited, CourseView, SessionView

CJK_FAMILIES = ("Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", "Source Han Sans SC")

CSS = """
@page { size: A4; margin: 18mm 16mm 20mm 16mm;
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt; color: #666; } }
html { font-family: "Noto Serif CJK SC", "Source Han Serif SC", serif; font-size: 10.5pt; line-height: 1.55; color: #111; }
h1, h2, h3, .meta b, th { font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; }
h1 { font-size: 18pt; color: #1a237e; margin: 0 0 4mm; }
h2 { font-size: 13.5pt; color: #1a237e; border-bottom: 0.6pt solid #1a237e; margin-top: 7mm; break-after: avoid; }
h3 { font-size: 11pt; margin: 4mm 0 1mm; break-after: avoid; }
.subtitle { color: #555; margin-top: -2mm; }
.meta { margin: 3mm 0; } .meta p { margin: 0.5mm 0; }
.source { color: #555; font-size: 8.5pt; }
.url { font-family: "DejaVu Sans Mono", monospace; font-size: 7pt; word-break: break-all; color: #333; }
table { border-collapse: collapse; width: 100%; } th, td { border: 0.5pt solid #999; padding: 1mm 2mm; text-align: left; }
.clause { border-left: 2pt solid #c5cae9; padding-left: 3mm; margin: 2mm 0; }
.codes { display: flex; flex-wrap: wrap; gap: 3mm; margin-top: 3mm; break-inside: avoid; }
.code { width: 40mm; text-align: center; break-inside: avoid; } .code img { width: 24mm; height: 24mm; }
.code .name { font-size: 7.5pt; line-height: 1.3; }
.lines { border-bottom: 0.5pt dotted #999; height: 8mm; }
"""


def cjk_font_available() -> bool:
    """True when fontconfig knows one of the CJK families the handout is set in."""
    if shutil.which("fc-list") is None:
        return any(Path("/usr/share/fonts/opentype/noto").glob("Noto*CJK*"))
    listed = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False).stdout
    return any(family in listed for family in CJK_FAMILIES)


@functools.cache
def pdf_unavailable_reason() -> tuple[str, str] | None:
    """Why the PDF cannot be made here, in Chinese and English; None when it can."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as error:  # OSError: the Pango library is missing
        return (f"未生成 PDF：WeasyPrint 无法加载（{error}）；请安装 weasyprint 和 Pango",
                f"PDF skipped: WeasyPrint cannot load ({error}); install weasyprint and Pango")
    if not cjk_font_available():
        return ("未生成 PDF：找不到中文字体（请安装 Debian 的 fonts-noto-cjk）",
                "PDF skipped: no CJK font found (install Debian's fonts-noto-cjk)")
    return None


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def qr_code(url: str, name: str) -> str:
    import segno

    uri = segno.make(url, error="m").svg_data_uri(scale=4, border=2)
    return f'<div class="code"><img src="{uri}" alt=""><div class="name">{_e(name)}</div><div class="url">{_e(url)}</div></div>'


class HandoutHtml:
    """The learner handout as one HTML document (no scripts, no remote resources)."""

    def __init__(self, view: CourseView) -> None:
        self.view = view
        self.parts: list[str] = []

    def say(self, zh: str, en: str) -> str:
        return self.view.say(zh, en)

    def add(self, markup: str) -> None:
        self.parts.append(markup)

    def cited(self, item: Cited, css: str = "") -> None:
        source = f'<span class="source">{_e(self.view.paren(self.say("出处", "Source") + self.view.colon + item.citation))}</span>'
        self.add(f'<p class="{css}">{_e(item.text)}{source}</p>')

    def note(self, zh: str, en: str) -> None:
        self.add(f'<p class="source">{_e(self.say(zh, en))}</p>')

    def build(self) -> str:
        view = self.view
        lang = "en" if view.lang == "en" else "zh-Hans"
        self.add(f"<h1>{_e(view.title)}</h1>")
        other = view.course.title.en if view.lang == "zh" else view.course.title.zh
        if other:
            self.add(f'<p class="subtitle">{_e(other)}</p>')
        meta = [(self.say("学员手册", "Learner handout"), ""), (self.say("培训对象", "Audience"), view.audience),
                (self.say("形式", "Format"), view.format),
                (self.say("总时长", "Length"), self.say(f"{view.course.total_minutes} 分钟", f"{view.course.total_minutes} minutes")),
                (self.say("许可", "Licence"), view.course.licence)]
        self.add('<div class="meta">' + "".join(f"<p><b>{_e(k)}</b> {_e(v)}</p>" for k, v in meta) + "</div>")
        if view.base_url:
            self.add(f'<div class="codes">{qr_code(view.page_url, self.say("课程网页", "Course page"))}</div>')
        self.add(f"<h2>{_e(self.say('学习目标', 'Objectives'))}</h2><ul>")
        self.add("".join(f"<li><b>{_e(oid)}</b> {_e(text)}</li>" for oid, text in view.objectives) + "</ul>")
        rows = "".join(f"<tr><td>{n}</td><td>{_e(s.title)}</td><td>{_e(s.method)}</td><td>{s.session.minutes}</td></tr>"
                       for n, s in enumerate(view.sessions, start=1))
        head = "".join(f"<th>{_e(self.say(zh, en))}</th>" for zh, en in (("序号", "No."), ("单元", "Session"),
                                                                          ("方式", "Method"), ("分钟", "Minutes")))
        self.add(f"<h2>{_e(self.say('日程', 'Schedule'))}</h2><table><tr>{head}</tr>{rows}</table>")
        for number, session in enumerate(view.sessions, start=1):
            self.session(number, session)
        self.quiz()
        if view.withheld:
            self.note("说明：期刊文章和新闻报道的原文摘录不随讲义分发，请按所注出处和网址查阅。",
                      "Note: the exact words of journal and news articles are not reproduced in handouts; "
                      "follow the source and address given.")
        if not view.base_url:
            self.note("未设置网站地址，未生成二维码。", "No site address was set, so there are no QR codes.")
        body = "\n".join(self.parts)
        return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{_e(view.title)}</title>'
                f"<style>{CSS}</style></head><body>{body}</body></html>")

    def session(self, number: int, item: SessionView) -> None:
        view = self.view
        session = item.session
        codes: list[tuple[str, str]] = []
        self.add(f"<h2>{number}. {_e(item.title)}</h2>")
        self.add(f'<p class="source">{_e(item.method)} · {session.minutes} {_e(self.say("分钟", "minutes"))}</p>')
        if item.objectives:
            self.add(f"<p><b>{_e(self.say('目标', 'Objectives'))}</b> {_e(item.objectives_text)}</p>")
        if item.pre_reading:
            self.add(f"<h3>{_e(self.say('课前阅读', 'Pre-reading'))}</h3>")
            for reading in item.pre_reading:
                self.cited(reading)
                codes.append((reading.url, reading.citation))
        codes += self.cases(item)
        codes += self.pulled(item)
        self.discussion(item)
        if view.base_url and codes:
            unique = dict(codes)
            self.add('<div class="codes">' + "".join(qr_code(url, name) for url, name in unique.items()) + "</div>")

    def cases(self, item: SessionView) -> list[tuple[str, str]]:
        codes = []
        for case in item.cases:
            self.add(f"<h3>{_e(self.say('案例', 'Case') + self.view.colon + case.name)}</h3><p class='source'>{_e(case.place)}</p>")
            self.add(f"<p>{_e(case.summary)}</p>")
            for step in case.steps:
                self.add(f"<p>· {_e(step)}</p>")
            for outcome in case.outcomes:
                self.cited(outcome)
            for condition in case.conditions:
                self.add(f"<p class='source'>{_e(condition)}</p>")
            cited = "；".join(dict.fromkeys(source.citation for source in case.sources))
            self.add(f"<p class='source'>{_e(self.say('来源', 'Sources') + self.view.colon + cited)}</p>")
            codes.append((case.url, case.name))
        return codes

    def pulled(self, item: SessionView) -> list[tuple[str, str]]:
        codes = []
        if item.clauses:
            self.add(f"<h3>{_e(self.say('政策条款', 'Clauses'))}</h3>")
            for clause in item.clauses:
                self.cited(clause, "clause")
                codes.append((clause.url, clause.citation))
        for name, url, facts in item.indicators:
            self.add(f"<h3>{_e(self.say('指标', 'Indicator') + self.view.colon + name)}</h3>")
            for fact in facts:
                self.cited(fact)
            codes.append((url, name))
        for name, url, definitions in item.terms:
            self.add(f"<h3>{_e(self.say('术语', 'Term') + self.view.colon + name)}</h3>")
            for definition in definitions:
                self.cited(definition)
            codes.append((url, name))
        return codes

    def discussion(self, item: SessionView) -> None:
        view, session = self.view, item.session
        if session.questions:
            self.add(f"<h3>{_e(self.say('讨论题', 'Discussion questions'))}</h3><ol>")
            for question in session.questions:
                prompts = "".join(f"<li>{_e(view.t(p))}</li>" for p in question.prompts)
                text = view.t(question.text) + view.paren(f"{question.minutes}′")
                self.add(f"<li>{_e(text)}<ul>{prompts}</ul></li>")
            self.add("</ol>")
        for exercise in session.exercises:
            self.add(f"<h3>{_e(self.say('练习', 'Exercise'))}</h3><p>{_e(view.t(exercise.task))}</p>" + '<div class="lines"></div>' * 3)

    def quiz(self) -> None:
        view = self.view
        if not view.course.quiz:
            return
        self.add(f"<h2>{_e(self.say('测验', 'Quiz'))}</h2><ol>")
        for item in view.course.quiz:
            options = "".join(f"<li>{'ABCDEFGHIJ'[i]}. {_e(view.t(o))}</li>" for i, o in enumerate(item.options))
            extra = '<div class="lines"></div>' * 2 if not item.options else ""
            self.add(f"<li>{_e(view.t(item.stem))}<ul style='list-style:none'>{options}</ul>{extra}</li>")
        self.add("</ol>")


def write_pdf(view: CourseView, path: Path) -> Path:
    """The A4 handout at ``path``; call only when :func:`pdf_unavailable_reason` is None."""
    from weasyprint import HTML

    HTML(string=HandoutHtml(view).build(), base_url=None).write_pdf(str(path))
    return path
