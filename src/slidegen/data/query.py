"""Values of measures for areas and periods, computed with pandas from the stored rows.

A span of years (2014–2023) of a flow is the sum of its yearly rows when every year is there,
or the span total stored when the source gave only that; a missing part makes the result
missing, never a smaller sum.
"""

from __future__ import annotations

from dataclasses import dataclass

from .._lazy import pandas as pd
from ..errors import SelectionError
from .measures import Measure, evaluate
from .periods import PeriodSpec, parse_period
from .registry import Registry

Span = tuple[int, int]


@dataclass(frozen=True)
class Area:
    """A kommune, or a group whose figures are stored for the group as a whole."""

    code: str
    name: str
    number: str | None

    def label(self, style: str = "name") -> str:
        return f"{self.number} {self.name}" if style == "number_name" and self.number else (
            self.name)


def resolve_areas(registry: Registry, kommuner, region, default) -> list[Area]:
    """The areas a selection names: kommuner (one, a list, groups expanded), or a region."""
    if kommuner is not None and region is not None:
        raise SelectionError("data", "give either 'kommuner' or 'region', not both")
    if region is not None:
        group = registry.group(str(region))
        if group is None:
            raise SelectionError("data.region", f"unknown group '{region}'; groups: "
                                                f"{', '.join(registry.groups)}")
        return [Area(group.id, group.name, None)]
    refs = kommuner if kommuner is not None else default
    if refs is None:
        raise SelectionError("data", "no kommuner selected: give 'kommuner' or 'region', or "
                                     "set 'kommune' for the deck")
    refs = refs if isinstance(refs, list) else [refs]
    areas: list[Area] = []
    for ref in refs:
        group = registry.group(str(ref))
        members = group.members if group else None
        try:
            found = ([registry.kommuner[m] for m in members] if members
                     else [registry.find(ref)])
        except LookupError as exc:
            raise SelectionError("data.kommuner", str(exc)) from None
        areas += [Area(k.number, k.name, k.number) for k in found
                  if k.number not in {a.code for a in areas}]
    if not areas:
        raise SelectionError("data.kommuner", "the selection has no kommuner")
    return areas


def resolve_span(measure: Measure, measures: dict[str, Measure], period: PeriodSpec) -> Span:
    """The years a period means for this measure; refuses years the data do not cover."""
    datasets = measure.datasets(measures)
    newest = min(d.newest_year for d in datasets)
    first, last = period.resolve(newest)
    oldest = max(d.oldest_year for d in datasets)
    if first < oldest or last > newest:
        covered = f"{oldest}–{newest}" if oldest != newest else str(newest)
        raise SelectionError("data.periods", f"{_span_text(first, last)} is outside the data "
                                             f"for '{measure.name}' ({covered})")
    return first, last


def values(measure: Measure, measures: dict[str, Measure], areas: list[str],
           spans: list[Span]) -> pd.Series:
    """The measure for each area and span, indexed by (region, start, end); NaN = missing."""
    if measure.formula is not None:
        parts = {n: values(measures[n], measures, areas, spans)
                 for n in _names(measure.formula)}
        return evaluate(measure.formula, parts)
    yearly, stored = _lookups(measure, areas)
    out = [_stored(yearly, stored, area, first, last) for first, last in spans for area in areas]
    index = pd.MultiIndex.from_tuples([(area, first, last) for first, last in spans
                                       for area in areas], names=["region", "start", "end"])
    return pd.Series(out, index=index, dtype=float)


def value(measure: Measure, measures: dict[str, Measure], area: str, span: Span) -> float:
    """One figure of values(), computed alike but without a Series: a figure in a text is one
    value, and building a pandas index for it cost more than the rest of a text slide."""
    if measure.formula is not None:
        parts = {n: value(measures[n], measures, area, span) for n in _names(measure.formula)}
        return float(evaluate(measure.formula, parts))
    yearly, stored = _lookups(measure, [area])
    return _stored(yearly, stored, area, *span)


def _lookups(measure: Measure, areas: list[str]) -> tuple[dict, dict]:
    if measure.dataset.meta.dimensions:
        split = " and ".join(measure.dataset.meta.dimensions)
        raise SelectionError("data.measures", f"'{measure.name}' is split by {split}: only "
                                              f"chart: pyramid shows it")
    measure.dataset.read(areas)
    return measure.dataset.lookups(measure.name)


def _stored(yearly: dict, stored: dict, area: str, first: int, last: int) -> float:
    # A span's sum counts only when all its years are there (a missing year makes the sum
    # missing, never smaller); the source's own total for a span comes first, where it gave
    # one. Plain Python: a selection is a few areas and years, and pandas' reindex and groupby
    # cost more than the sums.
    given = stored.get((area, first, last), float("nan"))
    return given if given == given else _span_sum(yearly, area, first, last)


def _span_sum(yearly: dict, area: str, first: int, last: int) -> float:
    """The years' sum, compensated as pandas sums (Kahan), or NaN if a year is missing."""
    total = compensation = 0.0
    for year in range(first, last + 1):
        value = yearly.get((area, year))
        if value is None or value != value:
            return float("nan")
        y = value - compensation
        t = total + y
        compensation = t - total - y
        if compensation != compensation:  # an infinite value: as pandas
            compensation = 0.0
        total = t
    return total


def _names(node) -> list[str]:
    import ast
    return sorted({n.id for n in ast.walk(node) if isinstance(n, ast.Name)})


def _span_text(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def parse_periods(value) -> PeriodSpec:
    try:
        return parse_period(value)
    except ValueError as exc:
        raise SelectionError("data.periods", str(exc)) from None
