"""A map of kommuner, drawn from Kartverket's boundaries (charts/geo.py), in two forms:

    chart: map                      # form: locator — where the kommune is
    highlight: "{{ kommune.name }}" # default: the deck's kommune

the kommune in colour inside its fylke, its neighbours outlined and named, an inset of Norway
with the fylke marked; and

    chart: map
    form: choropleth                # a measure across kommuner, in classes
    data: {kommuner: distriktskommuner-telemark, measures: befolkning, periods: 2014–2024}
    highlight: Tinn                 # outlined

A level over several years (befolkning 2014–2024) is shown as its change in per cent from the
first year to the last, on a diverging scale, as is any signed measure (netto_flytting); a flow
over several years is their sum; kommuner without a figure are hatched and named in the legend.
PowerPoint has no map chart python-pptx can write: render: native is refused.
"""

from __future__ import annotations

import math

from ...errors import SelectionError
from ...i18n import N_
from .. import geo
from ..findings import join
from ..model import ChartData, ChartError, MapData, Series
from ..style import value_text

ALT_NAME = N_("Kart")
NATIVE = None
NATIVE_REFUSAL = ("PowerPoint has no map chart that python-pptx can write (its map charts "
                  "need Bing's geodata); use render: picture")
SOURCE = N_("Kart: Kartverket")
POSITIONS = {"nord": N_("nord i fylket"), "nordøst": N_("nordøst i fylket"),
             "øst": N_("øst i fylket"), "sørøst": N_("sørøst i fylket"),
             "sør": N_("sør i fylket"), "sørvest": N_("sørvest i fylket"),
             "vest": N_("vest i fylket"), "nordvest": N_("nordvest i fylket"),
             "midt": N_("midt i fylket")}


def check(chart: ChartData) -> None:
    if not isinstance(chart, MapData):
        raise ChartError("a map is drawn from kommuner: give 'chart: map' its kommuner in "
                         "data, or none for a locator map")
    if chart.form == "choropleth" and len(chart.series) != 1:
        raise ChartError("a choropleth map shows one measure")


def select(spec, data, measures, areas, spans, tr, kommune=None) -> MapData:
    """The map's kommuner and figures: the marked kommune and its fylke (locator), or one
    figure per kommune of the selection, computed with pandas (choropleth)."""
    registry = data.registry
    marked = _kommune(registry, spec.highlight or (kommune if spec.form == "locator"
                                                   else None))
    if spec.form == "locator":
        if marked is None:
            raise SelectionError("highlight", "a locator map shows one kommune: give "
                                              "'highlight', or set 'kommune' for the deck")
        fylke = [k.number for k in registry.kommuner.values() if k.fylke == marked.fylke]
        neighbours = tuple((k.number, k.name, k.fylke) for k in sorted(
            (registry.kommuner[n] for n in geo.geometry().neighbours[geo.geometry().index[
                marked.number]]), key=lambda k: k.name))
        return MapData((marked.name,), (Series(marked.name, (math.nan,)),), "", 0, "kommune",
                       "measure", tr("kart"), marked.fylke, "2024", form="locator",
                       codes=(marked.number,), region=tuple(fylke), region_name=marked.fylke,
                       marked=marked.number, neighbours=neighbours, fylke=marked.fylke,
                       position=geo.position(marked.number, fylke), geometry=geo.digest(),
                       language=tr.language)
    return _choropleth(spec, data, measures, areas, spans, tr, marked)


def _kommune(registry, ref):
    if ref is None:
        return None
    try:
        return registry.find(ref)
    except LookupError as exc:
        raise SelectionError("highlight", str(exc)) from None


