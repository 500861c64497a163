"""SSB's CSV as statistikkbanken writes it: separated by semicolons (or commas or tabs); UTF-8
with or without BOM, UTF-16 from Excel, or Latin-1; an optional title line ('07459: Befolkning,
…'); quoted headings; a trailing separator on every line."""

from __future__ import annotations

import csv
import io
import re

from ..errors import DataError

TABLE = re.compile(r"^\s*(\d{5})\s*:")


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
