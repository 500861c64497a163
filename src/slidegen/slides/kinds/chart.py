"""A chart slide: the figure drawn by charts/ from a data selection, sized to the layout's
chart area, with alt text drafted from the data and the source from the metadata."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Literal

from pydantic import Field, model_validator

from ... import charts, fmt
from ...charts import ChartData, ChartError, Series
from ...charts.findings import join
from ...charts.kinds import NAMES as CHART_NAMES
from ...data.measures import datasets_of
from ...data.tables import Selection, build_table, resolve
from ...errors import SelectionError
from ...i18n import Translator
from ...spec.model import DataSlide, Text
from ...spec.selection import DataSelection, Dimension
from ..context import SlideContext, source_line, source_notes

if TYPE_CHECKING:
    from ..canvas import Canvas

DATA = True  # always a «Kilde:» line, from the datasets' metadata
MISSING_TEXT = fmt.MISSING_TEXT
MISSING_BORDER = "A0530B"  # the ochre of a placeholder slide: stands out, and is not a data colour
EMU_PER_INCH = 914400

ChartKind = Literal[CHART_NAMES]  # one value per module in charts/kinds/


class ChartSlide(DataSlide):
    """A chart drawn from data/ in the house style, with alt text drafted from the data."""

    kind: Literal["chart"]
    title: Text
    heading: Text | None = None
    subtitle: Text | None = Field(None, description="A line under the title, e.g. the unit.")
    chart: ChartKind = Field(description=", ".join(CHART_NAMES) + ".")
    form: Literal["locator", "choropleth"] | None = Field(
        None, description="map: locator (where the kommune is; without data) or choropleth "
                          "(a measure across kommuner; with data). Default: from data.")
    data: DataSelection | None = Field(None, description="The figures; only a locator map "
                                                         "has none.")
    x: Dimension = Field("period", description="What goes along the axis: period, kommune or "
                                               "measure.")
    series: Dimension = Field("measure", description="What the bars or lines are: measure, "
                                                     "kommune or period.")
    highlight: Text | None = Field(None, description="A kommune, year or series to show in "
                                                     "colour, the rest grey.")
    alt: Text | None = Field(None, description="Alt text; default: drafted from the data.")
    subtract: list[Text] = Field(default_factory=list, description="waterfall: the measures "
                                                                   "that count down (døde, "
                                                                   "utflytting).")
    end_label: Text | None = Field(None, description="waterfall: label of the computed end "
                                                     "bar.")
    render: Literal["picture", "native"] = Field(
        "picture", description="picture: drawn by matplotlib; native: an editable PowerPoint "
                               "chart with its data embedded.")

    @model_validator(mode="after")
    def _x_is_not_series(self) -> ChartSlide:
        if self.x == self.series:
            raise ValueError(f"x and series must differ, both are '{self.x}'")
        if (self.subtract or self.end_label) and self.chart != "waterfall":
            raise ValueError("'subtract' and 'end_label' belong to chart: waterfall")
        if self.form is not None and self.chart != "map":
            raise ValueError("'form' belongs to chart: map")
        if self.chart == "map" and self.form is None:  # frozen model: set as pydantic does
            object.__setattr__(self, "form", "locator" if self.data is None else "choropleth")
        if self.data is None and self.form != "locator":
            raise ValueError("'data' is missing: a chart shows figures from data/ (only "
                             "chart: map with form: locator has none)")
        if self.data is not None and self.form == "locator":
            raise ValueError("a locator map shows where a kommune is, from no figures: leave "
                             "out 'data', or use form: choropleth")
        return self


MODEL = ChartSlide


def needs(spec: ChartSlide) -> dict[str, set[str]]:
    roles = {"title", "chart"} | ({"heading"} if spec.heading else set())
    return {"chart": roles | ({"subtitle"} if spec.subtitle else set())}


def size_in_inches(shape) -> tuple[float, float]:
    """A chart area's size in inches: its picture is drawn to exactly this size, so a chart
    drawn ahead from the layout's placeholder is the one the slide asks the cache for."""
    return shape.width / EMU_PER_INCH, shape.height / EMU_PER_INCH


def all_missing(spec: ChartSlide, ctx: SlideContext) -> bool:
    """Whether the chart has no figure at all for the kommune (drawn as «Tall mangler»)."""
    chart = ctx.chart if ctx.chart is not None else chart_data(spec, ctx)
    return not chart.present()


def check(spec: ChartSlide, ctx: SlideContext) -> None:
    """What build refuses of the chart before drawing it: the chart kind's check of its
    figures (validate asks this; render meets the same refusal when it draws)."""
    kind = charts.KINDS[spec.chart]
    if spec.render == "native" and kind.NATIVE is None:
        raise SelectionError("render", _no_native(spec.chart))
    chart = ctx.chart if ctx.chart is not None else chart_data(spec, ctx)
    if chart.present():
        try:
            charts.KINDS[spec.chart].check(chart)
        except ChartError as exc:
            raise SelectionError("chart", str(exc)) from None


