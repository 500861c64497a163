"""Regenerate data/utdanning.csv from SSB table 09429's counts in tools/sources/.

    python tools/build_utdanning.py [--data DIR]

Persons 16 and over by highest completed education (six levels), both sexes and by sex, for the
Telemark kommuner, 2004–2025. Only the counts are stored: SSB's per cent rows are left out, since
shares are computed from the counts (data/measures.yaml). The file names each kommune as it was
named in its period («Drangedal (-2019)», «Drangedal (2020-2023)», «Drangedal»): the name is
looked up in SSB's KLASS 131 version of that period to get its number, and the number is moved
to today's kommune through the registry. Where several numbers of one period became one kommune
(Bø (Telemark) 0821 and Sauherad 0822 → Midt-Telemark), their counts for a year are summed, and
only when all of them are there; a number whose kommune was later split is refused. Where the
files come from: tools/sources/PROVENANCE.md.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from slidegen.data.registry import Registry, load_registry  # noqa: E402

SOURCES = ROOT / "tools" / "sources"
SOURCE = SOURCES / "ssb-09429-utdanning-telemark-2004-2025.csv"
KLASS = SOURCES / "klass-131"
COUNT = "Personer 16 år og over"  # the per cent rows are «Personer 16 år og over (prosent)»
LEVELS = {"Grunnskolenivå": "grunnskole", "Videregående skolenivå": "videregående",
          "Fagskolenivå": "fagskole", "Universitets- og høgskolenivå, kort": "universitet_kort",
          "Universitets- og høgskolenivå, lang": "universitet_lang",
          "Uoppgitt eller ingen fullført utdanning": "uoppgitt"}
SEXES = {"Begge kjønn": "", "Kvinner": "_kvinner", "Menn": "_menn"}
VARIABLES = [level + sex for sex in SEXES.values() for level in LEVELS.values()]
# «Kragerø (1960-2019)», «Bø (Telemark) (-2019)», «Tinn (2020-2023)»; a plain name is today's
PERIOD_NAME = re.compile(r"^(?P<name>.+?) \((?P<first>\d{4})?-(?P<last>\d{4})\)$")


class SourceError(ValueError):
    """The source file cannot be turned into today's kommuner without guessing."""


class Names:
    """Kommune names in SSB's KLASS 131 versions: a name as used up to a year → its number."""

    def __init__(self, folder: Path = KLASS):
        self.versions: dict[int, dict[str, list[str]]] = {}
        self.numbers: dict[int, set[str]] = {}
        for file in sorted(folder.glob("kommuneinndeling-*.json")):
            doc = json.loads(file.read_text(encoding="utf-8"))
            year = int(doc["validFrom"][:4])
            by_name: dict[str, list[str]] = defaultdict(list)
            for item in doc["classificationItems"]:
                by_name[item["name"]].append(item["code"])
            self.versions[year] = dict(by_name)
            self.numbers[year] = {item["code"] for item in doc["classificationItems"]}
        self.newest = max(self.versions)

    def version_for(self, last: int | None) -> int:
        """The KLASS version valid in a name's last year (None: today's names)."""
        if last is None:
            return self.newest
        found = [year for year in self.versions if year <= last]
        if not found:
            raise SourceError(f"no KLASS 131 version in {KLASS} covers names used until {last}")
        return max(found)

    def number(self, name: str, version: int) -> str:
        codes = self.versions[version].get(name, [])
        if len(codes) != 1:
            what = "no kommune" if not codes else f"{len(codes)} kommuner ({', '.join(codes)})"
            raise SourceError(f"«{name}» names {what} in KLASS 131 as of {version}")
        return codes[0]


def source_region(label: str, names: Names) -> tuple[str, int, int, int]:
    """«Drangedal (-2019)» → (number then, KLASS version, first year, last year it may cover)."""
    match = PERIOD_NAME.match(label)
    if match:
        last = int(match["last"])
        version = names.version_for(last)
        return names.number(match["name"], version), version, int(match["first"] or 0), last
    return names.number(label, names.newest), names.newest, names.newest, 9999


