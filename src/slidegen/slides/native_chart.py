"""Editable PowerPoint charts (render: native): the data embedded in the file, Norwegian number
formats, and the house colours, for the kinds PowerPoint draws itself."""

from __future__ import annotations

import math

from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_TICK_LABEL_POSITION
from pptx.oxml.ns import qn
from pptx.util import Pt

from ..charts import KINDS, ChartData, ChartError
from ..charts.style import palette

FONT_PT = 16


def number_format(chart: ChartData) -> str:
    """Excel format codes; PowerPoint shows them with the reader's separators (1 050, 15,4 %)."""
    digits = "0" * chart.decimals
    base = "#,##0" + (f".{digits}" if digits else "")
    return base + '" %"' if chart.unit == "prosent" else base


def add_native_chart(slide, kind: str, chart: ChartData, box, alt: str, highlight):
    """The chart as the kind's native PowerPoint chart type (its NATIVE), styled as ours."""
    entry = KINDS[kind]
    if entry.NATIVE is None:
        raise ChartError(f"'{kind}' has no native PowerPoint chart; use render: picture")
    native_data = getattr(entry, "native_data", None)  # the kind's own order, if it has one
    given = native_data(chart) if native_data else chart
    categories, series = list(given.categories), list(given.series)
    from pptx.chart.data import CategoryChartData  # pulls in xlsxwriter: only when used

    data = CategoryChartData(number_format=number_format(chart))
    data.categories = categories
    for s in series:
        data.add_series(s.label, [None if math.isnan(v) else v for v in s.values])
    left, top, width, height = box
    frame = slide.shapes.add_chart(getattr(XL_CHART_TYPE, entry.NATIVE), left, top, width,
                                   height, data)
    frame._element.find(".//" + qn("p:cNvPr")).set("descr", alt)
    frame.name = f"Diagram {frame.shape_id}"
    _style(frame.chart, entry.NATIVE, chart, highlight, categories)
    _positive_axis_ids(frame.chart)
    return frame


def _positive_axis_ids(native) -> None:
    """python-pptx's chart templates number the axes with negative ids, which PowerPoint
    accepts but the OOXML schema does not (unsignedInt): use their absolute values, which stay
    distinct, so the file validates."""
    for element in native._chartSpace.iter(qn("c:axId"), qn("c:crossAx")):
        value = int(element.get("val"))
        if value < 0:
            element.set("val", str(-value))


def _style(pptx_chart, native: str, chart: ChartData, highlight, categories) -> None:
    """House colours, fonts and number formats, by the chart type's family (COLUMN_STACKED is
    a COLUMN chart), so a new kind drawn by a type we style needs nothing here."""
    family = native.split("_")[0]
    ring = family in ("PIE", "DOUGHNUT")
    colours, muted = palette()
    rgb = [RGBColor.from_string(c.lstrip("#")) for c in colours]
    pptx_chart.font.size = Pt(FONT_PT)
    pptx_chart.has_title = False  # the slide title says what the chart is
    pptx_chart.has_legend = len(chart.series) > 1 or ring
    if pptx_chart.has_legend:
        pptx_chart.legend.position = (XL_LEGEND_POSITION.RIGHT if ring
                                      else XL_LEGEND_POSITION.TOP)
        pptx_chart.legend.include_in_layout = False
    plot = pptx_chart.plots[0]
    if ring:
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
    if family in ("BAR", "COLUMN"):
        plot.gap_width = 60
        plot.has_data_labels = len(categories) * len(chart.series) <= 24
        if plot.has_data_labels:
            plot.data_labels.number_format = number_format(chart)
            plot.data_labels.number_format_is_linked = False
    for i, s in enumerate(plot.series):
        colour = rgb[i % len(rgb)]
        if family == "LINE":
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
