"""Regenerate data/kommuner.csv and data/sentralitet.csv from the files in tools/sources/.

    python tools/build_registry.py [--data DIR]

The registry comes from SSB's KLASS 131 (kommuneinndeling 2024 and every change of number since
1972), the fylke names from KLASS 104's numbers, centrality from KLASS 128. This is what
`slidegen data update kommuner` does from the live API, with the same function
(slidegen.ssb.history.registry_rows), so a fresh clone regenerates data/ without the network.
Where the files come from: tools/sources/PROVENANCE.md.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from slidegen.data.registry import COLUMNS  # noqa: E402
from slidegen.ssb.history import Change, registry_rows  # noqa: E402

SOURCES = ROOT / "tools" / "sources"


def kommuner_csv() -> str:
    version = json.loads((SOURCES / "klass-131" / "kommuneinndeling-2024.json").read_text())
    names = {item["code"]: item["name"] for item in version["classificationItems"]}
    fylker = {f["id"]: f["name"] for f in
              json.loads((SOURCES / "fylker-2024.json").read_text(encoding="utf-8"))}
    doc = json.loads((SOURCES / "klass-131" / "changes-1971-2025.json").read_text())
    changes = [Change(c["oldCode"], c["newCode"], dt.date.fromisoformat(c["changeOccurred"]),
                      c["oldName"]) for c in doc["codeChanges"]]
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(registry_rows(names, fylker, changes))
    return out.getvalue()


def sentralitet_csv() -> str:
    """KLASS 128's class and index per kommune, as a tidy dataset for 2024."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["region", "period", "variable", "value"])
    with (SOURCES / "klass-128-sentralitet-2024.csv").open(encoding="utf-8", newline="") as f:
        rows = sorted(csv.DictReader(f), key=lambda r: r["kom2024"])
    for row in rows:
        writer.writerow([row["kom2024"], 2024, "sentralitetsklasse", row["sent_klasse"]])
        writer.writerow([row["kom2024"], 2024, "sentralitetsindeks", row["sent_indeks"]])
    return out.getvalue()


def outputs() -> dict[str, str]:
    """File name in data/ → its text."""
    return {"kommuner.csv": kommuner_csv(), "sentralitet.csv": sentralitet_csv()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    args = parser.parse_args()
    for name, text in outputs().items():
        (args.data / name).write_text(text, encoding="utf-8")
        print(f"{args.data / name}: {text.count(chr(10)) - 1} rows")


if __name__ == "__main__":
    main()
