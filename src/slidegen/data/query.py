"""Values of measures for areas and periods, computed with pandas from the stored rows.

A span of years (2014–2023) of a flow is the sum of its yearly rows when every year is there,
or the span total stored when the source gave only that; a missing part makes the result
missing, never a smaller sum.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

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
        group = registry.groups.get(str(region))
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
        members = registry.groups[ref].members if str(ref) in registry.groups else None
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
    oldest = max(int(d.rows["start"].min()) for d in datasets)
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
    if measure.dataset.meta.dimensions:
        split = " and ".join(measure.dataset.meta.dimensions)
        raise SelectionError("data.measures", f"'{measure.name}' is split by {split}: only "
                                              f"chart: pyramid shows it")
    measure.dataset.used_regions.update(areas)
    rows = measure.dataset.rows
    rows = rows[(rows["variable"] == measure.name) & rows["region"].isin(areas)]
    yearly = rows[rows["start"] == rows["end"]].set_index(["region", "start"])["value"]
    stored_spans = rows[rows["end"] > rows["start"]].set_index(["region", "start", "end"])[
        "value"]
    pieces = []
    for first, last in spans:
        years = pd.MultiIndex.from_product([areas, range(first, last + 1)],
                                           names=["region", "start"])
        # min_count: every year must be there, or the sum is missing
        summed = yearly.reindex(years).groupby(level="region", sort=False).sum(
            min_count=last - first + 1)
        if last > first:
            stored = stored_spans.xs((first, last), level=("start", "end"), drop_level=True) \
                if (first, last) in _spans_of(stored_spans) else pd.Series(dtype=float)
            summed = stored.reindex(areas).combine_first(summed.reindex(areas))
        index = pd.MultiIndex.from_tuples([(a, first, last) for a in areas],
                                          names=["region", "start", "end"])
        pieces.append(pd.Series(summed.reindex(areas).to_numpy(dtype=float), index=index))
    return pd.concat(pieces)


def _spans_of(series: pd.Series) -> set[Span]:
    if series.empty:
        return set()
    return set(zip(series.index.get_level_values("start"), series.index.get_level_values("end"),
                   strict=True))


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
