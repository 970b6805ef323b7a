"""Targets against observations over time, drawn at build time as inline SVG (no script, no CDN).

The drawing is phone-sized (360 × 230 units) and scales to the width of its box, so on a
360 px screen its text is at least 12 px and every point and both axes are on screen; on a
desktop it grows to at most 24rem. Year labels are thinned when they would touch. A value the
source gives no year is drawn as a hollow circle at the year of the document reporting it, with
its own legend entry, never joined to the line. The same points are offered as a table beside it.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.citations import citation, short_title
from generator.content.links import Corpus
from generator.content.model import Comparator, FactKind, YearBasis
from generator.content.timeline import IndicatorTimeline, TimelineEntry
from generator.site.richtext import escape_markdown

WIDTH, HEIGHT = 360, 230
LEFT, RIGHT, TOP, BOTTOM = 48, 14, 30, 30
FONT = 14  # at least 12 px on a 360 px phone, where the drawing is about 328 px wide
YEAR_LABEL_WIDTH = 37  # a four-digit year at FONT, with a gap
LEGEND_ROW = 18  # the second legend row (values the source gives no year), when there are any
TARGET, OBSERVED = "#bf360c", "#1565c0"


@dataclass(frozen=True)
class ChartPoint:
    """A fact placed on the chart: at its own year, or (``dated`` False) at the year of the document reporting it."""

    entry: TimelineEntry
    year: int
    dated: bool


def chart_points(timeline: IndicatorTimeline) -> list[ChartPoint]:
    """What is drawn: targets and reported values with a year, and reported values without one at their report's year.

    Standards hold at no date; a value with no year in a document with no year cannot be placed
    (:func:`unplaced_note` says so under the chart).
    """
    found = []
    for entry in timeline.entries:
        fact = entry.fact
        if fact.kind is FactKind.standard:
            continue
        if fact.year is not None:
            found.append(ChartPoint(entry, fact.year, True))
        elif fact.kind is FactKind.observation and entry.document.year is not None:
            found.append(ChartPoint(entry, entry.document.year, False))
    return found


def unplaced_note(timeline: IndicatorTimeline, lang: str) -> str:
    """The sentence under the chart for values it cannot place ("" when it shows every target and value)."""
    placed = {id(point.entry) for point in chart_points(timeline)}
    missing = [e for e in timeline.entries if e.fact.kind is not FactKind.standard and id(e) not in placed]
    if not missing:
        return ""
    if lang == "en":
        return (f"{len(missing)} more {'value' if len(missing) == 1 else 'values'} with no year in the source or its document "
                "cannot be placed on the chart; see the timeline.")
    return f"另有 {len(missing)} 个数值，原文和所在文件都没写年份，图中无法画出，见时间线。"


def _axis(value: float, lang: str) -> str:
    """A y-axis label short enough for the margin: 5,500万 → 5500万, 42000 → 42k, never 1.2e+03."""
    units = ((1e8, "亿"), (1e4, "万")) if lang == "zh" else ((1e9, "B"), (1e6, "M"), (1e3, "k"))
    for size, unit in units:
        if abs(value) >= size:
            return _compact(value / size) + unit
    return _compact(value)


def _compact(number: float) -> str:
    return f"{number:.0f}" if abs(number) >= 100 else f"{number:.3g}"


def _words(lang: str) -> tuple[str, str, str]:
    """The legend: target, reported value, reported value without a year (drawn at the year of its report)."""
    if lang == "en":
        return "Target", "Reported value", "Year not given: at report year"
    return "目标", "报告的数值", "原文未写年份：画在报告那一年"


def timeline_chart(timeline: IndicatorTimeline, lang: str, corpus: Corpus | None = None) -> str:
    """An SVG of targets (hollow diamonds), reported values (dots, joined by a line) and values the source gives no
    year (hollow circles at the year of their report, outside the line); empty when nothing can be placed.

    Each point's tooltip names the document as a reader cites it (with ``corpus``; else its short title).
    """
    points = chart_points(timeline)
    if not points:
        return ""
    years = [p.year for p in points]
    values = [v for p in points for v in (p.entry.fact.value, p.entry.fact.value_max) if v is not None]
    first, last = min(years), max(years)
    if first == last:
        first, last = first - 1, last + 1
    low, high = min(0.0, *values), max(values)
    if high == low:
        high = low + 1
    high *= 1.1
    undated = any(not p.dated for p in points)
    top = TOP + (LEGEND_ROW if undated else 0)  # a second legend row for the hollow circles
    plot_width = WIDTH - LEFT - RIGHT

    def x(year: int) -> float:
        # half a year of margin on both sides keeps the first and last points off the axes
        return LEFT + (year - first + 0.5) / (last - first + 1) * plot_width

    def y(value: float) -> float:
        return top + (1 - (value - low) / (high - low)) * (HEIGHT - top - BOTTOM)

    name = timeline.indicator.name.en if lang == "en" and timeline.indicator.name.en else timeline.indicator.name.zh
    target_word, observed_word, undated_word = _words(lang)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape_markdown(name)}" class="chart" font-size="{FONT}">',
        f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}" stroke="currentColor" stroke-opacity=".5"/>',
        f'<line x1="{LEFT}" y1="{top}" x2="{LEFT}" y2="{HEIGHT - BOTTOM}" stroke="currentColor" stroke-opacity=".5"/>',
    ]
    span = last - first + 1
    step = max(1, -(-YEAR_LABEL_WIDTH * span // plot_width))  # label every step-th year so labels never touch
    labelled = set(range(first, last + 1, step)) | {y_ for y_ in years if (y_ - first) % step == 0}
    for year in sorted(labelled):
        parts.append(f'<text x="{x(year):.1f}" y="{HEIGHT - BOTTOM + 17}" text-anchor="middle" '
                     f'fill="currentColor">{year}</text>')
    for fraction in (0, 0.5, 1):
        value = low + fraction * (high - low) / 1.1
        parts.append(f'<text x="{LEFT - 5}" y="{y(value) + 4:.1f}" text-anchor="end" '
                     f'fill="currentColor">{_axis(value, lang)}</text>')
    observed = sorted((p for p in points if p.dated and p.entry.fact.kind is FactKind.observation), key=lambda p: p.year)
    if len(observed) > 1:
        path = " ".join(f"{x(p.year):.1f},{y(p.entry.fact.value):.1f}" for p in observed)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{OBSERVED}" stroke-width="1.5"/>')
    for point in points:
        fact = point.entry.fact
        cx, cy = x(point.year), y(fact.value)
        title = escape_markdown(_tooltip(point, lang, corpus))
        if fact.kind is FactKind.target:
            parts.append(f'<path class="chart-point" d="M{cx:.1f},{cy - 6:.1f} l6,6 l-6,6 l-6,-6 z" fill="none" '
                         f'stroke="{TARGET}" stroke-width="2"><title>{title}</title></path>')
        elif point.dated:
            parts.append(f'<circle class="chart-point" cx="{cx:.1f}" cy="{cy:.1f}" r="4.5" fill="{OBSERVED}">'
                         f'<title>{title}</title></circle>')
        else:
            parts.append(f'<circle class="chart-point chart-point--undated" cx="{cx:.1f}" cy="{cy:.1f}" r="5" '
                         f'fill="none" stroke="{OBSERVED}" stroke-width="2" stroke-dasharray="3 2"><title>{title}</title></circle>')
    parts.append(f'<g fill="currentColor"><path d="M{LEFT + 10},{TOP - 20} l5,5 l-5,5 l-5,-5 z" fill="none" '
                 f'stroke="{TARGET}" stroke-width="2"/><text x="{LEFT + 20}" y="{TOP - 11}">{target_word}</text>'
                 f'<circle cx="{LEFT + 90}" cy="{TOP - 15}" r="4" fill="{OBSERVED}"/>'
                 f'<text x="{LEFT + 100}" y="{TOP - 11}">{observed_word}</text>')
    if undated:
        row = TOP - 15 + LEGEND_ROW
        parts.append(f'<circle cx="{LEFT + 10}" cy="{row}" r="4.5" fill="none" stroke="{OBSERVED}" stroke-width="2" '
                     f'stroke-dasharray="3 2"/><text x="{LEFT + 20}" y="{row + 4}">{undated_word}</text>')
    parts.append("</g></svg>")
    return "".join(parts)


def _tooltip(point: ChartPoint, lang: str, corpus: Corpus | None) -> str:
    """``目标 2018: >=40 — 《短标题》六、（一）``: kind, when, value and the readable citation (never an id)."""
    fact, document = point.entry.fact, point.entry.document
    target_word, observed_word, _ = _words(lang)
    if not point.dated:
        when = f"year not given, reported in {point.year}" if lang == "en" else f"原文未写年份，{point.year}年报告"
    else:
        inferred = "" if fact.year_basis is YearBasis.stated else (" (inferred)" if lang == "en" else "（推定）")
        when = f"{fact.year}{inferred}"
    comparator = fact.comparator.value if fact.comparator is not Comparator.eq else ""
    source = citation(corpus, document, fact.clause, lang) if corpus is not None else short_title(document, lang)
    kind = target_word if fact.kind is FactKind.target else observed_word
    return f"{kind} {when}: {comparator}{fact.value:g} — {source}"
