"""KLASS 131's versions and code changes → the rows of data/kommuner.csv.

One function for both ways the registry is made: `tools/build_registry.py` from the KLASS files
copied into tools/sources/, and `slidegen data update kommuner` from the live API. No network
here: the callers fetch or read, this turns what they got into rows.

Every old number is followed forward through the changes to the kommuner of today it became.
One kommune: the number is an earlier number of that kommune (several, when kommuner merged).
More than one: the kommune was split (Tysfjord and Snillfjord in 2020, Ålesund in 2024), and the
number is written in each successor's row marked `(delt)`, so that a figure under it is refused
with a message naming the split instead of being given to one of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..data.registry import COLUMNS, SEPARATOR, SPLIT_MARK
from ..errors import DataError

REFORM_2020 = dt.date(2020, 1, 1)
UNKNOWN = "9999"  # KLASS's «Uoppgitt»: no kommune, no fylke


@dataclass(frozen=True)
class Change:
    """One line of KLASS 131's changes: old code became new code on a date."""

    old: str
    new: str
    on: dt.date
    old_name: str = ""


def destinations(current: set[str], changes: list[Change]) -> dict[str, tuple[dt.date, set[str]]]:
    """Each number that changed → (when it stopped being used, the kommuner of today it became).

    Walks the changes from the newest back: before a date, a number means what the numbers it
    changed into mean after it; a number created on that date did not exist before it."""
    after: dict[str, set[str]] = {code: {code} for code in current}
    out: dict[str, tuple[dt.date, set[str]]] = {}
    for on in sorted({c.on for c in changes}, reverse=True):
        today = [c for c in changes if c.on == on]
        olds = {c.old for c in today}
        before = {code: dests for code, dests in after.items()
                  if code in olds or code not in {c.new for c in today}}
        for old in olds:
            dests = set().union(*(after.get(c.new, set()) for c in today if c.old == old))
            before[old] = dests
            if dests and dests != {old}:
                out.setdefault(old, (on, dests))  # the newest use of a reused number wins
        after = before
    return out


def registry_rows(names: dict[str, str], fylker: dict[str, str], changes: list[Change]
                  ) -> list[dict[str, str]]:
    """kommuner.csv's rows, in number order: today's kommuner (names as KLASS gives them) with
    the numbers they had 2020–2023 and before 2020; a split's number in each successor's row,
    marked."""
    names = {code: name for code, name in names.items() if code != UNKNOWN}
    for code in sorted(names):
        if code[:2] not in fylker:
            raise DataError(f"KLASS 104 codes: no fylke {code[:2]} for {code} {names[code]}; "
                            f"the registry is left as it was")
    earlier: dict[str, dict[str, list[str]]] = {
        code: {COLUMNS[4]: [], COLUMNS[5]: []} for code in names}
    for old, (until, dests) in sorted(destinations(set(names), changes).items()):
        column = COLUMNS[4] if until > REFORM_2020 else COLUMNS[5]
        for dest in dests:
            earlier[dest][column].append(old + (SPLIT_MARK if len(dests) > 1 else ""))
    return [{"kommunenummer": code, "navn": names[code], "fylkesnummer": code[:2],
             "fylke": fylker[code[:2]],
             **{col: SEPARATOR.join(nums) for col, nums in earlier[code].items()}}
            for code in sorted(names)]
