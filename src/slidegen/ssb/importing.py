"""Files an adviser downloads by hand from statistikkbanken: JSON-stat 2.0, or SSB's CSV.

SSB's CSV comes in several shapes, all handled here: separated by semicolons (or commas or
tabs); UTF-8 with or without BOM, or Latin-1; an optional title line ('07459: Befolkning, …');
long (one value column, often headed by the table's title) or wide (a column per year and/or
statistikkvariabel: 'Personer 2024'); regions written '4016 Drangedal' or 'K-4016 Drangedal';
decimal comma; SSB's symbols for figures not shown ('.', '..', '...', ':', '-').
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from ..data import Data
from ..data.datasets import SSB_SYMBOLS, Dataset, is_figure
from ..errors import DataError, display_path
from .jsonstat import read_jsonstat
from .rows import Fetched, NewRow, rows_from_cubes, value_text, whole_persons

STUB_NAMES = {"region", "år", "statistikkvariabel", "kjønn", "alder", "landbakgrunn",
              "innvandringskategori", "nivå", "kvartal", "måned"}
TABLE = re.compile(r"^\s*(\d{5})\s*:")
REGION = re.compile(r"^\s*(?:[A-Z]{1,2}[-_])?(\d{4})(?:\s|$)")
YEAR = re.compile(r"^(.*?)\s*\b(\d{4})$")
NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?$")


def read_download(file: Path, data: Data, dataset_name: str | None) -> Fetched:
    where = display_path(file)
    try:
        raw = file.read_bytes()
    except OSError as exc:
        raise DataError(f"{where}: cannot read the file ({exc.strerror})") from None
    if raw.lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"{"):
        cube = read_jsonstat(raw, where)
        dataset = _dataset_for(cube.table, data, dataset_name, where)
        rows = rows_from_cubes([cube], dataset, data.registry, where)
        return Fetched(dataset, rows, f"{file.name} (JSON-stat, table {cube.table or '?'})",
                       {"file": file.name, "format": "json-stat2"})
    try:
        table, header, records = read_ssb_csv(raw, where)
    except csv.Error as exc:
        raise DataError(f"{where}: not readable as SSB's CSV ({exc})") from None
    dataset = _dataset_for(table, data, dataset_name, where)
    if dataset.meta.dimensions:
        raise DataError(f"{where}: {dataset.name} is split by "
                        f"{', '.join(dataset.meta.dimensions)}, which SSB's CSV gives only as "
                        f"texts; download the table as JSON-stat 2.0 instead")
    rows = _csv_rows(header, records, dataset, data, where)
    return Fetched(dataset, rows, f"{file.name} (SSB CSV, table {table or '?'})",
                   {"file": file.name, "format": "csv"})


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


def decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text"
        return raw.decode("utf-16", errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:  # statistikkbanken writes iso-8859-1; Excel on Windows resaves as cp1252 (– ’ …)
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def read_ssb_csv(raw: bytes, where: str) -> tuple[str | None, list[str], list[tuple[int, list]]]:
    """(table number if the file says it, header, [(line, fields)])."""
    text = decode(raw)
    delimiter = _delimiter(text)
    table = None
    header: list[str] | None = None
    records = []
    for number, fields in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter),
                                    start=1):
        if not any(f.strip() for f in fields):
            continue
        if header is None:
            if len(fields) == 1 or (len(fields) > 1 and not any(f.strip() for f in fields[1:])):
                match = TABLE.match(fields[0])  # a title line: '07459: Befolkning, …'
                table = table or (match.group(1) if match else None)
                continue
            header = [f.strip().lstrip("#").strip('"') for f in fields]
            continue
        if len(fields) != len(header):
            raise DataError(f"{where}:{number}: the row has {len(fields)} fields, the header "
                            f"{len(header)}")
        records.append((number, [f.strip() for f in fields]))
    if header is None or not records:
        raise DataError(f"{where}: no header and rows found; expected SSB's CSV "
                        f"(\"region\";\"år\";…)")
    while header and not header[-1] and all(not fields[-1] for _, fields in records):
        header = header[:-1]  # a trailing separator on every line (Excel) makes an empty column
        records = [(line, fields[:-1]) for line, fields in records]
    if len(set(header)) != len(header):
        raise DataError(f"{where}:1: the header names a column twice: {', '.join(header)}")
    for cell in header:
        match = TABLE.match(cell)
        table = table or (match.group(1) if match else None)
    return table, header, records


def _delimiter(text: str) -> str:
    """The separator that splits most rows into the same number (> 1) of fields; a title
    line full of commas does not fool it."""
    from collections import Counter

    best, best_score = ";", (0, 0)
    for candidate in ";\t,":
        widths = Counter(len(f) for f in csv.reader(io.StringIO(text), delimiter=candidate)
                         if any(x.strip() for x in f))
        width, rows = max(widths.items(), key=lambda item: (item[1], item[0]),
                          default=(0, 0))
        if width > 1 and (rows, width) > best_score:
            best, best_score = candidate, (rows, width)
    return best


def _csv_rows(header: list[str], records: list[tuple[int, list]], dataset: Dataset,
              data: Data, where: str) -> list[NewRow]:
    query = dataset.meta.query
    lowered = [h.casefold() for h in header]
    # Dimension columns come first; 'år' holds numbers but is one of them
    after_known = max((i + 1 for i, h in enumerate(lowered) if h in STUB_NAMES), default=0)
    first_value = next((i for i in range(after_known, len(header)) if all(
        _is_value(fields[j]) for _, fields in records for j in range(i, len(header)))), None)
    if first_value is None or first_value == 0:
        raise DataError(f"{where}:1: expected text columns (region, …) followed by figures")
    stub = lowered[:first_value]
    if "region" not in stub:
        raise DataError(f"{where}:1: no 'region' column; found {', '.join(header[:first_value])}")
    for i, column in enumerate(stub):
        if column in {"region", "år", "statistikkvariabel"}:
            continue
        values = {fields[i] for _, fields in records}
        if len(values) > 1:
            raise DataError(f"{where}:1: the figures are split by '{header[i]}' "
                            f"({', '.join(sorted(values)[:3])} …), which {dataset.name} does "
                            f"not have; download the table without it")
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
                                f"an 'år' column or a year at the end of the heading)")
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
