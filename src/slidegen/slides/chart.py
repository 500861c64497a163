"""A chart slide: the figure drawn by charts/ from a data selection, sized to the layout's
chart area, with alt text drafted from the data and the source from the metadata."""

from __future__ import annotations

from pptx.oxml.ns import qn

from .. import charts, fmt
from ..charts import ChartData, ChartError, Series
from ..data.tables import Selection, build_table, resolve
from ..errors import SelectionError
from ..spec.data_kinds import ChartSlide
from .canvas import Canvas
from .context import SlideContext, source_line, source_notes

EMU_PER_INCH = 914400


def needs(spec: ChartSlide) -> dict[str, set[str]]:
    roles = {"title", "chart"} | ({"heading"} if spec.heading else set())
    return {"chart": roles | ({"subtitle"} if spec.subtitle else set())}


def render(spec: ChartSlide, new_slide, ctx: SlideContext) -> list[Canvas]:
    data = ctx.require_data()
    chart = chart_data(spec, ctx)
    canvas = new_slide("chart")
    if spec.heading:
        canvas.text("heading", spec.heading)
    canvas.text("title", spec.title)
    if spec.subtitle:
        canvas.text("subtitle", spec.subtitle)
    area = canvas.slide.placeholders[canvas.roles["chart"]]
    try:
        png = charts.render(spec.chart, chart, area.width / EMU_PER_INCH,
                            area.height / EMU_PER_INCH, spec.highlight)
    except ChartError as exc:
        raise SelectionError("chart", str(exc)) from None
    canvas.used.add(canvas.roles["chart"])
    import io

    picture = area.insert_picture(io.BytesIO(png))
    c_nv_pr = picture._element.find(".//" + qn("p:cNvPr"))
    c_nv_pr.set("descr", spec.alt or charts.draft_alt_text(spec.chart, chart))
    c_nv_pr.set("name", f"Diagram {c_nv_pr.get('id')}")
    sel = _selection(spec)
    measures, _, _ = resolve(data, sel, ctx.kommune)
    datasets = list({d.name: d for m in measures for d in m.datasets(data.measures)}.values())
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
    try:
        table = build_table(data, sel, [spec.series], [spec.x], None, None, "name", ctx.kommune)
    except SelectionError as exc:
        if exc.field == "rows":  # the table's words for what a chart calls x and series
            raise SelectionError("series", exc.detail.replace("in rows or columns",
                                                              "on x or series")) from None
        raise
    measures, areas, spans = resolve(data, sel, ctx.kommune)
    series = tuple(Series(label, tuple(c.value for c in cells)) for label, cells in table.rows)
    if not any(v == v for s in series for v in s.values):
        raise SelectionError("data", "the selection gives no figures at all: every value is "
                                     "missing")
    first_cell = table.rows[0][1][0]
    group = data.registry.groups.get(str(sel.kommuner)) if sel.kommuner else None
    where = (areas[0].name if len(areas) == 1 else
             group.name if group else f"{len(areas)} kommuner")
    spans_ = sorted(set(spans.values()))
    period = ", ".join(fmt.period(a, b) for a, b in spans_)
    what = _join([m.label.lower() if i else m.label[0].lower() + m.label[1:]
                  for i, m in enumerate(measures)])
    return ChartData(tuple(table.header[1:]), series, first_cell.unit, first_cell.decimals,
                     spec.x, spec.series, what, where[0].lower() + where[1:]
                     if group or len(areas) > 1 else where, period)


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " og " + items[-1]
