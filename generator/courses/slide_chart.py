"""An indicator's figures as a native, editable chart on a slide (PowerPoint and WPS draw it; a trainer can restyle it).

One column per reported figure, in time order: targets and reported values in two colours, each
labelled with the value as the source prints it (≥18, 300–500; the unit in the legend). Standards, which have
no date, stand under their scope. A figure the source gives without a
year stands at the year its document was published, hatched and labelled so (“2023年报告”, with a line under
the chart saying what the hatching means); one whose document has no date either comes last (“未注年份”). Every
text in the chart is 20 pt in 微软雅黑, like the rest of the deck.
"""

from __future__ import annotations

from typing import Any

from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.dml import MSO_PATTERN_TYPE
from pptx.oxml.ns import qn
from pptx.util import Pt

from generator.courses.content import FactView, IndicatorView
from generator.courses.deck import SMALL_SIZE, set_fonts
from generator.courses.make_template import EAST_ASIAN_FONT, LATIN_FONT

COLOURS = {"target": RGBColor(0xBF, 0x36, 0x0C), "observation": RGBColor(0x15, 0x65, 0xC0), "standard": RGBColor(0x55, 0x8B, 0x2F)}
KIND_WORDS = {"target": ("目标", "Target"), "observation": ("报告的数值", "Reported value"), "standard": ("标准", "Standard")}


def charted(indicator: IndicatorView) -> list[FactView]:
    """The figures worth a chart, in time order (undated ones at their report year); none when fewer than two."""
    facts = sorted(indicator.facts, key=lambda fact: (fact.year or fact.report_year or 9999, fact.kind != "observation"))
    return facts if len(facts) >= 2 else []


def category(fact: FactView, lang: str) -> str:
    """The column's label: a standard's scope (standards have no date); else its year, or its report year marked as such."""
    if fact.kind == "standard" and fact.scope:
        return fact.scope
    if fact.year is not None:
        return str(fact.year) if lang == "en" else f"{fact.year}年"
    if fact.report_year is None:
        return "no year" if lang == "en" else "未注年份"
    return f"{fact.report_year} report" if lang == "en" else f"{fact.report_year}年报告"


def categories(facts: list[FactView], lang: str) -> list[str]:
    """Every column's label; two that would read the same get their scope added (86% and 90.1% in the same year)."""
    labels = [category(fact, lang) for fact in facts]
    for index, label in enumerate(labels):
        if labels.count(label) > 1 and facts[index].scope and facts[index].kind != "standard":
            labels[index] = f"{label}\n{facts[index].scope}"
    return labels


def _text_properties(element: Any) -> None:
    """20 pt 微软雅黑 on a chart's default text properties (``c:txPr``)."""
    tx_pr = element.find(qn("c:txPr"))
    if tx_pr is None:
        tx_pr = element.makeelement(qn("c:txPr"), {})
        element.append(tx_pr)
        tx_pr.append(tx_pr.makeelement(qn("a:bodyPr"), {}))
        tx_pr.append(tx_pr.makeelement(qn("a:lstStyle"), {}))
        paragraph = tx_pr.makeelement(qn("a:p"), {})
        p_pr = paragraph.makeelement(qn("a:pPr"), {})
        p_pr.append(p_pr.makeelement(qn("a:defRPr"), {}))
        paragraph.append(p_pr)
        tx_pr.append(paragraph)
    for def_rpr in tx_pr.iter(qn("a:defRPr")):
        def_rpr.set("sz", str(SMALL_SIZE * 100))
        for tag, face in (("a:latin", LATIN_FONT), ("a:ea", EAST_ASIAN_FONT)):
            node = def_rpr.find(qn(tag))
            if node is None:
                node = def_rpr.makeelement(qn(tag), {})
                def_rpr.append(node)
            node.set("typeface", face)


def undated(indicator: IndicatorView) -> bool:
    """Whether the chart places a reported value without a year at its report year (hatched; the slide says so)."""
    return any(fact.year is None and fact.kind != "standard" for fact in charted(indicator))


def add_chart(slide: Any, indicator: IndicatorView, box: tuple[int, int, int, int], lang: str) -> Any:
    """A column chart of the indicator's figures in ``box`` (left, top, width, height); returns the chart."""
    facts = charted(indicator)
    kinds = [kind for kind in ("target", "observation", "standard") if any(fact.kind == kind for fact in facts)]
    data = CategoryChartData(number_format="General")
    data.categories = categories(facts, lang)
    unit = f" ({indicator.unit})" if lang == "en" else f"（{indicator.unit}）"
    for kind in kinds:
        data.add_series(KIND_WORDS[kind][lang == "en"] + (unit if indicator.unit else ""),
                        [fact.value_max or fact.value if fact.kind == kind else None for fact in facts])
    frame = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, *box, data)
    chart = frame.chart
    chart.font.size = Pt(SMALL_SIZE)
    chart.has_title = False  # the slide's title names the indicator
    chart.has_legend = True  # even for one series: it says whether the columns are targets or reported values
    chart.legend.position = XL_LEGEND_POSITION.TOP
    chart.legend.include_in_layout = False
    plot = chart.plots[0]
    plot.gap_width = 60
    plot.overlap = 100  # one figure per column: series overlap so each column stands centred on its label
    chart.value_axis.has_major_gridlines = False
    chart.value_axis.visible = False
    chart.value_axis.minimum_scale = 0
    for series_index, kind in enumerate(kinds):
        series = plot.series[series_index]
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = COLOURS[kind]
        for point_index, fact in enumerate(facts):
            if fact.kind != kind:
                continue
            label = series.points[point_index].data_label
            label.position = XL_LABEL_POSITION.OUTSIDE_END
            frame_text = label.text_frame
            frame_text.text = fact.figure or fact.shown  # the unit is in the legend
            for run in frame_text.paragraphs[0].runs:
                run.font.size = Pt(SMALL_SIZE)
                run.font.bold = True
                set_fonts(run)
            if fact.year is None and kind != "standard":  # placed at its report year: hatched, so it does not read as dated
                point = series.points[point_index]
                point.format.fill.patterned()
                point.format.fill.pattern = MSO_PATTERN_TYPE.WIDE_UPWARD_DIAGONAL
                point.format.fill.fore_color.rgb = COLOURS[kind]
                point.format.fill.back_color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    space = chart._chartSpace
    _text_properties(space)
    for axis in space.iter(qn("c:catAx"), qn("c:valAx")):
        _text_properties(axis)
        body = axis.find(qn("c:txPr")).find(qn("a:bodyPr"))
        body.set("rot", "0")  # labels stay level (and wrap) instead of turning 45° and squeezing the columns
        body.set("vert", "horz")
    for legend in space.iter(qn("c:legend")):
        _text_properties(legend)
    return chart
