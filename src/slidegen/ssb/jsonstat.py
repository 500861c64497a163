"""JSON-stat 2.0 datasets, as SSB's PxWebApi v2 and statistikkbanken's download give them.

A dataset is a cube: `id` names the dimensions in order, `size` their lengths, `dimension` their
categories (`index` gives each code's position, `label` its name), and `value` the cells in
row-major order (the last dimension varies fastest). `status` marks cells with SSB's symbols
('..' not available, ':' suppressed, …); a cell may be null with or without a status.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from itertools import product

from ..errors import DataError


@dataclass(frozen=True)
class Dimension:
    id: str
    codes: tuple[str, ...]  # in index order
    labels: dict[str, str]
    extension: dict  # SSB's: elimination (may be left out of a query), codelists
    label: str = ""  # its text in the file's language: 'alder', 'age'

    @property
    def eliminable(self) -> bool:
        return bool(self.extension.get("elimination"))

    @property
    def codelists(self) -> list[str]:
        return [c.get("id") for c in self.extension.get("codelists") or [] if isinstance(c, dict)]


@dataclass(frozen=True)
class Cell:
    """One figure: its code in each dimension, the value (None when missing) and SSB's symbol."""

    codes: dict[str, str]
    value: float | None
    status: str | None


@dataclass(frozen=True)
class Cube:
    table: str | None  # SSB's table number when the file says it
    dimensions: tuple[Dimension, ...]
    cells: tuple[Cell, ...]


def read_jsonstat(text: str | bytes, where: str) -> Cube:
    """Parse a JSON-stat 2.0 dataset; DataError says what is malformed, naming `where`."""
    try:
        doc = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise DataError(f"{where}: not valid JSON ({exc}); it may be cut off") from None
    try:
        return _cube(doc, where)
    except (TypeError, AttributeError, KeyError, ValueError) as exc:
        # a shape no SSB answer has (a list where an object belongs, …): say so, not a traceback
        raise DataError(f"{where}: not a JSON-stat 2.0 dataset as SSB writes it "
                        f"({type(exc).__name__}: {exc})") from None


def _cube(doc, where: str) -> Cube:
    if not isinstance(doc, dict) or doc.get("class") != "dataset":
        found = doc.get("class") if isinstance(doc, dict) else type(doc).__name__
        raise DataError(f"{where}: expected a JSON-stat 2.0 dataset (class: dataset), "
                        f"found {found!r}")
    ids, sizes, dims = doc.get("id"), doc.get("size"), doc.get("dimension")
    if not (isinstance(ids, list) and isinstance(sizes, list) and isinstance(dims, dict)
            and len(ids) == len(sizes) and all(isinstance(i, str) for i in ids)
            and all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in sizes)):
        raise DataError(f"{where}: expected 'id' (names), 'size' (whole numbers) and "
                        f"'dimension' of equal length")
    dimensions = tuple(_dimension(dim_id, dims.get(dim_id), size, where)
                       for dim_id, size in zip(ids, sizes, strict=True))
    total = math.prod(sizes)
    values = _cells_list(doc.get("value"), total, "value", where)
    statuses = _status_list(doc.get("status"), total, where)
    cells = []
    for i, combo in enumerate(product(*(d.codes for d in dimensions))):
        value = values[i]
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))
                                  or not math.isfinite(value)):
            raise DataError(f"{where}: value[{i}]: expected a number or null, found {value!r}")
        cells.append(Cell(dict(zip(ids, combo, strict=True)),
                          None if value is None else float(value), statuses[i]))
    return Cube(_table_number(doc), dimensions, tuple(cells))


def _dimension(dim_id: str, spec, size: int, where: str) -> Dimension:
    category = spec.get("category") if isinstance(spec, dict) else None
    if not isinstance(category, dict):
        raise DataError(f"{where}: dimension '{dim_id}' has no categories")
    index = category.get("index")
    labels = category.get("label") or {}
    if not isinstance(labels, dict):
        raise DataError(f"{where}: dimension '{dim_id}': expected category.label to be an object")
    if isinstance(index, list):
        codes = [str(c) for c in index]
    elif isinstance(index, dict):
        if sorted(index.values()) != list(range(len(index))):
            raise DataError(f"{where}: dimension '{dim_id}': category.index positions must be "
                            f"0–{len(index) - 1}, each once")
        codes = [str(c) for c, _ in sorted(index.items(), key=lambda item: item[1])]
    elif index is None and len(labels) == 1:  # the spec allows a lone category without index
        codes = [str(next(iter(labels)))]
    else:
        raise DataError(f"{where}: dimension '{dim_id}': expected category.index")
    if len(set(codes)) != len(codes):
        raise DataError(f"{where}: dimension '{dim_id}' lists a code twice")
    if len(codes) != size:
        raise DataError(f"{where}: dimension '{dim_id}' has {len(codes)} categories but size "
                        f"says {size}")
    extension = spec.get("extension")
    return Dimension(dim_id, tuple(codes),
                     {c: str(labels.get(c, c)) for c in codes},
                     extension if isinstance(extension, dict) else {},
                     str(spec.get("label") or dim_id))


def _cells_list(raw, total: int, name: str, where: str) -> list:
    if isinstance(raw, list):
        if len(raw) != total:
            raise DataError(f"{where}: '{name}' has {len(raw)} cells but the dimensions make "
                            f"{total}; it may be cut off")
        return raw
    if isinstance(raw, dict):  # sparse: {"position": value}
        out = [None] * total
        for key, value in raw.items():
            if not (str(key).isdigit() and int(key) < total):
                raise DataError(f"{where}: '{name}' has a cell at position {key!r}, outside "
                                f"0–{total - 1}")
            out[int(key)] = value
        return out
    raise DataError(f"{where}: expected '{name}' to be a list or an object of cells")


def _status_list(raw, total: int, where: str) -> list[str | None]:
    if raw is None:
        return [None] * total
    if isinstance(raw, str):  # one symbol for every cell
        return [raw] * total
    statuses = _cells_list(raw, total, "status", where)
    for i, symbol in enumerate(statuses):
        if symbol is not None and not isinstance(symbol, str):
            raise DataError(f"{where}: status[{i}]: expected a symbol such as '..', found "
                            f"{symbol!r}")
    return [s or None for s in statuses]


def _table_number(doc: dict) -> str | None:
    """PxWebApi v2 puts the table id in extension.px.tableid; older files only in the label
    ('07459: Befolkning, etter …')."""
    extension = doc.get("extension")
    px = extension.get("px") if isinstance(extension, dict) else None
    px = px if isinstance(px, dict) else {}
    table = px.get("tableid") or px.get("table-id")
    if table:
        return str(table)
    label = str(doc.get("label", ""))
    head = label.split(":", 1)[0].strip()
    return head if head.isdigit() and len(head) == 5 else None
