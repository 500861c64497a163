"""Merging fetched rows into a dataset's CSV text, and what changed.

Rows keep their place in the file (a refreshed figure is changed where it stands), a new year is
put right after the last row of its series, and a stored span total ('2014-2023') whose every year
now has its own row is removed — the total is computed from the years from then on — with both
figures in the report when they differ.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from ..data.datasets import PERIOD, Dataset, is_figure
from ..data.registry import Registry
from ..files import utf8_or_error
from .rows import NewRow


@dataclass
class Changes:
    """What a merge did to one dataset."""

    added: list[NewRow] = field(default_factory=list)
    changed: list[tuple[NewRow, str]] = field(default_factory=list)  # (new row, old value)
    unchanged: int = 0
    totals_replaced: list[str] = field(default_factory=list)
    untouched: int = 0  # stored rows the fetch did not cover (other regions, earlier years)
    new_periods: list[str] = field(default_factory=list)  # years the dataset did not have

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.totals_replaced)


def merge_csv(dataset: Dataset, new_rows: list[NewRow], registry: Registry
              ) -> tuple[str, Changes]:
    """The dataset's CSV text with new_rows merged in, and the changes made."""
    dims = list(dataset.meta.dimensions)
    header, rows = (_read(dataset.file) if dataset.file.exists()
                    else (["region", "period", "variable", *dims, "value"], []))
    incoming = {r.key: r for r in new_rows}
    changes = Changes()
    seen: set[tuple] = set()

    def key_of(row: dict) -> tuple:
        region = registry.current_number(row["region"]) or row["region"].strip()
        return (region, _period(row["period"]), row["variable"].strip(),
                *(row[d].strip() for d in dims))

    for row in rows:
        key = key_of(row)
        new = incoming.get(key)
        if new is None:
            changes.untouched += 1
            continue
        seen.add(key)
        if _same(row["value"], new.value):
            changes.unchanged += 1
        else:
            changes.changed.append((new, row["value"].strip()))
            row["value"] = new.value
    pending = [r for r in new_rows if r.key not in seen]
    had = {key_of(row)[1] for row in rows}
    changes.new_periods = sorted({r.period for r in pending} - had)
    changes.added = sorted(pending, key=lambda r: (r.variable, r.region, r.dims, r.period))
    rows = _insert(rows, changes.added, key_of, dims)
    rows = _drop_derivable_totals(rows, key_of, changes, dataset.name)
    return _write(header, rows), changes


def _read(file: Path) -> tuple[list[str], list[dict]]:
    with utf8_or_error(file), file.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write(header: list[str], rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _period(text: str) -> str:
    match = PERIOD.match(text.strip())
    if not match:
        return text.strip()
    return match.group(1) if not match.group(2) else f"{match.group(1)}-{match.group(2)}"


def _same(old: str, new: str) -> bool:
    old = old.strip()
    try:
        return float(old) == float(new)
    except ValueError:
        return old == new


def _insert(rows: list[dict], added: list[NewRow], key_of, dims: list[str]) -> list[dict]:
    """Each new row after the last stored row of its series (region, variable, dimensions);
    a series the file does not have yet goes at the end."""
    def series(key: tuple) -> tuple:
        return (key[0], key[2], *key[3:])

    last = {series(key_of(row)): i for i, row in enumerate(rows)}
    after: dict[int, list[dict]] = {}
    tail: list[dict] = []
    for new in added:
        as_row = {"region": new.region, "period": new.period, "variable": new.variable,
                  "value": new.value, **dict(zip(dims, new.dims, strict=True))}
        place = last.get(series(new.key))
        (after.setdefault(place, []) if place is not None else tail).append(as_row)
    out = []
    for i, row in enumerate(rows):
        out.append(row)
        out += after.get(i, [])
    return out + tail


def _drop_derivable_totals(rows: list[dict], key_of, changes: Changes, name: str
                           ) -> list[dict]:
    yearly: dict[tuple, dict[int, str]] = {}
    for row in rows:
        key = key_of(row)
        if "-" not in key[1] and is_figure(row["value"]):
            yearly.setdefault((key[0], key[2], *key[3:]), {})[int(key[1])] = row["value"]
    kept = []
    for row in rows:
        key = key_of(row)
        if "-" in key[1]:
            start, end = (int(y) for y in key[1].split("-"))
            years = yearly.get((key[0], key[2], *key[3:]), {})
            if all(y in years for y in range(start, end + 1)):
                changes.totals_replaced.append(_total_note(row, key, years, start, end))
                continue
        kept.append(row)
    return kept


def _total_note(row: dict, key: tuple, years: dict[int, str], start: int, end: int) -> str:
    """Only called when every year has a figure (a year shown as missing keeps the total)."""
    total = sum(float(years[y]) for y in range(start, end + 1))
    computed = str(int(total)) if total.is_integer() else f"{total:g}"
    stored = row["value"].strip()
    same = "same" if _same(stored, computed) else "differs"
    return (f"{key[0]} {key[2]} {start}-{end}: stored total {stored}, the years now stored "
            f"sum to {computed} ({same}); the total is computed from the years from now on")
