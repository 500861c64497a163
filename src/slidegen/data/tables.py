"""Tables and single figures from a selection: rows and columns of computed values, with totals
computed from the parts shown (never copied), and only where summing means something."""

from __future__ import annotations

from dataclasses import dataclass, field

from .._lazy import pandas as pd
from ..errors import SelectionError
from . import Data
from .datasets import Dataset
from .measures import Measure, datasets_of
from .query import Area, Span, parse_periods, resolve_areas, resolve_span, value


@dataclass(frozen=True)
class Cell:
    """A computed value with what is needed to show it: unit and decimals."""

    value: float
    unit: str
    decimals: int


@dataclass
class TableData:
    """A table ready to format: header, body rows, an optional total row."""

    header: list[str]
    rows: list[tuple[str, list[Cell]]]
    total: tuple[str, list[Cell]] | None = None
    datasets: list[Dataset] = field(default_factory=list)


@dataclass(frozen=True)
class Selection:
    """What a slide asks for, as plain values from the spec."""

    measures: list[str]
    kommuner: object = None
    region: str | None = None
    periods: object = "siste år"


def _measures(data: Data, names: list[str]) -> list[Measure]:
    import difflib

    out = []
    for name in names:
        if name not in data.measures:
            close = difflib.get_close_matches(name, list(data.measures), n=1)
            hint = f" — did you mean '{close[0]}'?" if close else (
                f"; known: {', '.join(data.measures)}")
            raise SelectionError("data.measures", f"unknown measure '{name}'{hint}")
        out.append(data.measures[name])
    return out


def resolve(data: Data, sel: Selection, default_kommune):
    measures = _measures(data, sel.measures)
    areas = resolve_areas(data.registry, sel.kommuner, sel.region, default_kommune)
    period = parse_periods(sel.periods)
    spans = {m.name: resolve_span(m, data.measures, period) for m in measures}
    return measures, areas, spans


def build_table(data: Data, sel: Selection, rows: list[str], columns: list[str],
                total_row: str | None, total_column: str | None, kommune_label: str,
                default_kommune=None) -> TableData:
    measures, areas, spans = resolve(data, sel, default_kommune)
    used = rows + columns
    by_period = "period" in used
    if by_period and len(set(spans.values())) > 1:
        raise SelectionError("data.periods", "the measures cover different years ("
                             + ", ".join(f"{m}: {a}–{b}" for m, (a, b) in spans.items())
                             + "); choose absolute years or put them in separate tables")
    first_span = next(iter(spans.values()))
    periods = ([(y, y) for y in range(first_span[0], first_span[1] + 1)] if by_period
               else [first_span])
    if not by_period:
        for m in measures:
            a, b = spans[m.name]
            if b > a and not m.spans_years(data.measures):
                raise SelectionError("data.periods", f"'{m.name}' is a {m.kind}, not counted "
                                     f"over a period: it cannot be added up over {a}–{b}; put "
                                     f"'period' in rows or columns, or choose one year")
    sizes = {"kommune": len(areas), "measure": len(measures), "period": len(periods)}
    for dim, size in sizes.items():
        if size > 1 and dim not in used:
            raise SelectionError("rows", f"the selection has {size} {dim} values; put '{dim}' "
                                         f"in rows or columns")

    figures = _figures(data, measures, areas, periods, spans, by_period)
    labels = {
        "kommune": {a.code: a.label(kommune_label) for a in areas},
        "measure": {m.name: m.label for m in measures},
        "period": {p: _span_text(p) for p in periods},
    }
    order = {"kommune": [a.code for a in areas], "measure": [m.name for m in measures],
             "period": periods}
    row_keys = _product([order[d] for d in rows])
    col_keys = _product([order[d] for d in columns])
    by_measure = {m.name: m for m in measures}

    def cell(row_key, col_key) -> Cell:
        key = dict(zip(rows, row_key, strict=True)) | dict(zip(columns, col_key, strict=True))
        key.setdefault("kommune", areas[0].code)
        key.setdefault("measure", measures[0].name)
        key.setdefault("period", periods[0])
        m = by_measure[key["measure"]]
        figure = figures.get((key["kommune"], key["measure"], key["period"]), float("nan"))
        return Cell(float(figure), m.unit, m.decimals)

    body = [[cell(r, c) for c in col_keys] for r in row_keys]
    header_cells = [" ".join(labels[d][k] for d, k in zip(columns, key, strict=True))
                    for key in col_keys]
    corner = measures[0].label if "measure" not in used else ""
    table_rows = [(" ".join(labels[d][k] for d, k in zip(rows, key, strict=True)), cells)
                  for key, cells in zip(row_keys, body, strict=True)]
    if total_column:
        _check_summable(columns, measures, "total_column")
        header_cells.append(total_column)
        table_rows = [(label, cells + [_sum(cells)]) for label, cells in table_rows]
    total = None
    if total_row:
        _check_summable(rows, measures, "total_row")
        width = len(table_rows[0][1])
        total = (total_row, [_sum([r[1][i] for r in table_rows]) for i in range(width)])
    return TableData([corner] + header_cells, table_rows, total,
                     datasets_of(measures, data.measures))


