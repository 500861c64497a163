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
    yearly, stored = measure.dataset.series(measure.name)
    # Every (area, span, year) asked for, looked up at once; a span's sum counts only when all
    # its years are there (a missing year makes the sum missing, never smaller).
    wanted = pd.DataFrame([(area, i, year) for i, (first, last) in enumerate(spans)
                           for area in areas for year in range(first, last + 1)],
                          columns=["region", "span", "year"])
    wanted["value"] = yearly.reindex(pd.MultiIndex.from_arrays(
        [wanted["region"], wanted["year"]])).to_numpy(dtype=float)
    groups = wanted.groupby(["span", "region"], sort=False)["value"]
    lengths = pd.Series([last - first + 1 for first, last in spans])
    sums, counts = groups.sum(), groups.count()
    complete = counts.to_numpy() == lengths.reindex(
        sums.index.get_level_values("span")).to_numpy()
    summed = sums.where(complete)
    index = pd.MultiIndex.from_tuples([(area, first, last) for first, last in spans
                                       for area in areas], names=["region", "start", "end"])
    result = pd.Series(summed.to_numpy(dtype=float), index=index)
    # The source's own total for a span, where it gave no years
    given = stored.reindex(index)
    return given.combine_first(result) if not stored.empty else result


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
