"""The kommune registry from SSB's KLASS: classification 131 (kommuner) and 104 (fylker).

`slidegen data update kommuner` asks KLASS for today's kommuner and every change of number since
1971, and turns them into data/kommuner.csv with the same function as tools/build_registry.py
(`history.registry_rows`): each old number is followed to the kommune it became today (several
old numbers to one kommune where kommuner merged), and a number whose kommune was split is
marked in each successor's row, so that its figures are refused rather than given to one.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from ..data.registry import COLUMNS, SPLIT_MARK, load_registry
from ..errors import DataError
from .client import PxWebClient
from .history import Change, registry_rows
from .refresh import edit_yaml, staged_write

KLASS_URL = "https://data.ssb.no/api/klass/v1"
KOMMUNER, FYLKER = "131", "104"
FIRST_CHANGE = dt.date(1971, 1, 1)


@dataclass
class RegistryReport:
    lines_: list[str] = field(default_factory=list)
    written: bool = False

    def lines(self) -> list[str]:
        return self.lines_ + ["data/kommuner.csv updated" if self.written
                              else "dry run: nothing written"]


def update_registry(folder: Path, dry_run: bool = False, client: PxWebClient | None = None,
                    today: dt.date | None = None, progress=None) -> RegistryReport:
    """progress, if given, is told while a call to SSB waits for its answer."""
    today = today or dt.date.today()
    registry = load_registry(folder)
    owned = client is None
    client = client or PxWebClient(KLASS_URL)
    client.progress = progress or client.progress
    try:
        changes = _changes(client, today)
        names = _codes_at(client, KOMMUNER, today)
        fylker = _codes_at(client, FYLKER, today, short=True)
    finally:
        if owned:
            client.close()
    rows = registry_rows(names, fylker, changes)
    report = RegistryReport()
    _keep_what_klass_does_not_mention(rows, _rows(folder), report)
    _check_nothing_lost(rows, registry)
    old = {row["kommunenummer"]: row for row in _rows(folder)}
    unchanged = 0
    for row in rows:
        before = old.get(row["kommunenummer"])
        if before == row:
            unchanged += 1
            continue
        earlier = " ".join(x for x in (row[COLUMNS[4]], row[COLUMNS[5]]) if x) or "none"
        report.lines_.append(f"{row['kommunenummer']} {row['navn']}: "
                             f"{'now' if before else 'new:'} {row['navn']} ({row['fylke']}), "
                             f"earlier {earlier}")
    report.lines_.append(f"{len(rows)} kommuner, {unchanged} unchanged")

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
    """kommuner.csv as written (load_registry has checked it)."""
    with (folder / "kommuner.csv").open(encoding="utf-8-sig", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _numbers(row: dict[str, str]) -> set[str]:
    return {code.removesuffix(SPLIT_MARK) for column in COLUMNS[4:] for code in row[column].split()}


def _keep_what_klass_does_not_mention(rows: list[dict[str, str]], old: list[dict[str, str]],
                                      report: RegistryReport) -> None:
    """An earlier number written by hand that KLASS does not know is kept, never dropped
    quietly, while its kommune still exists."""
    by_number = {row["kommunenummer"]: row for row in rows}
    known = {row["kommunenummer"] for row in rows} | {n for row in rows for n in _numbers(row)}
    for before in old:
        row = by_number.get(before["kommunenummer"])
        for column in COLUMNS[4:]:
            for code in before[column].split():
                if row is None or code.removesuffix(SPLIT_MARK) in known:
                    continue
                row[column] = " ".join(x for x in (row[column], code) if x)
                report.lines_.append(f"{row['kommunenummer']} {row['navn']}: earlier number "
                                     f"{code} is not in KLASS's changes; kept as it was")


def _check_nothing_lost(rows: list[dict[str, str]], registry) -> None:
    """A kommune of the registry that KLASS neither has today nor followed to one: the answer
    is incomplete, and writing it would lose that kommune's series."""
    known = {row["kommunenummer"] for row in rows} | {n for row in rows for n in _numbers(row)}
    lost = [f"{k.number} {k.name}" for k in registry.kommuner.values() if k.number not in known]
    if lost:
        more = f" and {len(lost) - 3} more" if len(lost) > 3 else ""
        raise DataError(f"KLASS 131: {', '.join(lost[:3])}{more} of data/kommuner.csv are "
                        f"neither kommuner today nor followed to one in KLASS's changes; the "
                        f"registry is left as it was")


def _changes(client: PxWebClient, today: dt.date) -> list[Change]:
    doc = client.get_json(f"/classifications/{KOMMUNER}/changes",
                          {"from": FIRST_CHANGE.isoformat(), "to": today.isoformat()},
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
                              dt.date.fromisoformat(item["changeOccurred"]),
                              str(item.get("oldName") or "")))
        except (KeyError, TypeError, ValueError):
            raise DataError(f"KLASS 131 changes: codeChanges[{i}]: expected oldCode, newCode "
                            f"and changeOccurred, found {item!r}") from None
    return out


def _codes_at(client: PxWebClient, classification: str, today: dt.date, short: bool = False
              ) -> dict[str, str]:
    """Code → name; with short, the short name where KLASS has one (fylke «Troms», not
    «Troms - Romsa - Tromssa»), as the registry's fylke column and group ids use."""
    doc = client.get_json(f"/classifications/{classification}/codesAt",
                          {"date": today.isoformat()}, f"KLASS {classification} codes")
    codes = doc.get("codes")
    if not isinstance(codes, list) or not codes:
        raise DataError(f"KLASS {classification} codes: expected a list of codes")
    return {str(c["code"]): str((short and c.get("shortName")) or c["name"])
            for c in codes if "code" in c and "name" in c}


__all__ = ["KLASS_URL", "update_registry"]
