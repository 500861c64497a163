"""Regenerate data/befolkning.csv from SSB table 07459 in tools/sources/.

    python tools/build_befolkning.py [--data DIR]

Population on 1 January for all 357 kommuner, 1986–2026, on 2024 borders (SSB summed older years
to today's kommuner with its agg_KommSummer code list). The seed deck's figures for the nine
distriktskommuner in Telemark (2023 and 2024, kept as transcribed in
seed-befolkning-telemark-2023-2024.csv) are checked against SSB's: the tool stops if one differs,
so the deck's old figures are never silently replaced by different ones. Years SSB cannot put on
2024 borders, around the three split kommuner, are stored as missing (see without_split_sums).
Where the files come from: tools/sources/PROVENANCE.md.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from slidegen.data.registry import PERIODS, load_registry  # noqa: E402

SOURCES = ROOT / "tools" / "sources"
SSB_FILE = SOURCES / "ssb-07459-befolkning-1986-2026.csv"
SEED_FILE = SOURCES / "seed-befolkning-telemark-2023-2024.csv"
VARIABLE = "befolkning"


class SourceProblem(Exception):
    """The source files disagree with each other or with the registry."""


def ssb_figures(data: Path) -> dict[tuple[str, int], str]:
    """(kommunenummer, year) → persons, every number checked against the registry."""
    registry = load_registry(data)
    figures: dict[tuple[str, int], str] = {}
    with SSB_FILE.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            where = f"{SSB_FILE.name}:{line}"
            number, value = row["kom2024"].strip(), row["befolkning"].strip()
            kommune = registry.find(number)
            if kommune.number != number:
                raise SourceProblem(f"{where}: {number} is not a 2024 kommunenummer")
            if not value.isdigit():
                raise SourceProblem(f"{where}: expected a number of persons, found '{value}'")
            key = (number, int(row["aar"]))
            if key in figures:
                raise SourceProblem(f"{where}: {number} {key[1]} is given twice")
            figures[key] = value
    return figures


def without_split_sums(figures: dict[tuple[str, int], str], data: Path
                       ) -> dict[tuple[str, int], str]:
    """The figures, with those SSB's summing to 2024 borders cannot give marked missing ('').

    Where a kommune was split (Tysfjord and Snillfjord in 2020, Ålesund in 2024), SSB's
    agg_KommSummer cannot place its people: the kommuner that took over a part show 0 for the
    years before the split, and one of them may show the whole old kommune (Ålesund 2020–2023
    includes Haram, which shows 0). Neither is a population on 2024 borders: a 0 is missing,
    and so is, for the same year, every kommune sharing the split number with it."""
    registry = load_registry(data)
    # kommune → the kommuner sharing a split number with it, per period of numbers
    siblings: dict[tuple[str, str], set[str]] = {}
    for split in registry.splits.values():
        for number in split.into:
            siblings.setdefault((split.period, number), set()).update(split.into)
    out = dict(figures)
    for (number, year), value in figures.items():
        if value == "0":
            period = PERIODS["nummer_2020_2023"] if 2020 <= year <= 2023 else (
                PERIODS["nummer_før_2020"])
            for kommune in siblings.get((period, number), {number}):
                out[kommune, year] = ""
    return out


def check_seed(figures: dict[tuple[str, int], str]) -> int:
    """Every figure the seed deck printed must be SSB's; the number of figures checked."""
    with SEED_FILE.open(encoding="utf-8", newline="") as handle:
        seed = list(csv.DictReader(handle))
    for line, row in enumerate(seed, start=2):
        ssb = figures.get((row["region"], int(row["period"])))
        if ssb != row["value"]:
            raise SourceProblem(f"{SEED_FILE.name}:{line}: the seed deck has {row['value']} for "
                                f"{row['region']} {row['period']}, SSB 07459 has {ssb}")
    return len(seed)


def rows_csv(data: Path) -> str:
    """The dataset's CSV: region, period, variable, value, in registry order, then by year."""
    registry = load_registry(data)
    figures = ssb_figures(data)
    check_seed(figures)
    figures = without_split_sums(figures, data)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["region", "period", "variable", "value"])
    for number, year in sorted(figures, key=lambda k: (registry.order(k[0]), k[1])):
        writer.writerow([number, year, VARIABLE, figures[number, year]])
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    args = parser.parse_args()
    try:
        text = rows_csv(args.data)
    except SourceProblem as problem:
        sys.exit(f"build_befolkning: {problem}")
    (args.data / "befolkning.csv").write_text(text, encoding="utf-8")
    print(f"{args.data / 'befolkning.csv'}: {text.count(chr(10)) - 1} rows")


if __name__ == "__main__":
    main()
