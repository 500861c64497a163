"""Summing a dimension out of a downloaded table, when asked: `slidegen data import FILE --sum
alder` turns a file split by age into the figures per region, year and variable that a dataset
without age holds.

The sum is computed here from the parts, never taken from SSB: a category that is SSB's own total
of the dimension («Begge kjønn», «Both sexes», «I alt», «Alle aldre») is left out, so nothing is
counted twice. A part that is missing (SSB's '.', '..', ':' …) makes the sum missing, never
smaller, and a figure whose parts are not all in the file is refused. Whether the variables may
be summed at all (stocks and flows, never shares) is checked on the rows they become.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..data.datasets import SSB_SYMBOLS
from ..errors import DataError
from .jsonstat import Cell, Cube
from .labels import age_range, is_total, names_match
from .rows import value_text


@dataclass(frozen=True)
class Summed:
    """What one --sum did: the dimension as the file names it, how many parts were added."""

    dimension: str
    parts: int
    totals: tuple[str, ...] = ()  # SSB's totals found in the file and left out

    def note(self) -> str:
        left_out = "".join(f"; SSB's total «{t}» left out (the parts are summed)"
                           for t in self.totals)
        return f"summed over {self.dimension}: {self.parts} groups{left_out}"


def sum_cube(cube: Cube, wanted: str, used: set[str], where: str) -> tuple[Cube, Summed]:
    """The cube without the dimension `wanted` names, each cell the sum of its parts; `used`
    are the dimensions the dataset's query needs (those are never summed)."""
    dim = next((d for d in cube.dimensions if names_match(wanted, d.id, d.label)), None)
    if dim is None:
        have = ", ".join(f"{d.id} ({d.label})" for d in cube.dimensions)
        raise DataError(f"{where}: --sum {wanted}: the file has no such dimension; it has "
                        f"{have}")
    if dim.id in used:
        raise DataError(f"{where}: --sum {wanted}: {dim.id} is one the dataset's query uses "
                        f"(region, year, variables or its own columns); it cannot be summed out")
    parts, totals = _parts(dim.codes, dim.labels, dim.label, where)
    keys = [d.id for d in cube.dimensions if d is not dim]
    frame = pd.DataFrame([{**c.codes, "value": c.value, "symbol": c.status, "order": i}
                          for i, c in enumerate(cube.cells)],
                         columns=[*keys, dim.id, "value", "symbol", "order"])
    summed = _sum(frame, keys, dim.id, dim.label, parts, where, lines=False)
    cells = tuple(Cell(dict(zip(keys, key, strict=True)),
                       None if pd.isna(value) else float(value), symbol)
                  for *key, value, symbol, _order in summed.itertuples(index=False))
    return (Cube(cube.table, tuple(d for d in cube.dimensions if d is not dim), cells),
            Summed(dim.label, len(parts), tuple(dim.labels[c] for c in totals)))


def sum_csv(header: list[str], records: list[tuple[int, list]], values_from: int,
            wanted: str, used: set[str], where: str
            ) -> tuple[list[str], list[tuple[int, list]], Summed]:
    """The CSV's header and records without the column `wanted` names, each figure the sum of
    its parts; columns from `values_from` on are figures, `used` the headings kept as they are."""
    column = next((i for i in range(values_from) if names_match(wanted, header[i])), None)
    if column is None:
        raise DataError(f"{where}:1: --sum {wanted}: the file has no such column; it has "
                        f"{', '.join(header[:values_from])}")
    if names_match(header[column], *used):
        raise DataError(f"{where}:1: --sum {wanted}: '{header[column]}' is the region, the "
                        f"year or the variable; it cannot be summed out")
    categories = list(dict.fromkeys(fields[column] for _, fields in records))
    parts, totals = _parts(categories, {c: c for c in categories}, header[column], where)
    stub = [f"c{i}" for i in range(values_from) if i != column]
    long = []
    for line, fields in records:
        key = [fields[i] for i in range(values_from) if i != column]
        for j in range(values_from, len(header)):
            figure = _figure(fields[j])
            long.append([*key, j, fields[column], figure, None if figure is not None
                         else fields[j], line])
    frame = pd.DataFrame(long, columns=[*stub, "column", "part", "value", "symbol", "order"])
    summed = _sum(frame, [*stub, "column"], "part", header[column], parts, where, lines=True)
    out: dict[tuple, tuple[int, list]] = {}
    for *key, j, value, symbol, line in summed.itertuples(index=False):
        first, fields = out.setdefault(tuple(key), (line, [*key, *[""] * (len(header) -
                                                                          values_from)]))
        fields[len(stub) + j - values_from] = (symbol if pd.isna(value) else
                                               value_text(float(value), None))
        out[tuple(key)] = (min(first, line), fields)
    return ([h for i, h in enumerate(header) if i != column], sorted(out.values()),
            Summed(header[column], len(parts), tuple(totals)))


