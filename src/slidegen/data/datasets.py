"""Datasets in data/: a tidy CSV (region, period, variable, value) and a YAML of metadata each.

Rows are checked as they load, and every problem names the file and line: a missing column, a
value that is not a number, a duplicate row, an unknown kommune or variable, a stored total that
could be computed from the yearly rows beside it.

A batch of decks loads a dataset with `isolate`: a problem in one region's figures (a value that
is not a number, a duplicate, a stored total) then fails only the decks that read that region,
and the other decks are built. Every other problem fails the whole dataset, as it always does.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import re
from collections import namedtuple
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict
from pydantic import Field as SchemaField

from .._lazy import pandas as pd
from ..errors import DataError, NotUtf8Error, display_path
from ..i18n import Labels
from ..yamlfile import validate_file
from . import reads
from .registry import Registry
from .ssb_query import SsbQuery

COLUMNS = ["region", "period", "variable", "value"]
SSB_SYMBOLS = {".", "..", "...", ":", "-"}  # SSB's symbols for figures not shown
MISSING_SYMBOLS = {""} | SSB_SYMBOLS
NUMBER = re.compile(r"^-?[0-9]+(?:\.[0-9]+)?$")  # not 'inf', 'nan', '1e5' or '1,5'
PERIOD = re.compile(r"^(\d{4})(?:\s*[-–]\s*(\d{4}))?$")


def is_figure(text: str) -> bool:
    """Whether a stored value is a figure, not a mark for a missing one ('', '..', ':', …)."""
    return text.strip() not in MISSING_SYMBOLS


class Variable(BaseModel):
    """A variable as stored: how to label it, its unit, and whether it may be summed."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    label: Labels = SchemaField(description="What it is, as slides name it: text, or one per "
                                            "language: {nb: …, nn: …, en: …}.")
    unit: Literal["personer", "prosent", "indeks", "klasse"] = SchemaField(
        "personer", description="personer, prosent, or a plain number that is never a count: "
                                "indeks (SSB's centrality index), klasse (its class 1–6).")
    kind: Literal["flow", "stock", "share"] = SchemaField(
        description="flow: counted over a period (may be summed over years); stock: a level at "
                    "a date (summed over kommuner, not years); share: never summed (shares, "
                    "indexes, classes).")
    decimals: int = 0


