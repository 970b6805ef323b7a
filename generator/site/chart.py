"""Targets against observations over time, drawn at build time as inline SVG (no script, no CDN).

The drawing is phone-sized (360 × 230 units) and scales to the width of its box, so on a
360 px screen its text is about as large as the body text and every point and both axes are
on screen; on a desktop it grows to at most 24rem. Year labels are thinned when they would
touch. The same points are offered as a table beside it (``chart_table``).
"""

from __future__ import annotations

import html

from generator.content.model import Comparator, FactKind, YearBasis
from generator.content.timeline import IndicatorTimeline, TimelineEntry

WIDTH, HEIGHT = 360, 230
LEFT, RIGHT, TOP, BOTTOM = 48, 14, 30, 30
FONT = 13
YEAR_LABEL_WIDTH = 34  # a four-digit year at FONT, with a gap


def chart_points(timeline: IndicatorTimeline) -> list[TimelineEntry]:
    """The entries drawn: dated targets and observations (standards have no date to place them)."""
    return [e for e in timeline.entries if e.fact.year is not None and e.fact.kind is not FactKind.standard]


def _axis(value: float, lang: str) -> str:
    """A y-axis label short enough for the margin: 5,500万 → 5500万, 42000 → 42k, never 1.2e+03."""
    units = ((1e8, "亿"), (1e4, "万")) if lang == "zh" else ((1e9, "B"), (1e6, "M"), (1e3, "k"))
    for size, unit in units:
        if abs(value) >= size:
            return _compact(value / size) + unit
    return _compact(value)


def _compact(number: float) -> str:
    return f"{number:.0f}" if abs(number) >= 100 else f"{number:.3g}"


def _words(lang: str) -> tuple[str, str]:
    return ("Target", "Observed") if lang == "en" else ("目标", "观测值")


def timeline_chart(timeline: IndicatorTimeline, lang: str) -> str:
    """An SVG of dated targets (hollow diamonds) and observations (dots); empty when nothing is dated."""
    points = chart_points(timeline)
    if not points:
        return ""
    years = [e.fact.year for e in points]
    values = [v for e in points for v in (e.fact.value, e.fact.value_max) if v is not None]
    first, last = min(years), max(years)  # type: ignore[type-var]
    if first == last:
        first, last = first - 1, last + 1  # type: ignore[operator]
    low, high = min(0.0, *values), max(values)
    if high == low:
        high = low + 1
    high *= 1.1
    plot_width = WIDTH - LEFT - RIGHT

    def x(year: int) -> float:
        # half a year of margin on both sides keeps the first and last points off the axes
        return LEFT + (year - first + 0.5) / (last - first + 1) * plot_width

    def y(value: float) -> float:
        return TOP + (1 - (value - low) / (high - low)) * (HEIGHT - TOP - BOTTOM)

    name = timeline.indicator.name.en if lang == "en" and timeline.indicator.name.en else timeline.indicator.name.zh
    target_word, observed_word = _words(lang)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{html.escape(name)}" class="chart" font-size="{FONT}">',
        f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}" stroke="currentColor" stroke-opacity=".5"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{HEIGHT - BOTTOM}" stroke="currentColor" stroke-opacity=".5"/>',
    ]
    span = last - first + 1  # type: ignore[operator]
    step = max(1, -(-YEAR_LABEL_WIDTH * span // plot_width))  # label every step-th year so labels never touch
    labelled = set(range(first, last + 1, step)) | {y_ for y_ in years if (y_ - first) % step == 0}  # type: ignore[arg-type, operator]
    for year in sorted(labelled):
        parts.append(f'<text x="{x(year):.1f}" y="{HEIGHT - BOTTOM + 17}" text-anchor="middle" '
                     f'fill="currentColor">{year}</text>')
    for fraction in (0, 0.5, 1):
        value = low + fraction * (high - low) / 1.1
        parts.append(f'<text x="{LEFT - 5}" y="{y(value) + 4:.1f}" text-anchor="end" '
                     f'fill="currentColor">{_axis(value, lang)}</text>')
    observed = sorted((e for e in points if e.fact.kind is FactKind.observation), key=lambda e: e.fact.year or 0)
    if len(observed) > 1:
        path = " ".join(f"{x(e.fact.year):.1f},{y(e.fact.value):.1f}" for e in observed)  # type: ignore[arg-type]
        parts.append(f'<polyline points="{path}" fill="none" stroke="#1565c0" stroke-width="1.5"/>')
    for entry in points:
        fact = entry.fact
        cx, cy = x(fact.year), y(fact.value)  # type: ignore[arg-type]
        inferred = "" if fact.year_basis is YearBasis.stated else (" (inferred)" if lang == "en" else "（推定）")
        label = f"{fact.year}{inferred}: {fact.comparator.value if fact.comparator is not Comparator.eq else ''}{fact.value:g}"
        title = html.escape(f"{target_word if fact.kind is FactKind.target else observed_word} {label} — {entry.document.id}")
        if fact.kind is FactKind.target:
            parts.append(f'<path class="chart-point" d="M{cx:.1f},{cy - 6:.1f} l6,6 l-6,6 l-6,-6 z" fill="none" '
                         f'stroke="#bf360c" stroke-width="2"><title>{title}</title></path>')
        else:
            parts.append(f'<circle class="chart-point" cx="{cx:.1f}" cy="{cy:.1f}" r="4.5" fill="#1565c0">'
                         f'<title>{title}</title></circle>')
    parts.append(f'<g fill="currentColor"><path d="M{LEFT + 10},{TOP - 20} l5,5 l-5,5 l-5,-5 z" fill="none" '
                 f'stroke="#bf360c" stroke-width="2"/><text x="{LEFT + 20}" y="{TOP - 11}">{target_word}</text>'
                 f'<circle cx="{LEFT + 90}" cy="{TOP - 15}" r="4" fill="#1565c0"/>'
                 f'<text x="{LEFT + 100}" y="{TOP - 11}">{observed_word}</text></g>')
    parts.append("</svg>")
    return "".join(parts)
