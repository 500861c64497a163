"""From SSB's cells to a dataset's rows: region codes to current kommunenummer, SSB's codes to
our variables, missing cells to SSB's symbols. Anything that does not fit the dataset's query is
a problem, never dropped or summed quietly."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..data.datasets import SSB_SYMBOLS, Dataset, is_figure
from ..data.registry import Registry
from ..data.ssb_query import SsbQuery
from ..errors import DataError, display_path
from .jsonstat import Cell, Cube

REGION_CODE = re.compile(r"^(?:[A-Z]{1,2}[-_])?(\d{4})$")  # 4016, K-4016, K_4016


@dataclass(frozen=True)
class NewRow:
    """A row as it will be stored: current kommunenummer, year, variable, value text."""

    region: str
    period: str
    variable: str
    value: str  # '4086', '15.43', or SSB's symbol for a missing figure ('..', ':', …)
    dims: tuple[str, ...] = ()

    @property
    def key(self) -> tuple:
        return (self.region, self.period, self.variable, *self.dims)


@dataclass
class Fetched:
    """What arrived for one dataset, ready to merge."""

    dataset: Dataset
    rows: list[NewRow]
    origin: str  # 'SSB table 07459' or the imported file
    query_used: dict | None = None  # the request, stored in the metadata as it was sent


def value_text(value: float | None, status: str | None) -> str:
    """As stored in the CSV: 4086, 15.43 (never 1.5e-07), or SSB's symbol when missing."""
    if value is None:
        return status if status in SSB_SYMBOLS else ".."
    if float(value).is_integer():
        return str(int(value))
    return format(Decimal(repr(float(value))), "f")


def rows_from_cubes(cubes: list[Cube], dataset: Dataset, registry: Registry,
                    where: str) -> list[NewRow]:
    """The dataset's rows in the cells of one or more cubes (pages of one answer)."""
    query = dataset.meta.query
    assert query is not None
    check_dimensions_match(dataset)
    order = list(dataset.meta.dimensions)
    problems: list[str] = []
    rows: dict[tuple, NewRow] = {}
    origin: dict[tuple, str] = {}
    for cube in cubes:
        _check_dimensions(cube, query, where, problems)
        if problems:
            break
        for cell in cube.cells:
            row = _row(cell, query, registry, where, problems, order)
            if row is None:
                continue
            code = cell.codes[query.region.dimension]
            earlier = rows.get(row.key)
            if earlier is not None and is_figure(earlier.value) and is_figure(row.value):
                problems.append(f"{where}: regions {origin[row.key]} and {code} both have a "
                                f"figure for {row.period} and are both kommune {row.region} "
                                f"today (merged, or numbered twice); their figures are not "
                                f"summed — check data/kommuner.csv, or use a code list that "
                                f"joins old and new numbers (query.region.codelist)")
                continue
            # An old number has no figure for years after it was replaced ('.') and the new
            # one none before: the one with a figure is the kommune's figure that year.
            if earlier is None or not is_figure(earlier.value):
                rows[row.key], origin[row.key] = row, code
    if not rows and not problems:
        problems.append(f"{where}: the answer holds no figures for {dataset.name}")
    problems += whole_persons(list(rows.values()), dataset, where)
    if problems:
        raise DataError("\n".join(dict.fromkeys(problems)))
    return list(rows.values())


def needed_dimensions(query: SsbQuery) -> set[str]:
    """SSB's dimensions a dataset's query uses: region, time, the variables' and its own."""
    return {query.region.dimension, query.time,
            *(d for v in query.variables.values() for d in v),
            *(e.dimension for e in query.dimensions.values())}


def _check_dimensions(cube: Cube, query: SsbQuery, where: str, problems: list[str]) -> None:
    have = {d.id for d in cube.dimensions}
    need = needed_dimensions(query)
    for dim in sorted(need - have):
        problems.append(f"{where}: the answer has no dimension '{dim}' (it has "
                        f"{', '.join(sorted(have))}); it does not match the dataset's query")
    for dim in cube.dimensions:
        if dim.id not in need and len(dim.codes) > 1:
            problems.append(f"{where}: the answer splits the figures by '{dim.id}' "
                            f"({', '.join(dim.codes[:4])}…), which the dataset does not have")


def _row(cell: Cell, query: SsbQuery, registry: Registry, where: str,
         problems: list[str], order: list[str]) -> NewRow | None:
    variable = next((name for name, codes in query.variables.items()
                     if all(cell.codes.get(d) == c for d, c in codes.items())), None)
    if variable is None:
        if not any(cell.codes.get(d) in {v[d] for v in query.variables.values() if d in v}
                   for d in {d for v in query.variables.values() for d in v}):
            wanted = "; ".join(f"{n}: {c}" for n, c in query.variables.items())
            found = ", ".join(f"{d}={cell.codes.get(d)}" for d in
                              sorted({d for v in query.variables.values() for d in v}))
            problems.append(f"{where}: the answer has {found}, which is none of the dataset's "
                            f"variables ({wanted})")
        return None  # a combination the query did not ask for as a variable
    code = cell.codes[query.region.dimension]
    match = REGION_CODE.match(code)
    region = registry.current_number(match.group(1)) if match else None
    if region is None:
        split = registry.split_message(match.group(1)) if match else None
        problems.append(f"{where}: region '{code}': {split}" if split else
                        f"{where}: region '{code}' is not a kommune in data/kommuner.csv")
        return None
    year = cell.codes[query.time]
    if not re.fullmatch(r"\d{4}", year):
        problems.append(f"{where}: {query.time} '{year}': expected a year such as 2024")
        return None
    dims = {}
    for name, extra in query.dimensions.items():
        ssb_code = cell.codes[extra.dimension]
        if ssb_code not in extra.codes:
            problems.append(f"{where}: {extra.dimension} '{ssb_code}' is not one of "
                            f"{', '.join(extra.codes)}")
            return None
        dims[name] = extra.codes[ssb_code]
    # in the order of the CSV's columns (the metadata's dimensions), whatever the query's order
    return NewRow(region, year, variable, value_text(cell.value, cell.status),
                  tuple(dims[name] for name in order))


def whole_persons(rows: list[NewRow], dataset: Dataset, where: str) -> list[str]:
    """A count of people with a fraction is a misread figure ('4.090' with a thousands dot)."""
    out = []
    for row in rows:
        unit = dataset.meta.variables[row.variable].unit
        if unit == "personer" and is_figure(row.value) and not float(row.value).is_integer():
            out.append(f"{where}: {row.region} {row.period} {row.variable}: expected a whole "
                       f"number of people, found {row.value}")
    return out[:10]


def check_dimensions_match(dataset: Dataset) -> None:
    """The query must fill exactly the dataset's extra columns, no more and no fewer."""
    query = dataset.meta.query
    if query is not None and set(query.dimensions) != set(dataset.meta.dimensions):
        raise DataError(f"{display_path(dataset.file.with_suffix('.yaml'))}: query.dimensions "
                        f"({', '.join(query.dimensions) or 'none'}) must name the dataset's "
                        f"dimensions ({', '.join(dataset.meta.dimensions) or 'none'})")
