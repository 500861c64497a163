"""The kommune registry from SSB's KLASS: classification 131 (kommuner) and 104 (fylker).

`slidegen data update kommuner` follows each kommune in data/kommuner.csv through KLASS's code
changes: a number replaced at a reform (0817 → 3815 → 4016) is followed to today's number, and
the earlier numbers are stored so that data under them joins the same series. A change that is
not one-to-one — kommuner merged into one, or one split into several — is reported and its old
numbers are not stored: their figures would have to be summed or divided, which slidegen never
does quietly.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from ..data.registry import COLUMNS, load_registry
from ..errors import DataError
from .client import PxWebClient
from .refresh import edit_yaml, staged_write

KLASS_URL = "https://data.ssb.no/api/klass/v1"
KOMMUNER, FYLKER = "131", "104"
REFORM_2024 = dt.date(2024, 1, 1)
REFORM_2020 = dt.date(2020, 1, 1)


@dataclass(frozen=True)
class Change:
    old: str
    new: str
    on: dt.date


@dataclass
class RegistryReport:
    lines_: list[str] = field(default_factory=list)
    written: bool = False

    def lines(self) -> list[str]:
        return self.lines_ + ["data/kommuner.csv updated" if self.written
                              else "dry run: nothing written"]


def update_registry(folder: Path, dry_run: bool = False, client: PxWebClient | None = None,
                    today: dt.date | None = None) -> RegistryReport:
    today = today or dt.date.today()
    registry = load_registry(folder)
    owned = client is None
    client = client or PxWebClient(KLASS_URL)
    rows_notes: list = []
    try:
        changes = _changes(client, today)
        names = _codes_at(client, KOMMUNER, today)
        fylker = _codes_at(client, FYLKER, today)
        existed = _CodesBefore(client)
        report = RegistryReport()
        rows = []
        for kommune, columns in zip(registry.kommuner.values(), _rows(folder), strict=True):
            row, notes = _follow(kommune.number, columns, changes, names, fylker, existed)
            rows.append(row)
            rows_notes.append((kommune, row, notes))
    finally:
        if owned:
            client.close()
    for kommune, row, notes in rows_notes:
        old = [kommune.number, kommune.name, kommune.fylke, *kommune.earlier]
        new = [row["kommunenummer"], row["navn"], row["fylke"], row["nummer_2020_2023"],
               row["nummer_før_2020"]]
        what = "unchanged" if [x for x in old if x] == [x for x in new if x] else (
            f"now {row['kommunenummer']} {row['navn']} ({row['fylke']}), earlier "
            f"{', '.join(x for x in new[3:] if x) or 'none'}")
        report.lines_.append(f"{kommune.number} {kommune.name}: {what}")
        report.lines_ += [f"  {note}" for note in notes]

    def write(staging: Path) -> None:
        out = io.StringIO()
        writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        (staging / "kommuner.csv").write_text(out.getvalue(), encoding="utf-8")
        edit_yaml(staging / "kommuner.yaml", lambda doc: doc.__setitem__("retrieved", today))

    staged_write(folder, write, dry_run)
    report.written = not dry_run
    return report


def _rows(folder: Path) -> list[dict[str, str]]:
    """kommuner.csv as written (load_registry has checked it): which column each earlier
    number stands in."""
    with (folder / "kommuner.csv").open(encoding="utf-8-sig", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _changes(client: PxWebClient, today: dt.date) -> list[Change]:
    doc = client.get_json(f"/classifications/{KOMMUNER}/changes",
                          {"from": "1990-01-01", "to": today.isoformat()},
                          "KLASS 131 changes")
    out = []
    items = doc.get("codeChanges")
    if not isinstance(items, list) or not items:
        # an empty answer would strip every kommune's history: refuse it
        raise DataError("KLASS 131 changes: expected a non-empty list 'codeChanges'; the "
                        "registry is left as it was")
    for i, item in enumerate(items):
        try:
            out.append(Change(str(item["oldCode"]), str(item["newCode"]),
                              dt.date.fromisoformat(item["changeOccurred"])))
        except (KeyError, TypeError, ValueError):
            raise DataError(f"KLASS 131 changes: codeChanges[{i}]: expected oldCode, newCode "
                            f"and changeOccurred, found {item!r}") from None
    return out


def _codes_at(client: PxWebClient, classification: str, today: dt.date) -> dict[str, str]:
    doc = client.get_json(f"/classifications/{classification}/codesAt",
                          {"date": today.isoformat()}, f"KLASS {classification} codes")
    codes = doc.get("codes")
    if not isinstance(codes, list) or not codes:
        raise DataError(f"KLASS {classification} codes: expected a list of codes")
    return {str(c["code"]): str(c["name"]) for c in codes if "code" in c and "name" in c}


class _CodesBefore:
    """Which kommune numbers were in use the day before a change (KLASS codesAt), asked once
    per date: a change into a number that was already in use is a merge, not a renumbering
    (Klæbu 5030 into Trondheim 5001 in 2020)."""

    def __init__(self, client: PxWebClient):
        self.client = client
        self.cache: dict[dt.date, set[str]] = {}

    def __call__(self, code: str, on: dt.date) -> bool:
        day = on - dt.timedelta(days=1)
        if day not in self.cache:
            self.cache[day] = set(_codes_at(self.client, KOMMUNER, day))
        return code in self.cache[day]


def _follow(number: str, earlier: dict[str, str], changes: list[Change],
            names: dict[str, str], fylker: dict[str, str], existed
            ) -> tuple[dict, list[str]]:
    """The registry row for a kommune today, and notes on what could not be mapped."""
    notes: list[str] = []
    current, passed = number, {number}
    while current not in names:  # a number the registry still has, replaced at a reform
        onward = {c.new for c in changes if c.old == current and c.new != current}
        if len(onward) == 1 and onward & passed:
            raise DataError(f"KLASS 131 changes: {current} leads back to itself")
        if len(onward) != 1:
            what = (f"was split into {', '.join(sorted(onward))}" if onward
                    else "is not a kommune today and KLASS has no successor")
            raise DataError(f"data/kommuner.csv: {current} {what}; one kommune's series cannot "
                            f"be followed — edit the registry by hand")
        current = onward.pop()
        passed.add(current)
    stored: dict[str, dt.date] = {}
    refused: set[str] = set()  # old numbers KLASS shows merged or split: never stored
    frontier = [current]
    while frontier:
        code = frontier.pop()
        for change in [c for c in changes if c.new == code and c.old != code]:
            merged = sorted({c.old for c in changes if c.new == code and c.on == change.on})
            split = sorted({c.new for c in changes if c.old == change.old and c.on == change.on})
            if len(merged) > 1 or len(split) > 1 or existed(code, change.on):
                refused.add(change.old)
            if len(merged) > 1:
                notes.append(f"{change.on.isoformat()}: formed from {', '.join(merged)} "
                             f"(merged); figures under the old numbers are not summed, so "
                             f"they are not stored as earlier numbers")
                continue
            if existed(code, change.on):
                notes.append(f"{change.on.isoformat()}: {change.old} was merged into {code}, "
                             f"which was in use already; {change.old}'s figures are not "
                             f"added to it, so it is not stored as an earlier number")
                continue
            if len(split) > 1:
                notes.append(f"{change.on.isoformat()}: {change.old} was split into "
                             f"{', '.join(split)}; its figures cannot be given to one of them")
                continue
            if change.old not in stored:
                stored[change.old] = change.on
                frontier.append(change.old)
    mid = [c for c, on in stored.items() if on == REFORM_2024]
    before = sorted((on, c) for c, on in stored.items() if on <= REFORM_2020)
    for code, on in stored.items():
        if code not in mid and (not before or code != before[-1][1]):
            notes.append(f"earlier number {code} (until {on.isoformat()}) has no column in "
                         f"the registry; not stored")
    if current[:2] not in fylker:
        raise DataError(f"KLASS 104 codes: no fylke {current[:2]} for {current} "
                        f"{names[current]}; the registry is left as it was")
    row = {"kommunenummer": current, "navn": names[current], "fylkesnummer": current[:2],
           "fylke": fylker[current[:2]], "nummer_2020_2023": mid[0] if mid else "",
           "nummer_før_2020": before[-1][1] if before else ""}
    for column in ("nummer_2020_2023", "nummer_før_2020"):
        code = earlier.get(column, "")
        if not code or code in stored or code in refused or code == current:
            continue
        if row[column]:  # KLASS gives another number for the same period
            notes.append(f"{column}: KLASS gives {row[column]}, the registry had {code}")
            continue
        row[column] = code  # what KLASS does not mention is kept, never dropped quietly
        notes.append(f"earlier number {code} is not in KLASS's changes; kept as it was")
    return row, notes


__all__ = ["KLASS_URL", "update_registry"]