def render(spec: ChartSlide, new_slide, ctx: SlideContext) -> list[Canvas]:
    from pptx.oxml.ns import qn  # python-pptx only when rendering: the spec imports this module

    from ..native_chart import add_native_chart

    data = ctx.require_data()
    chart = ctx.chart if ctx.chart is not None else chart_data(spec, ctx)
    canvas = new_slide("chart")
    if spec.heading:
        canvas.text("heading", spec.heading)
    canvas.text("title", spec.title)
    if spec.subtitle:
        canvas.text("subtitle", spec.subtitle)
    area = canvas.shape("chart")
    try:
        if not chart.present():  # a kommune the source has no figures for: say so
            _missing_box(canvas, area, chart, ctx.tr)
            canvas.warnings.append(f"{canvas.where}: every figure in the chart is missing "
                                   f"(«{MISSING_TEXT}») for {chart.where}")
        elif spec.render == "native":
            if charts.KINDS[spec.chart].NATIVE is None:
                raise ChartError(_no_native(spec.chart))
            alt = spec.alt or charts.draft_alt_text(spec.chart, chart, ctx.tr)
            charts.KINDS[spec.chart].check(chart)
            add_native_chart(canvas.slide, spec.chart, chart,
                             (area.left, area.top, area.width, area.height), alt, spec.highlight)
        else:
            alt = spec.alt or charts.draft_alt_text(spec.chart, chart, ctx.tr)
            size = size_in_inches(area)
            painter = ctx.painter or charts.Painter(cache=False)
            png = painter.render(spec.chart, chart, *size, spec.highlight)
            canvas.charts.append(charts.cache_digest(spec.chart, chart, *size, spec.highlight))
            canvas.used.add(canvas.roles["chart"])
            picture = area.insert_picture(io.BytesIO(png))
            c_nv_pr = picture._element.find(".//" + qn("p:cNvPr"))
            c_nv_pr.set("descr", alt)
            c_nv_pr.set("name", f"Diagram {c_nv_pr.get('id')}")
    except ChartError as exc:
        raise SelectionError("chart", str(exc)) from None
    datasets = []
    if spec.data is not None:
        measures, _, _ = resolve(data, _selection(spec), ctx.kommune)
        datasets = datasets_of(measures, data.measures)
    figures = source_line(datasets, ctx.tr)
    credit = getattr(charts.KINDS[spec.chart], "SOURCE", None)  # a map: «Kart: Kartverket»
    if credit is None:
        canvas.default_source = figures
    else:  # «Kilde: SSB, tabell 07459. Kart: Kartverket», or the credit alone (a locator)
        canvas.default_source = ". ".join(
            ([ctx.tr("Kilde: {source}", source=figures)] if datasets else []) + [ctx.tr(credit)])
    canvas.data_notes = source_notes(datasets, ctx.tr)
    return [canvas]


def _no_native(kind: str) -> str:
    """Why a kind has no render: native, in the kind's own words where it has them."""
    return getattr(charts.KINDS[kind], "NATIVE_REFUSAL",
                   f"'{kind}' has no native PowerPoint chart; use render: picture")


def _missing_box(canvas: Canvas, area, chart: ChartData, tr: Translator) -> None:
    """«Tall mangler» where the chart would be, marked as a placeholder slide is: the source
    has no figures for this kommune, and nothing is drawn in their place."""
    from pptx.dml.color import RGBColor
    from pptx.enum.dml import MSO_LINE
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE

    from ..canvas import write_centred

    box = canvas.slide.shapes.add_textbox(area.left, area.top, area.width, area.height)
    box.name = f"Tall mangler {box.shape_id}"
    box.line.color.rgb = RGBColor.from_string(MISSING_BORDER)
    box.line.width = 25400  # 2 pt
    box.line.dash_style = MSO_LINE.DASH
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE  # the whole chart area, as the chart would be
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    write_centred(frame, canvas.language, [
        (tr(MISSING_TEXT), 28, True, None),
        (tr("Datagrunnlaget har ikke tall for {what} for {where}, {period}.", what=chart.what,
            where=chart.where, period=chart.period), 18, False, None)])


def _selection(spec: ChartSlide) -> Selection:
    return Selection(list(spec.data.measures), spec.data.kommuner, spec.data.region,
                     spec.data.periods)


def chart_data(spec: ChartSlide, ctx: SlideContext) -> ChartData:
    """The selection as categories (x) and series, computed like a table without totals."""
    data = ctx.require_data()
    kind = charts.KINDS[spec.chart]
    if spec.data is None:  # a locator map: no figures, the kommune is the deck's or highlight
        return kind.select(spec, data, [], [], {}, ctx.tr, kommune=ctx.kommune)
    sel = _selection(spec)
    select = getattr(kind, "select", None)  # a kind that reads data/ its own way (pyramid)
    if select is not None:
        return select(spec, data, *resolve(data, sel, ctx.kommune), ctx.tr)
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
    first_cell = table.rows[0][1][0]
    unit, decimals = first_cell.unit, first_cell.decimals
    reshape = getattr(kind, "reshape", None)  # a kind that shapes the figures (waterfall)
    if reshape is not None:
        # (categories, series), and (unit, decimals) when the shaping changes them
        categories, series, *shown_as = reshape(spec, data, measures, spans, series, ctx.tr)
        if shown_as:
            (unit, decimals), = shown_as
    # a group named as kommuner: or as region: is "distriktskommuner i Telemark" mid-sentence
    named = sel.kommuner or sel.region
    group = data.registry.group(named) if isinstance(named, str) else None
    where = (areas[0].name if len(areas) == 1 else
             ctx.tr.pick(group.names) if group else ctx.tr("{n} kommuner", n=len(areas)))
    spans_ = sorted(set(spans.values()))
    period = ", ".join(fmt.period(a, b) for a, b in spans_)
    what = join(ctx.tr, [m.label.lower() if i else m.label[0].lower() + m.label[1:]
                  for i, m in enumerate(measures)])
    return ChartData(categories, series, unit, decimals,
                     spec.x, spec.series, what, where[0].lower() + where[1:]
                     if group or len(areas) > 1 else where, period)