class DatasetMeta(BaseModel):
    """The metadata beside a dataset's CSV: where the figures come from."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    title: str
    source: Labels = SchemaField(description="Shown as 'Kilde: …', e.g. 'SSB, tabell 07459'; "
                                             "or one per language: {nb: …, nn: …, en: …}.")
    source_url: str | None = None
    licence: str | None = None
    retrieved: dt.date | None = SchemaField(None, description="When the figures were fetched.")
    retrieved_with: dict | None = SchemaField(
        None, description="How: the SSB table and selection sent, or the file imported. "
                          "Written by slidegen data update/import.")
    transcribed_from: Labels | None = SchemaField(
        None, description="Where hand-copied figures come from, as it reads after «avskrevet "
                          "fra» in the speaker notes, e.g. «foredraget …».")
    carried_by: str | None = SchemaField(
        None, description="Figures that came through another publisher: the public repository "
                          "that carried them, as «repository · path · commit», e.g. «oystess/"
                          "valg_analyser · data/processed/befolkning_2024.csv · 945f7ad9».")
    note: str | None = None
    query: SsbQuery | None = SchemaField(None, description="The SSB query that fetches the "
                                                           "dataset (slidegen data update).")
    variables: dict[str, Variable]
    dimensions: dict[str, list[str]] = SchemaField(
        default_factory=dict, description="Extra columns that split each figure, with their "
                                          "values in order, e.g. alder and kjønn for a "
                                          "population pyramid.")


@dataclass(frozen=True)
class Dataset:
    """A loaded dataset: metadata, and rows with region, start, end, variable, value, line."""

    name: str
    file: Path
    meta: DatasetMeta
    rows: pd.DataFrame
    # Loaded with isolate: the problems in each region's figures; reading the region fails.
    broken: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)
    _series: dict = field(default_factory=dict, compare=False, repr=False)

    def read(self, regions) -> None:
        """Note that these regions' rows are read (see reads.recording); a DataError if any of
        them is broken."""
        regions = list(regions)
        reads.note(self.name, regions)
        problems = [m for region in regions for m in self.broken.get(region, ())]
        if problems:
            raise DataError("\n".join(problems))

    def series(self, variable: str) -> tuple[pd.Series, pd.Series]:
        """A variable's yearly values by (region, year) and span totals by (region, start,
        end), indexed once and kept: tables ask for the same variable many times."""
        if variable not in self._series:
            rows = self.rows[self.rows["variable"] == variable]
            yearly = rows[rows["start"] == rows["end"]].set_index(["region", "start"])["value"]
            spans = rows[rows["end"] > rows["start"]].set_index(["region", "start", "end"])[
                "value"]
            self._series[variable] = (yearly, spans)
        return self._series[variable]

    def lookups(self, variable: str) -> tuple[dict, dict]:
        """series() as dicts: {(region, year): value} and {(region, start, end): value}."""
        key = ("dict", variable)
        if key not in self._series:
            yearly, spans = self.series(variable)
            self._series[key] = (dict(zip(yearly.index, yearly.to_numpy(dtype=float).tolist(),
                                          strict=True)),
                                 dict(zip(spans.index, spans.to_numpy(dtype=float).tolist(),
                                          strict=True)))
        return self._series[key]

    def where(self, line: int) -> str:
        return f"{display_path(self.file)}:{line}"

    @property
    def newest_year(self) -> int:
        return self._years()[1]

    @property
    def oldest_year(self) -> int:
        return self._years()[0]

    def _years(self) -> tuple[int, int]:
        # kept: every figure asks, and a scan of the rows each time was most of a text's cost
        if "years" not in self._series:
            self._series["years"] = (int(self.rows["start"].min()), int(self.rows["end"].max()))
        return self._series["years"]

    @property
    def period_label(self) -> str:
        first, last = self.oldest_year, self.newest_year
        return str(first) if first == last else f"{first}–{last}"


def load_dataset(csv_file: Path, registry: Registry, isolate: bool = False) -> Dataset:
    meta_file = csv_file.with_suffix(".yaml")
    if not meta_file.is_file():
        raise DataError(f"{display_path(csv_file)}: its metadata file {meta_file.name} is "
                        f"missing (title, source, variables)")
    meta = validate_file(DatasetMeta, meta_file)
    where = display_path(csv_file)
    try:
        frame = pd.read_csv(csv_file, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except pd.errors.EmptyDataError:
        raise DataError(f"{where}:1: the file is empty; expected a header "
                        f"({', '.join(COLUMNS)}) and rows") from None
    except UnicodeDecodeError:  # saved by Excel on Windows: the line of the bad byte
        raise NotUtf8Error.of(csv_file) from None
    except pd.errors.ParserError as exc:
        detail = " ".join(str(exc).split())  # pandas' message spans lines
        raise DataError(f"{where}: not a readable CSV file ({detail})") from None
    columns = COLUMNS[:3] + list(meta.dimensions) + COLUMNS[3:]
    missing = [c for c in columns if c not in frame.columns]
    extra = [c for c in frame.columns if c not in columns]
    if missing or extra:
        found = ", ".join(frame.columns)
        what = (f"missing column '{missing[0]}'" if missing else f"unknown column '{extra[0]}'")
        raise DataError(f"{where}:1: {what}; expected columns {', '.join(columns)}, "
                        f"found {found}")
    # (region, message): region None where the problem is not one region's figures
    problems = [(None, m) for m in _check_field_counts(csv_file, len(frame.columns), where)]
    rows = _checked_rows(frame, where, meta, registry, problems)
    _check_duplicates(rows, where, problems)
    if not meta.dimensions:
        _check_derivable_totals(rows, where, meta, problems)
    if not problems and rows.empty:
        problems.append((None, f"{where}: has a header but no rows"))
    if problems and (not isolate or any(region is None for region, _ in problems)):
        raise DataError("\n".join(message for _, message in problems))
    broken: dict[str, tuple[str, ...]] = {}
    for region, message in problems:
        broken[region] = (*broken.get(region, ()), message)
    return Dataset(csv_file.stem, csv_file, meta, rows, broken=broken)


def pending_dataset(meta_file: Path) -> Dataset:
    """A dataset declared by its metadata and SSB query only, with no figures yet."""
    meta = validate_file(DatasetMeta, meta_file)
    if meta.query is None:
        raise DataError(f"{display_path(meta_file)}: a dataset's metadata without its CSV "
                        f"({meta_file.with_suffix('.csv').name}) needs a 'query:' to fetch it "
                        f"from SSB")
    rows = pd.DataFrame(columns=["region", "start", "end", "variable", "value", "line",
                                 *meta.dimensions])
    return Dataset(meta_file.stem, meta_file.with_suffix(".csv"), meta, rows)


def _check_field_counts(csv_file: Path, width: int, where: str) -> list[str]:
    """A row with too few fields would read as a missing value: say so instead."""
    with csv_file.open(encoding="utf-8-sig", newline="") as handle:
        return [f"{where}:{line}: the row has {len(row)} fields, the header {width}"
                for line, row in enumerate(csv.reader(handle), start=1)
                if row and len(row) != width]


def _checked_rows(frame: pd.DataFrame, where: str, meta: DatasetMeta, registry: Registry,
                  problems: list[tuple[str | None, str]]) -> pd.DataFrame:
    """The rows as (region, start, end, variable, value, line, *dimensions), every one checked.

    Each distinct region, period and variable is looked up once, and the columns are walked as
    plain lists: pandas' row tuples and a full check per row cost a tenth of a second per
    15 000 rows (all kommuner × 41 years) on every build. A row this quick path does not take
    as it is (spaces, a missing figure, anything wrong) is checked again alone by _check_row,
    which accepts it or says what is wrong, so rows and messages are those of a row-by-row
    check."""
    names = ["region", "period", "variable", "value", *meta.dimensions]
    Row = namedtuple("Row", names)  # what _check_row reads, as pandas' row tuples give it
    regions: dict = {}
    spans: dict = {}
    flows = {v for v, spec in meta.variables.items() if spec.kind == "flow"}
    allowed = list(meta.dimensions.values())
    records = []
    for i, fields in enumerate(zip(*(frame[c].tolist() for c in names), strict=True)):
        region, period, variable, value, *dims = fields
        if region not in regions:
            regions[region] = _current(region, registry) if isinstance(region, str) else None
        if period not in spans:
            match = PERIOD.fullmatch(period) if isinstance(period, str) else None
            spans[period] = (match and (int(match.group(1)), int(match.group(2) or
                                                                 match.group(1))))
        current, span = regions[region], spans[period]
        if (current and span and variable in meta.variables and span[0] <= span[1]
                and (span[0] == span[1] or variable in flows)
                and isinstance(value, str) and (value in MISSING_SYMBOLS or NUMBER.match(value))
                and (not dims or all(d in a for d, a in zip(dims, allowed, strict=True)))):
            number = float("nan") if value in MISSING_SYMBOLS else float(value)
            records.append((current, *span, variable, number, i + 2, *dims))
            continue
        record = _check_row(Row(*fields), i + 2, where, meta, registry, problems)
        if record:
            records.append(record)
    return pd.DataFrame(records, columns=["region", "start", "end", "variable", "value", "line",
                                          *meta.dimensions])


def _current(region: str, registry: Registry) -> str | None:
    """A region as stored → today's kommunenummer or a group's id; None if it is neither."""
    return registry.current_number(region) if region.isdigit() else (
        region if region in registry.groups else None)


def _check_row(row, line: int, where: str, meta: DatasetMeta, registry: Registry,
               problems: list[tuple[str | None, str]]):
    def problem(what: str, region: str | None = None) -> None:
        problems.append((region, f"{where}:{line}: {what}"))

    if any(not isinstance(v, str) for v in row):
        return problem("the row has fewer fields than the header")
    region = row.region.strip()
    current = _current(region, registry)
    split = registry.split_message(region) if current is None and region.isdigit() else None
    if split:
        return problem(f"region: {split}")
    if current is None:
        return problem(f"region: unknown kommune or group '{region}' (not in "
                       f"data/kommuner.csv or its groups)")
    period = PERIOD.match(row.period.strip())
    if not period:
        return problem(f"period: expected a year (2024) or a span (2014-2023), found "
                       f"'{row.period}'")
    start = int(period.group(1))
    end = int(period.group(2) or start)
    variable = row.variable.strip()
    if variable not in meta.variables:
        close = difflib.get_close_matches(variable, list(meta.variables), n=1)
        hint = (f" — did you mean '{close[0]}'?" if close
                else f"; declared: {', '.join(meta.variables)}")
        return problem(f"variable: '{variable}' is not declared in the metadata{hint}")
    if end < start:
        return problem(f"period: the span ends before it starts: '{row.period}'")
    if end > start and meta.variables[variable].kind != "flow":
        return problem(f"period: '{variable}' is a {meta.variables[variable].kind}, so it has "
                       f"no span totals")
    text = row.value.strip()
    if text in MISSING_SYMBOLS:
        value = float("nan")
    elif NUMBER.match(text):
        value = float(text)
    else:  # left out: with isolate, only this region is broken, and its years do not count
        return problem(f"value: expected a number (decimal point, no spaces) or empty for a "
                       f"missing figure, found '{row.value}'", current)
    dims = []
    for dim, allowed in meta.dimensions.items():
        found = str(getattr(row, dim, "")).strip()
        if found not in allowed:
            return problem(f"{dim}: expected one of {', '.join(allowed)}, found '{found}'")
        dims.append(found)
    return (current, start, end, variable, value, line, *dims)


def _check_duplicates(rows: pd.DataFrame, where: str,
                      problems: list[tuple[str | None, str]]) -> None:
    key = ["region", "start", "end", "variable", *rows.columns[6:]]
    dupes = rows[rows.duplicated(key, keep=False)]
    for _, group in dupes.groupby(key, sort=False):
        first, *others = group["line"].tolist()
        for line in others:
            r = group.iloc[0]
            period = (str(r["start"]) if r["start"] == r["end"]
                      else f"{r['start']}-{r['end']}")
            problems.append((r["region"], f"{where}:{line}: duplicate of line {first} "
                                          f"({r['region']}, {period}, {r['variable']})"))


def _check_derivable_totals(rows: pd.DataFrame, where: str, meta: DatasetMeta,
                            problems: list[tuple[str | None, str]]) -> None:
    """A span total stored beside all its yearly rows is a copy that can drift: refuse it."""
    spans = rows[rows["end"] > rows["start"]]
    if spans.empty:
        return
    # A year shown as missing ('..') does not count: the source's own total is then the only
    # figure for the span, so it stays.
    yearly = rows[(rows["end"] == rows["start"]) & rows["value"].notna()]
    have = set(zip(yearly["region"], yearly["variable"], yearly["start"], strict=True))
    for span in spans.itertuples():
        years = range(span.start, span.end + 1)
        if all((span.region, span.variable, y) in have for y in years):
            problems.append((span.region, f"{where}:{span.line}: the total {span.start}-"
                                          f"{span.end} of {span.variable} for {span.region} can "
                                          f"be computed from its yearly rows; do not store it"))