def single_value(data: Data, sel: Selection, default_kommune=None
                 ) -> tuple[Cell, Measure, Area, Span]:
    """One figure: the selection must name one measure, one area and one period."""
    measures, areas, spans = resolve(data, sel, default_kommune)
    if len(measures) != 1 or len(areas) != 1:
        count, what = ((len(measures), "measures") if len(measures) != 1
                       else (len(areas), "kommuner"))
        raise SelectionError("data", f"a single figure needs one measure and one kommune or "
                                     f"region; found {count} {what}")
    m, area = measures[0], areas[0]
    span = spans[m.name]
    if span[1] > span[0] and not m.spans_years(data.measures):
        raise SelectionError("data.periods", f"'{m.name}' is a {m.kind}: choose one year, "
                                             f"not {span[0]}–{span[1]}")
    return Cell(value(m, data.measures, area.code, span), m.unit, m.decimals), m, area, span


def _figures(data, measures, areas, periods, spans, by_period) -> dict:
    """Each figure of the table by (kommune, measure, period), missing ones NaN. Plain Python,
    one value() per cell: a table is a few dozen cells, and the pandas frame it was built as
    (a MultiIndex per measure, a concat, an index) cost more than the sums themselves."""
    figures = {}
    for m in measures:
        for span in periods if by_period else [spans[m.name]]:
            shown_as = span if by_period else periods[0]
            for area in areas:
                figures[(area.code, m.name, shown_as)] = value(m, data.measures, area.code, span)
    return figures


def _check_summable(dims: list[str], measures: list[Measure], where: str) -> None:
    if not dims:
        raise SelectionError(where, "there is nothing to add up")
    if "measure" in dims:
        raise SelectionError(where, "different measures cannot be added up (e.g. "
                                    "innflytting + utflytting); total over kommuner or years")
    for m in measures:
        if m.kind == "share":
            raise SelectionError(where, f"'{m.name}' is a share ({m.unit}): shares cannot be "
                                        f"added up" if m.unit == "prosent" else
                                 f"'{m.name}' is measured in {m.unit}, which cannot be added up")
        if "period" in dims and m.kind == "stock":
            raise SelectionError(where, f"'{m.name}' is a level at a date, not counted over a "
                                        f"period: it cannot be added up over years")


def _sum(cells: list[Cell]) -> Cell:
    # Computed from the cells shown; a missing part makes the total missing, never smaller.
    series = pd.Series([c.value for c in cells], dtype=float)
    total = series.sum(min_count=len(series)) if series.notna().all() else float("nan")
    return Cell(float(total), cells[0].unit, cells[0].decimals)


def _product(lists: list[list]) -> list[tuple]:
    out: list[tuple] = [()]
    for values_ in lists:
        out = [prefix + (v,) for prefix in out for v in values_]
    return out


def _span_text(span: Span) -> str:
    first, last = span
    return str(first) if first == last else f"{first}–{last}"
