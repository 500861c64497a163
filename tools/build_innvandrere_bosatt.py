"""Regenerate data/innvandrere_bosatt.csv from SSB table 09817's shares in tools/sources/.

    python tools/build_innvandrere_bosatt.py [--data DIR]

The share of each Telemark kommune's population who are innvandrere (not counting norskfødte med
innvandrerforeldre) on 1 January 2025 and 2026, as SSB gives it (2025 in whole per cent, 2026
with two decimals), kommuner found by name in the registry. Where the files come from:
tools/sources/PROVENANCE.md.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from slidegen.data.registry import load_registry  # noqa: E402

SOURCES = ROOT / "tools" / "sources"
FILES = {2025: ("ssb-09817-innvandrerandel-telemark-2025.csv", ",", "Andel bosatt 2025"),
         2026: ("ssb-09817-innvandrerandel-telemark-2026.csv", ";", "Andel innvandrere (%)")}
VARIABLE = "andel_innvandrere"


def rows_csv(data: Path) -> str:
    """The dataset's CSV: region, period, variable, value, in registry order, then by year."""
    registry = load_registry(data)
    rows = []
    for year, (name, delimiter, column) in FILES.items():
        with (SOURCES / name).open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle, delimiter=delimiter):
                number = registry.find(row["Kommune"].strip()).number
                rows.append((registry.order(number), year, number, row[column].strip()))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["region", "period", "variable", "value"])
    writer.writerows([number, year, VARIABLE, value] for _, year, number, value in sorted(rows))
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    args = parser.parse_args()
    (args.data / "innvandrere_bosatt.csv").write_text(rows_csv(args.data), "utf-8")


if __name__ == "__main__":
    main()