def _choropleth(spec, data, measures, areas, spans, tr, marked) -> MapData:
    from ...data.query import values  # pandas: only in the process that reads data/

    if len(measures) != 1:
        raise SelectionError("data.measures", "a choropleth map shows one measure")
    if any(a.number is None for a in areas):
        raise SelectionError("data.region", "a map shows kommuner: name them (or their group) "
                                            "in 'kommuner', not 'region'")
    measure = measures[0].in_language(tr.language)
    first, last = spans[measure.name]
    codes = [a.code for a in areas]
    change = last > first and not measure.spans_years(data.measures)
    if change and measure.kind == "share":
        raise SelectionError("data.periods", f"'{measure.name}' is a share: its change in per "
                                             f"cent of itself says little; choose one year")
    period = f"{first}–{last}" if last > first else str(first)
    if change:  # a level over years: its change from the first year to the last, in per cent
        both = values(measure, data.measures, codes, [(first, first), (last, last)])
        start = both.xs((first, first), level=("start", "end"))
        end = both.xs((last, last), level=("start", "end"))
        shown = ((end / start.where(start != 0) - 1) * 100).reindex(codes)
        unit, decimals, signed = "prosent", 1, True
        label = tr("Endring {period}, prosent", period=period)
        what = tr("endring i {what}", what=_lower(measure.label))
    else:
        shown = values(measure, data.measures, codes, [(first, last)]).droplevel(
            ["start", "end"]).reindex(codes)
        unit, decimals, signed = measure.unit, measure.decimals, measure.signed
        label = f"{measure.label}, {period}"
        what = _lower(measure.label)
    if marked is not None and marked.number not in codes:
        raise SelectionError("highlight", f"'{marked.name}' is not one of the kommuner on the "
                                          f"map")
    named = spec.data.kommuner
    group = data.registry.group(named) if isinstance(named, str) else None
    where = (areas[0].name if len(areas) == 1 else _lower(tr.pick(group.names)) if group
             else tr("{n} kommuner", n=len(areas)))
    fylker = {data.registry.kommuner[c].fylke for c in codes}
    region = tuple(k.number for k in data.registry.kommuner.values() if k.fylke in fylker)
    return MapData(tuple(a.name for a in areas),
                   (Series(label, tuple(float(v) for v in shown.tolist())),), unit, decimals,
                   "kommune", "measure", what, where, period, form="choropleth",
                   codes=tuple(codes), region=region, region_name=where,
                   marked=marked.number if marked else None, signed=signed,
                   geometry=geo.digest(), language=tr.language)


def _lower(text: str) -> str:
    return text[0].lower() + text[1:] if text else text


def draw(fig, chart: MapData, highlight: str | None, tr=None) -> dict:
    """The map on fig (charts/mapdraw.py); the highlight is in the map's data already."""
    from ...i18n import translator
    from ..mapdraw import draw as draw_map

    return draw_map(fig, chart, tr or translator(chart.language))


def show(chart: MapData, value: float) -> str:
    return value_text(value, chart.unit, chart.decimals) if not chart.signed else (
        ("+" if round(value, chart.decimals) > 0 else "") + value_text(value, chart.unit,
                                                                        chart.decimals))


def findings(chart: MapData, tr) -> list[str]:
    """Locator: where the kommune lies and what it borders; choropleth: the highest and
    lowest kommune, and the marked one's figure."""
    if chart.form == "locator":
        name = chart.categories[0]
        others = [n if f == chart.fylke else f"{n} ({f})" for _, n, f in chart.neighbours]
        where = tr(POSITIONS[chart.position]) if chart.position else None
        if others and where:
            return [tr("{name} er markert, {position}, og grenser til {neighbours}.",
                       name=name, position=where, neighbours=join(tr, others))]
        if others:
            return [tr("{name} er markert og grenser til {neighbours}.", name=name,
                       neighbours=join(tr, others))]
        return [tr("{name} er markert, {position}.", name=name, position=where) if where
                else tr("{name} er markert.", name=name)]
    pairs = [(c, v) for c, v in zip(chart.categories, chart.series[0].values, strict=True)
             if v == v]
    out = []
    if len(pairs) > 1:
        high, low = max(pairs, key=lambda p: p[1]), min(pairs, key=lambda p: p[1])
        out.append(tr("Høyest i {high} ({high_value}), lavest i {low} ({low_value}).",
                      high=high[0], high_value=show(chart, high[1]), low=low[0],
                      low_value=show(chart, low[1])))
    if chart.marked:
        name, value = next((c, v) for c, v, n in zip(chart.categories, chart.series[0].values,
                                                      chart.codes, strict=True)
                           if n == chart.marked)
        out.append(tr("{name} er markert ({value}).", name=name, value=show(chart, value))
                   if value == value else tr("{name} er markert.", name=name))
    return out


def alt_text(chart: MapData, tr) -> str:
    """«Kart over Telemark. Tinn er markert, nord i fylket, og grenser til …»."""
    if chart.form == "locator":
        head = tr("Kart over {region}.", region=chart.region_name)
    else:
        head = tr("Kart over {where}: {what}, {period}.", where=chart.region_name,
                  what=chart.what, period=chart.period)
    missing = [c for c, v in zip(chart.categories, chart.series[0].values, strict=True)
               if v != v] if chart.form == "choropleth" else []
    tail = [tr("Tall mangler for {what}.", what=join(tr, missing))] if missing else []
    return " ".join([head, *findings(chart, tr), *tail])
