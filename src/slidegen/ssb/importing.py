"""Files an adviser downloads by hand from statistikkbanken: JSON-stat 2.0, or SSB's CSV.

SSB's CSV comes in several shapes, all handled here: separated by semicolons (or commas or
tabs); UTF-8 with or without BOM, or Latin-1; an optional title line ('07459: Befolkning, …');
long (one value column, often headed by the table's title) or wide (a column per year and/or
statistikkvariabel: 'Personer 2024'); regions written '4016 Drangedal' or 'K-4016 Drangedal';
decimal comma; SSB's symbols for figures not shown ('.', '..', '...', ':', '-'); Norwegian or
English headings ('år' or 'year'). A dimension the dataset does not have is summed out only when
asked (--sum, summing.py).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from ..data import Data
from ..data.datasets import SSB_SYMBOLS, Dataset, is_figure
from ..errors import DataError, display_path
from .csvfile import TABLE, read_ssb_csv
from .jsonstat import Cube, read_jsonstat
from .labels import HEADINGS, canonical
from .rows import Fetched, NewRow, needed_dimensions, rows_from_cubes, value_text, whole_persons
from .summing import sum_csv, sum_cube

REGION = re.compile(r"^\s*(?:[A-Z]{1,2}[-_])?(\d{4})(?:\s|$)")
YEAR = re.compile(r"^(.*?)\s*\b(\d{4})$")
NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")
KEPT = {"region", "år", "statistikkvariabel"}  # the CSV columns every dataset uses


def read_download(file: Path, data: Data, dataset_name: str | None,
                  sums: tuple[str, ...] = ()) -> tuple[Fetched, list[str]]:
    """The file's rows for its dataset, and a note per dimension summed out (`sums`: the
    dimensions named by --sum, as the file or its other language names them)."""
    where = display_path(file)
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise DataError(f"{where}: cannot read the file ({exc.strerror})") from None
    notes = []
    if raw.lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"{"):
        cube = read_jsonstat(raw, where)
        dataset = _dataset_for(cube.table, data, dataset_name, where)
        used = needed_dimensions(dataset.meta.query)
        for wanted in sums:
            cube, summed = sum_cube(cube, wanted, used, where)
            notes.append(summed.note())
        _refuse_splits(cube, used, dataset, where)
        rows = rows_from_cubes([cube], dataset, data.registry, where)
        origin, form = f"{file.name} (JSON-stat, table {cube.table or '?'})", "json-stat2"
    else:
        try:
            table, header, records = read_ssb_csv(raw, where)
        except csv.Error as exc:
            raise DataError(f"{where}: not readable as SSB's CSV ({exc})") from None
        dataset = _dataset_for(table, data, dataset_name, where)
        if dataset.meta.dimensions:
            raise DataError(f"{where}: {dataset.name} is split by "
                            f"{', '.join(dataset.meta.dimensions)}, which SSB's CSV gives only "
                            f"as texts; download the table as JSON-stat 2.0 instead")
        first_value = _values_from(header, records, where)
        for wanted in sums:
            header, records, summed = sum_csv(header, records, first_value, wanted, KEPT, where)
            first_value -= 1
            notes.append(summed.note())
        rows = _csv_rows(header, records, first_value, dataset, data, where)
        origin, form = f"{file.name} (SSB CSV, table {table or '?'})", "csv"
    if sums:
        _refuse_shares(rows, dataset, sums, where)
    used_query = {"file": file.name, "format": form, **({"summed": list(sums)} if sums else {})}
    return Fetched(dataset, rows, origin, used_query), notes


def _refuse_splits(cube: Cube, used: set[str], dataset: Dataset, where: str) -> None:
    for dim in cube.dimensions:
        if dim.id not in used and len(dim.codes) > 1:
            shown = ", ".join(dim.labels[c] for c in dim.codes[:3])
            raise DataError(f"{where}: the figures are split by '{dim.label}' ({dim.id}: "
                            f"{shown} …), which {dataset.name} does not have; download the "
                            f"table without it, or sum it out: --sum {dim.label}")


def _refuse_shares(rows: list[NewRow], dataset: Dataset, sums: tuple[str, ...],
                   where: str) -> None:
    for name in dict.fromkeys(row.variable for row in rows):
        variable = dataset.meta.variables[name]
        if variable.kind == "share":
            raise DataError(f"{where}: --sum {', '.join(sums)}: {dataset.name}'s '{name}' is a "
                            f"{variable.kind} ({variable.unit or 'no unit'}); a share cannot be "
                            f"summed, only stocks and flows — download the table without "
                            f"{', '.join(sums)}")


def _dataset_for(table: str | None, data: Data, name: str | None, where: str) -> Dataset:
    everything = data.declared
    by_table: dict[str, list[Dataset]] = {}
    for d in everything.values():
        if d.meta.query:
            by_table.setdefault(d.meta.query.table, []).append(d)
    if name is not None:
        if name not in everything:
            raise DataError(f"unknown dataset '{name}'; {display_path(data.folder)} has "
                            f"{', '.join(everything)}")
        dataset = everything[name]
        if dataset.meta.query is None:
            raise DataError(f"{name}: its metadata has no 'query:' (table, variables), so a "
                            f"file cannot be mapped onto it")
        if table and table != dataset.meta.query.table:
            raise DataError(f"{where}: the file is SSB table {table}, but {name} comes from "
                            f"table {dataset.meta.query.table}")
        return dataset
    if table is None:
        raise DataError(f"{where}: the file does not say which SSB table it is; name the "
                        f"dataset: slidegen data import FILE --dataset NAME")
    if table not in by_table:
        known = ", ".join(f"{t} ({', '.join(d.name for d in ds)})"
                          for t, ds in by_table.items()) or "none"
        raise DataError(f"{where}: SSB table {table} is not the source of any dataset in "
                        f"{display_path(data.folder)} (tables: {known})")
    if len(by_table[table]) > 1:
        names = ", ".join(d.name for d in by_table[table])
        raise DataError(f"{where}: SSB table {table} is the source of {names}; say which: "
                        f"--dataset NAME")
    return by_table[table][0]


def _values_from(header: list[str], records: list[tuple[int, list]], where: str) -> int:
    """Where the figures start: text columns (region, …) come first; 'år' holds numbers but is
    one of them."""
    known = {word for words in HEADINGS.values() for word in words}
    after_known = max((i + 1 for i, h in enumerate(header) if h.casefold() in known), default=0)
    first_value = next((i for i in range(after_known, len(header)) if all(
        _is_value(fields[j]) for _, fields in records for j in range(i, len(header)))), None)
    if first_value is None or first_value == 0:
        raise DataError(f"{where}:1: expected text columns (region, …) followed by figures")
    return first_value


def _csv_rows(header: list[str], records: list[tuple[int, list]], first_value: int,
              dataset: Dataset, data: Data, where: str) -> list[NewRow]:
    query = dataset.meta.query
    stub = [canonical(h) for h in header[:first_value]]
    if "region" not in stub:
        raise DataError(f"{where}:1: no 'region' column; found {', '.join(header[:first_value])}")
    for i, column in enumerate(stub):
        if column in KEPT:
            continue
        values = {fields[i] for _, fields in records}
        if len(values) > 1:
            raise DataError(f"{where}:1: the figures are split by '{header[i]}' "
                            f"({', '.join(sorted(values)[:3])} …), which {dataset.name} does "
                            f"not have; download the table without it, or sum it out: "
                            f"--sum {header[i]}")
    by_label = {**{k.casefold(): v for k, v in query.labels.items()},
                **{code.casefold(): name for name, codes in query.variables.items()
                   for code in codes.values()}}
    rows: dict[tuple, NewRow] = {}
    for line, fields in records:
        region = _region(fields[stub.index("region")], data, f"{where}:{line}")
        for j in range(first_value, len(header)):
            year, label = _year_and_label(header[j], fields, stub)
            if "statistikkvariabel" in stub:
                label = fields[stub.index("statistikkvariabel")]
            if year is None:
                raise DataError(f"{where}:{line}: no year for column '{header[j]}' (expected "
                                f"an 'år' or 'year' column, or a year at the end of the heading)")
            variable = by_label.get(label.casefold()) if label else _only(query)
            if variable is None:
                raise DataError(f"{where}:{line}: statistikkvariabel '{label}' is not one of "
                                f"{dataset.name}'s; add it to query.labels in "
                                f"{display_path(dataset.file.with_suffix('.yaml'))}, e.g. "
                                f"'{label}: {next(iter(query.variables))}'")
            row = NewRow(region, year, variable, _value(fields[j], f"{where}:{line}"))
            earlier = rows.get(row.key)
            if earlier is not None and is_figure(earlier.value) and is_figure(row.value):
                raise DataError(f"{where}:{line}: a second figure for {region} {year} "
                                f"{variable} (old and new kommune numbers both in the file?); "
                                f"figures are not summed")
            # an old number shows '.' for years after it was replaced: the figure wins
            if earlier is None or not is_figure(earlier.value):
                rows[row.key] = row
    problems = whole_persons(list(rows.values()), dataset, where)
    if problems:
        raise DataError("\n".join(problems))
    return list(rows.values())


def _is_value(text: str) -> bool:
    return text in SSB_SYMBOLS or bool(NUMBER.match(text.replace(" ", "").replace("\u00a0", "")))


def _value(text: str, where: str) -> str:
    if text in SSB_SYMBOLS:
        return text
    number = float(text.replace(" ", "").replace("\u00a0", "").replace(",", "."))
    return value_text(number, None)


def _region(text: str, data: Data, where: str) -> str:
    match = REGION.match(text)
    current = data.registry.current_number(match.group(1)) if match else None
    split = data.registry.split_message(match.group(1)) if match and not current else None
    if split:
        raise DataError(f"{where}: region '{text}': {split}")
    if current is None:
        raise DataError(f"{where}: region '{text}' is not a kommune in data/kommuner.csv "
                        f"(expected '4016 Drangedal' or 'K-4016 Drangedal')")
    return current


def _year_and_label(heading: str, fields: list[str], stub: list[str]
                    ) -> tuple[str | None, str]:
    """From a value column's heading ('Personer 2024', '2024', or the table's title) and the
    row's 'år' column."""
    if "år" in stub:
        year = fields[stub.index("år")]
        return (year if re.fullmatch(r"\d{4}", year) else None), (
            "" if TABLE.match(heading) else heading)
    match = YEAR.match(heading)
    return (match.group(2), match.group(1).strip()) if match else (None, heading)


def _only(query) -> str | None:
    return next(iter(query.variables)) if len(query.variables) == 1 else None