def _parts(codes, labels: dict[str, str], name: str, where: str) -> tuple[list[str], list[str]]:
    totals = [c for c in codes if is_total(labels[c])]
    parts = [c for c in codes if c not in totals]
    ranges = sorted((age_range(labels[c]), labels[c]) for c in parts)
    if ranges and all(r is not None for r, _ in ranges):  # age groups: none may overlap
        for (before, first), (after, second) in zip(ranges, ranges[1:], strict=False):
            if after[0] <= before[1]:
                raise DataError(f"{where}: --sum {name}: the groups «{first}» and «{second}» "
                                f"overlap, so their sum would count people twice; download "
                                f"single years or groups that do not overlap")
    if not parts:
        raise DataError(f"{where}: --sum {name}: the file has only SSB's total "
                        f"({', '.join(labels[c] for c in totals)}), no parts to sum; import it "
                        f"without --sum {name}")
    return parts, totals


def _sum(frame: pd.DataFrame, keys: list[str], dim: str, name: str, parts: list[str],
         where: str, lines: bool) -> pd.DataFrame:
    """Per key: the sum of the parts (NaN when one is missing), SSB's symbol for a missing
    sum, and the first position it came from (a CSV's line when `lines`)."""
    frame = frame[frame[dim].isin(parts)].copy()
    frame["missing"] = frame["value"].isna()
    grouped = frame.groupby(keys, sort=False, dropna=False)
    out = grouped.agg(value=("value", "sum"), missing=("missing", "any"), n=(dim, "size"),
                      distinct=(dim, "nunique"), order=("order", "min")).reset_index()
    for row in out[(out["distinct"] < len(parts)) | (out["n"] > out["distinct"])].itertuples():
        what = " ".join(str(getattr(row, k)) for k in keys if k != "column")
        problem = (f"has {row.distinct} of the {len(parts)} {name} groups; a sum without the "
                   f"others would be too small" if row.distinct < len(parts) else
                   f"has a {name} group twice")
        raise DataError(f"{where}{f':{row.order}' if lines else ''}: {what} {problem}")
    if not frame["missing"].any():
        out["symbol"] = None
        return out.sort_values("order", kind="stable")[[*keys, "value", "symbol", "order"]]
    symbols = (frame[frame["missing"]].groupby(keys, sort=False, dropna=False)["symbol"]
               .agg(lambda s: s.iloc[0] if s.nunique(dropna=False) == 1 else "..")
               .rename("symbol").reset_index())
    out = out.merge(symbols, on=keys, how="left")
    out.loc[out["missing"], "value"] = float("nan")
    out["value"] = out["value"].round(10)  # 0.1 + 0.2 is 0.3, not 0.30000000000000004
    out["symbol"] = [s if m and s in SSB_SYMBOLS else (".." if m else None)
                     for s, m in zip(out["symbol"], out["missing"], strict=True)]
    return out.sort_values("order", kind="stable")[[*keys, "value", "symbol", "order"]]


def _figure(text: str) -> float | None:
    if text in SSB_SYMBOLS:
        return None
    return float(text.replace(" ", "").replace("\u00a0", "").replace(",", "."))
