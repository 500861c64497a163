"""Editable PowerPoint charts (render: native): the data embedded in the file, Norwegian number
formats, and the house colours, for the kinds PowerPoint draws itself."""

from __future__ import annotations

import math

from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION
from pptx.oxml.ns import qn
from pptx.util import Pt

from ..charts import ChartData, ChartError
from ..charts.ranked import order
from ..charts.style import palette

TYPES = {
    "bar": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "grouped_bar": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "stacked_bar": XL_CHART_TYPE.COLUMN_STACKED,
    "ranked_bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
    "donut": XL_CHART_TYPE.DOUGHNUT,
}
FONT_PT = 16


def number_format(chart: ChartData) -> str:
    """Excel format codes; PowerPoint shows them with the reader's separators (1 050, 15,4 %)."""
    digits = "0" * chart.decimals
    base = "#,##0" + (f".{digits}" if digits else "")
    return base + '" %"' if chart.unit == "prosent" else base


def add_native_chart(slide, kind: str, chart: ChartData, box, alt: str, highlight):
    if kind not in TYPES:
        raise ChartError(f"'{kind}' has no native PowerPoint chart; use render: picture")
    if kind == "ranked_bar" and len(chart.series) > 1:
        raise ChartError("a native ranked_bar shows one measure; use render: picture for panels")
    categories, series = list(chart.categories), list(chart.series)
    if kind == "ranked_bar":  # PowerPoint draws bar charts bottom-up: reverse the ranking
        idx = order(chart)[::-1]
        categories = [chart.categories[i] for i in idx]
        series = [type(s)(s.label, tuple(s.values[i] for i in idx)) for s in series]
    from pptx.chart.data import CategoryChartData  # pulls in xlsxwriter: only when used

    data = CategoryChartData(number_format=number_format(chart))
    data.categories = categories
    for s in series:
        data.add_series(s.label, [None if math.isnan(v) else v for v in s.values])
    left, top, width, height = box
    frame = slide.shapes.add_chart(TYPES[kind], left, top, width, height, data)
    frame._element.find(".//" + qn("p:cNvPr")).set("descr", alt)
    frame.name = f"Diagram {frame.shape_id}"
    _style(frame.chart, kind, chart, highlight, categories)
    return frame


def _style(pptx_chart, kind: str, chart: ChartData, highlight, categories) -> None:
    colours, muted = palette()
    rgb = [RGBColor.from_string(c.lstrip("#")) for c in colours]
    pptx_chart.font.size = Pt(FONT_PT)
    pptx_chart.has_title = False  # the slide title says what the chart is
    pptx_chart.has_legend = len(chart.series) > 1 or kind == "donut"
    if pptx_chart.has_legend:
        pptx_chart.legend.position = (XL_LEGEND_POSITION.RIGHT if kind == "donut"
                                      else XL_LEGEND_POSITION.TOP)
        pptx_chart.legend.include_in_layout = False
    plot = pptx_chart.plots[0]
    if kind == "donut":
        for i, point in enumerate(plot.series[0].points):
            point.format.fill.solid()
            point.format.fill.fore_color.rgb = rgb[i % len(rgb)]
        plot.has_data_labels = True
        plot.data_labels.show_percentage = True
        plot.data_labels.show_value = False
        plot.data_labels.number_format = "0.0 %"  # a real % multiplies the fraction by 100
        plot.data_labels.number_format_is_linked = False
        plot.data_labels.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)  # >= 3:1 on every colour
        plot.data_labels.font.bold = True
        return
    # Labels at the low end, so negative bars never run over the kommune names.
    pptx_chart.category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    if kind in ("bar", "grouped_bar", "ranked_bar", "stacked_bar"):
        plot.gap_width = 60
        plot.has_data_labels = len(categories) * len(chart.series) <= 24
        if plot.has_data_labels:
            plot.data_labels.number_format = number_format(chart)
            plot.data_labels.number_format_is_linked = False
    for i, s in enumerate(plot.series):
        colour = rgb[i % len(rgb)]
        if kind == "line":
            s.format.line.color.rgb = colour
            s.format.line.width = Pt(3)
            s.smooth = False
            continue
        s.format.fill.solid()
        s.format.fill.fore_color.rgb = colour
        if highlight is not None:
            for j, category in enumerate(categories):
                if category != highlight and s.name != highlight:
                    s.points[j].format.fill.solid()
                    s.points[j].format.fill.fore_color.rgb = RGBColor.from_string(muted[1:])
    value_axis = pptx_chart.value_axis
    value_axis.tick_labels.number_format = number_format(chart)
    value_axis.tick_labels.number_format_is_linked = False
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = RGBColor(0xD9, 0xDE, 0xDC)
    value_axis.format.line.fill.background()
