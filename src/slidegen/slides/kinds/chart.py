"""A chart slide: the figure drawn by charts/ from a data selection, sized to the layout's
chart area, with alt text drafted from the data and the source from the metadata."""

from __future__ import annotations

import io

from pptx.oxml.ns import qn

from .. import charts, fmt
from ..charts import ChartData, ChartError, Series
from ..charts.findings import join
from ..data.measures import datasets_of
from ..data.tables import Selection, build_table, resolve
from ..errors import SelectionError
from ..spec.data_kinds import ChartSlide
from .canvas import Canvas
from .context import SlideContext, source_line, source_notes
from .native_chart import add_native_chart

EMU_PER_INCH = 914400


def needs(spec: ChartSlide) -> dict[str, set[str]]:
    roles = {"title", "chart"} | ({"heading"} if spec.heading else set())
    return {"chart": roles | ({"subtitle"} if spec.subtitle else set())}


def render(spec: ChartSlide, new_slide, ctx: SlideContext) -> list[Canvas]:
    data = ctx.require_data()
    chart = ctx.chart if ctx.chart is not None else chart_data(spec, ctx)
    canvas = new_slide("chart")
    if spec.heading:
        canvas.text("heading", spec.heading)
    canvas.text("title", spec.title)
    if spec.subtitle:
        canvas.text("subtitle", spec.subtitle)
    area = canvas.shape("chart")
    alt = spec.alt or charts.draft_alt_text(spec.chart, chart)
    try:
        if spec.render == "native":
            charts.KINDS[spec.chart].check(chart)
            add_native_chart(canvas.slide, spec.chart, chart,
                             (area.left, area.top, area.width, area.height), alt, spec.highlight)
        else:
            size = (area.width / EMU_PER_INCH, area.height / EMU_PER_INCH)
            png = charts.render(spec.chart, chart, *size, spec.highlight)
            canvas.charts.append(charts.cache_digest(spec.chart, chart, *size, spec.highlight))
            canvas.used.add(canvas.roles["chart"])
            picture = area.insert_picture(io.BytesIO(png))
            c_nv_pr = picture._element.find(".//" + qn("p:cNvPr"))
            c_nv_pr.set("descr", alt)
            c_nv_pr.set("name", f"Diagram {c_nv_pr.get('id')}")
    except ChartError as exc:
        raise SelectionError("chart", str(exc)) from None
    sel = _selection(spec)
    measures, _, _ = resolve(data, sel, ctx.kommune)
    datasets = datasets_of(measures, data.measures)
    canvas.default_source = source_line(datasets)
    canvas.data_notes = source_notes(datasets)
    return [canvas]


def _selection(spec: ChartSlide) -> Selection:
    return Selection(list(spec.data.measures), spec.data.kommuner, spec.data.region,
                     spec.data.periods)


def chart_data(spec: ChartSlide, ctx: SlideContext) -> ChartData:
    """The selection as categories (x) and series, computed like a table without totals."""
    data = ctx.require_data()
    sel = _selection(spec)
    kind = charts.KINDS[spec.chart]
    select = getattr(kind, "select", None)  # a kind that reads data/ its own way (pyramid)
    if select is not None:
        return select(spec, data, *resolve(data, sel, ctx.kommune))
    try:
        table = build_table(data, sel, [spec.series], [spec.x], None, None, "name", ctx.kommune)
    except SelectionError as exc:
        if exc.field == "rows":  # the table's words for what a chart calls x and series
            raise SelectionError("series", exc.detail.replace("in rows or columns",
                                                              "on x or series")) from None
        raise
    measures, areas, spans = resolve(data, sel, ctx.kommune)
    series = tuple(Series(label, tuple(c.value for c in cells)) for label, cells in table.rows)
    categories = tuple(table.header[1:])
    reshape = getattr(kind, "reshape", None)  # a kind that shapes the figures (waterfall)
    if reshape is not None:
        categories, series = reshape(spec, data, measures, spans, series)
    if not any(v == v for s in series for v in s.values):
        raise SelectionError("data", "the selection gives no figures at all: every value is "
                                     "missing")
    first_cell = table.rows[0][1][0]
    # a group named as kommuner: or as region: is "distriktskommuner i Telemark" mid-sentence
    named = sel.kommuner or sel.region
    group = data.registry.group(named) if isinstance(named, str) else None
    where = (areas[0].name if len(areas) == 1 else
             group.name if group else f"{len(areas)} kommuner")
    spans_ = sorted(set(spans.values()))
    period = ", ".join(fmt.period(a, b) for a, b in spans_)
    what = join([m.label.lower() if i else m.label[0].lower() + m.label[1:]
                  for i, m in enumerate(measures)])
    return ChartData(categories, series, first_cell.unit, first_cell.decimals,
                     spec.x, spec.series, what, where[0].lower() + where[1:]
                     if group or len(areas) > 1 else where, period)

