"""Targets against observations over time, drawn at build time as inline SVG (no script, no CDN)."""

from __future__ import annotations

import html

from generator.content.model import Comparator, FactKind, YearBasis
from generator.content.timeline import IndicatorTimeline

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 40


def timeline_chart(timeline: IndicatorTimeline, lang: str) -> str:
    """An SVG of dated targets (hollow diamonds) and observations (dots); empty when nothing is dated."""
    points = [e for e in timeline.entries if e.fact.year is not None and e.fact.kind is not FactKind.standard]
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

    def x(year: int) -> float:
        # half a year of margin on both sides keeps the first and last points off the axes
        return LEFT + (year - first + 0.5) / (last - first + 1) * (WIDTH - LEFT - RIGHT)

    def y(value: float) -> float:
        return TOP + (1 - (value - low) / (high - low)) * (HEIGHT - TOP - BOTTOM)

    name = timeline.indicator.name.en if lang == "en" and timeline.indicator.name.en else timeline.indicator.name.zh
    target_word, observed_word = ("Target", "Observed") if lang == "en" else ("目标", "观测值")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{html.escape(name)}" class="chart">',
        f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}" stroke="currentColor" stroke-opacity=".4"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{HEIGHT - BOTTOM}" stroke="currentColor" stroke-opacity=".4"/>',
    ]
    for year in range(first, last + 1):  # type: ignore[arg-type]
        parts.append(f'<text x="{x(year):.1f}" y="{HEIGHT - BOTTOM + 16}" font-size="14" text-anchor="middle" '
                     f'fill="currentColor">{year}</text>')
    for fraction in (0, 0.5, 1):
        value = low + fraction * (high - low) / 1.1
        parts.append(f'<text x="{LEFT - 6}" y="{y(value) + 4:.1f}" font-size="14" text-anchor="end" '
                     f'fill="currentColor">{value:g}</text>')
    observed = sorted((e for e in points if e.fact.kind is FactKind.observation), key=lambda e: e.fact.year or 0)
    if len(observed) > 1:
        path = " ".join(f"{x(e.fact.year):.1f},{y(e.fact.value):.1f}" for e in observed)  # type: ignore[arg-type]
        parts.append(f'<polyline points="{path}" fill="none" stroke="#1976d2" stroke-width="1.5"/>')
    for entry in points:
        fact = entry.fact
        cx, cy = x(fact.year), y(fact.value)  # type: ignore[arg-type]
        inferred = "" if fact.year_basis is YearBasis.stated else (" (inferred)" if lang == "en" else "（推定）")
        label = f"{fact.year}{inferred}: {fact.comparator.value if fact.comparator is not Comparator.eq else ''}{fact.value:g}"
        title = html.escape(f"{target_word if fact.kind is FactKind.target else observed_word} {label} — {entry.document.id}")
        if fact.kind is FactKind.target:
            parts.append(f'<path d="M{cx:.1f},{cy - 6:.1f} l6,6 l-6,6 l-6,-6 z" fill="none" stroke="#e65100" '
                         f'stroke-width="2"><title>{title}</title></path>')
        else:
            parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4.5" fill="#1976d2"><title>{title}</title></circle>')
    parts.append(f'<g font-size="14" fill="currentColor"><path d="M{LEFT + 10},{TOP + 2} l5,5 l-5,5 l-5,-5 z" fill="none" '
                 f'stroke="#e65100" stroke-width="2"/><text x="{LEFT + 20}" y="{TOP + 11}">{target_word}</text>'
                 f'<circle cx="{LEFT + 80}" cy="{TOP + 7}" r="4" fill="#1976d2"/>'
                 f'<text x="{LEFT + 90}" y="{TOP + 11}">{observed_word}</text></g>')
    parts.append("</svg>")
    return "".join(parts)