def today(number: str, registry: Registry) -> str:
    """Today's kommunenummer for an earlier one; a split kommune's number is refused."""
    current = registry.current_number(number)
    if current is None:
        why = registry.split_message(number)
        raise SourceError(f"kommune {number}: {why}" if why else
                          f"kommune {number} is not in the registry (data/kommuner.csv)")
    return current


def counts(registry: Registry, source: Path = SOURCE, names: Names | None = None
           ) -> dict[tuple[str, int, str], float | None]:
    """(today's kommunenummer, year, variable) → persons, None where SSB gave no figure."""
    names = names or Names()
    # (kommune, year, variable) → {number then: value}; a number twice is a year counted twice
    parts: dict[tuple[str, int, str], dict[str, float | None]] = defaultdict(dict)
    versions: dict[tuple[str, int], set[int]] = defaultdict(set)
    with source.open(encoding="utf-8-sig", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            if row["Variabel"] != COUNT:
                continue
            number, version, first, last = source_region(row["Kommune"], names)
            year = int(row["År"])
            if not first <= year <= last:
                raise SourceError(f"{source.name}:{line}: «{row['Kommune']}» has a figure for "
                                  f"{year}, outside the years its name was used")
            kommune = today(number, registry)
            variable = LEVELS[row["Utdanningsnivå"]] + SEXES[row["Kjønn"]]
            key = (kommune, year, variable)
            if number in parts[key]:
                raise SourceError(f"{source.name}:{line}: {variable} {year} for kommune "
                                  f"{number} is given twice")
            text = row["Verdi"].strip()
            if text and not float(text).is_integer():
                raise SourceError(f"{source.name}:{line}: a count of persons that is not a "
                                  f"whole number: '{text}'")
            parts[key][number] = float(text) if text else None
            versions[(kommune, year)].add(version)
    wanted_cache: dict[tuple[str, int], set[str]] = {}

    def parts_of(kommune: str, version: int) -> set[str]:
        """The numbers in a KLASS version that are this kommune today (several: a merge)."""
        if (kommune, version) not in wanted_cache:
            wanted_cache[(kommune, version)] = {n for n in names.numbers[version]
                                                if registry.current_number(n) == kommune}
        return wanted_cache[(kommune, version)]

    out: dict[tuple[str, int, str], float | None] = {}
    for (kommune, year, variable), by_number in parts.items():
        used = versions[(kommune, year)]
        if len(used) > 1:  # e.g. «Tinn (-2019)» and «Tinn (2020-2023)» both with 2020
            raise SourceError(f"{registry.kommuner[kommune].name} ({kommune}) {year} is given "
                              f"under the names of more than one period (KLASS "
                              f"{', '.join(map(str, sorted(used)))}): it would be counted twice")
        # every number of that period that became this kommune, or the sum would be too small
        wanted = parts_of(kommune, next(iter(used)))
        if set(by_number) != wanted:
            missing = ", ".join(sorted(wanted - set(by_number)))
            raise SourceError(f"{registry.kommuner[kommune].name} ({kommune}) {year} "
                              f"{variable}: the file has {', '.join(sorted(by_number))} but "
                              f"not {missing}, which also became part of it")
        values = list(by_number.values())
        # merged kommuner: a count is the sum of its parts; a missing part leaves it missing
        out[(kommune, year, variable)] = (None if any(v is None for v in values)
                                          else sum(values))
    return out


def rows_csv(data: Path, source: Path = SOURCE) -> str:
    """The dataset's CSV: region, period, variable, value, in registry order, then by variable
    (as declared in utdanning.yaml) and year; a missing figure is an empty value."""
    registry = load_registry(data)
    found = counts(registry, source)
    order = {v: i for i, v in enumerate(VARIABLES)}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["region", "period", "variable", "value"])
    for kommune, year, variable in sorted(found, key=lambda k: (registry.order(k[0]),
                                                                order[k[2]], k[1])):
        value = found[(kommune, year, variable)]
        writer.writerow([kommune, year, variable, "" if value is None else f"{value:.0f}"])
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    args = parser.parse_args()
    try:
        text = rows_csv(args.data)
    except SourceError as exc:
        sys.exit(f"error: {exc}")
    (args.data / "utdanning.csv").write_text(text, "utf-8")
    print(f"{args.data / 'utdanning.csv'}: {text.count(chr(10)) - 1} rows")


if __name__ == "__main__":
    main()
