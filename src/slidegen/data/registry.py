"""The kommune registry: current numbers and names, earlier numbers, and named groups."""

from __future__ import annotations

import csv
import datetime as dt
import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from ..errors import DataError, display_path
from ..files import utf8_or_error
from ..i18n import Labels, split_labels
from ..yamlfile import validate_file
from ..yamlfile.positions import xml_unsafe
from .groups import Group, GroupRule, derived_groups

if TYPE_CHECKING:
    from ..spec.deck import Deck


@dataclass(frozen=True)
class Kommune:
    """A kommune as of 2024, with the numbers it had before the 2020 and 2024 reforms."""

    number: str
    name: str
    fylke: str
    earlier: tuple[str, ...]
    fylkesnummer: str = ""

    @property
    def label(self) -> str:
        return self.name


class GroupSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)
    name: Labels = Field(description="The group's name, or one per language: {nb: …, nn: …}.")
    kommuner: list[str] = Field(min_length=1)


class RegistryMeta(BaseModel):
    """kommuner.yaml: where the registry comes from, and the named groups."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    title: str
    source: str
    source_url: str | None = None
    licence: str | None = None
    retrieved: dt.date | None = None
    note: str | None = None
    groups: dict[str, GroupSpec] = Field(default_factory=dict)
    derived_groups: list[GroupRule] = Field(
        default_factory=list, description="Groups made from data, not listed by hand: one per "
                                          "fylke, one per centrality class, …")


COLUMNS = ["kommunenummer", "navn", "fylkesnummer", "fylke", "nummer_2020_2023",
           "nummer_før_2020"]
SEPARATOR = " "  # between several earlier numbers in one cell (kommuner merged into one)
SPLIT_MARK = "(delt)"  # after a number whose kommune was split: it names no single kommune
PERIODS = {"nummer_2020_2023": "2020–2023", "nummer_før_2020": "before 2020"}


@dataclass(frozen=True)
class Split:
    """An earlier number whose kommune was split: it belongs to several kommuner of today."""

    number: str
    period: str  # when it was in use: 2020–2023 or before 2020
    into: tuple[str, ...]  # today's kommunenummer


class Registry:
    """Look kommuner up by current or earlier number, or by name; groups by id."""

    def __init__(self, kommuner: list[Kommune], groups: dict[str, Group], meta: RegistryMeta,
                 source: Path | None = None, splits: dict[str, Split] | None = None):
        self.kommuner = {k.number: k for k in kommuner}
        self.groups = groups
        self.meta = meta
        self.source = source  # kommuner.csv, which an unknown kommune's message points to
        self.splits = splits or {}
        self._by_old = {old: k for k in kommuner for old in k.earlier}
        self._by_name = {k.name.casefold(): k for k in kommuner}
        for k in kommuner:  # «Kárášjohka - Karasjok» is found as Karasjok too
            for part in k.name.split(" - ") if " - " in k.name else ():
                self._by_name.setdefault(part.casefold(), k)
        self._order = {number: i for i, number in enumerate(self.kommuner)}

    def order(self, number: str) -> int:
        """Position in the registry: tables list kommuner in this order."""
        return self._order[number]

    def split_message(self, code: str) -> str | None:
        """Why an earlier number names no single kommune, if its kommune was split."""
        split = self.splits.get(code.strip().zfill(4) if code.strip().isdigit() else code)
        if split is None:
            return None
        into = [f"{self.kommuner[n].name} ({n})" for n in split.into]
        joined = ", ".join(into[:-1]) + " and " + into[-1]
        how = ("was split in 2024 into" if split.period == PERIODS["nummer_2020_2023"] else
               "was split, or merged into a kommune later split, between")
        return (f"{split.number} (used {split.period}) {how} {joined}: a figure under "
                f"{split.number} belongs to {'neither' if len(into) == 2 else 'none of them'}"
                f" alone")

    def current_number(self, code: str) -> str | None:
        """The 2024 number for a current or earlier kommunenummer; None if unknown."""
        code = code.strip().zfill(4) if code.strip().isdigit() else code.strip()
        if code in self.kommuner:
            return code
        old = self._by_old.get(code)
        return old.number if old else None

    def group(self, ref: str) -> Group | None:
        """A group by id, case-insensitive; None if there is none."""
        wanted = ref.strip().casefold()
        return next((g for gid, g in self.groups.items() if gid.casefold() == wanted), None)

    def members(self, ref: str) -> list[str]:
        """The kommuner of a group (or 'all'), any case, in registry order; LookupError if
        there is no such group."""
        if ref.strip().casefold() == "all":
            return list(self.kommuner)
        group = self.group(ref)
        if group is None:
            close = difflib.get_close_matches(ref.strip().casefold(),
                                              [g.casefold() for g in self.groups], n=1)
            hint = (f" — did you mean '{close[0]}'?" if close else
                    f"; {len(self.groups)} groups or 'all' (slidegen data groups lists them)")
            raise LookupError(f"unknown group '{ref}'{hint}")
        return sorted(group.members, key=self.order)

    def find(self, ref: str | int) -> Kommune:
        """A kommune by number (current or earlier) or name, case-insensitive."""
        text = str(ref).strip()
        number = self.current_number(text) if text.isdigit() else None
        if number:
            return self.kommuner[number]
        by_name = self._by_name.get(text.casefold())
        if by_name:
            return by_name
        group = self.group(text)
        if group is not None:
            raise GroupNotKommune(text, group)
        raise LookupError(f"unknown kommune '{text}'{self._hint(text)}")

    def _hint(self, text: str) -> str:
        """The kommune whose name is closest, whatever the case; else where the names are."""
        close = difflib.get_close_matches(text.casefold(), list(self._by_name), n=1, cutoff=0.6)
        if close:
            return f" — did you mean '{self._by_name[close[0]].name}'?"
        where = display_path(self.source) if self.source else "kommuner.csv"
        return f" (not a kommune's name or number in {where})"


class GroupNotKommune(LookupError):
    """find() was given a group's id; the caller says how a group is chosen where it is used."""

    def __init__(self, text: str, group: Group):
        self.group = group
        super().__init__(f"'{text}' is a group of kommuner, not one kommune")


def deck_kommune(deck: Deck, registry: Registry) -> Kommune:
    """The kommune a deck's own 'kommune:' names; one the registry does not know is a SpecError
    at that line of the deck."""
    try:
        return registry.find(deck.kommune or "")
    except LookupError as exc:
        raise deck.problem("kommune", exc.args[0]) from None


def _check_unique(kommuner: list[Kommune], splits: dict[str, Split], csv_file: Path) -> None:
    """A number (current or earlier) names one kommune only: a second one would silently win.
    Only a number marked (delt) is written in several rows, and it is marked in each."""
    first: dict[str, tuple[int, str]] = {}
    problems = []
    for line, k in enumerate(kommuner, start=2):
        if k.number in first and first[k.number][1] == k.number:
            problems.append(f"{display_path(csv_file)}:{line}: kommune {k.number} is listed "
                            f"twice (first on line {first[k.number][0]})")
            continue
        for number in (k.number, *k.earlier):
            if number in splits:
                problems.append(f"{display_path(csv_file)}:{line}: number {number} is marked "
                                f"{SPLIT_MARK} in another row: mark it here too, or not there")
            elif number in first:
                problems.append(f"{display_path(csv_file)}:{line}: number {number} is already "
                                f"used on line {first[number][0]} ({first[number][1]})")
            first.setdefault(number, (line, k.number))
    if problems:
        raise DataError("\n".join(problems))


def _read_kommuner(csv_file: Path) -> tuple[list[Kommune], dict[str, Split]]:
    with utf8_or_error(csv_file):  # Excel on Windows saves Latin-1: say where, and what to do
        return _read_kommuner_text(csv_file)


def _read_kommuner_text(csv_file: Path) -> tuple[list[Kommune], dict[str, Split]]:
    kommuner: list[Kommune] = []
    into: dict[str, tuple[str, list[str]]] = {}
    with csv_file.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != COLUMNS:
            raise DataError(f"{display_path(csv_file)}:1: expected columns "
                            f"{', '.join(COLUMNS)}; found {', '.join(reader.fieldnames or [])}")
        for line, row in enumerate(reader, start=2):
            for column, text in row.items():  # a name the .pptx could not hold, named here
                bad = xml_unsafe(text or "") if isinstance(text, str) else None
                if bad:
                    raise DataError(f"{display_path(csv_file)}:{line}: {column}: {bad}")
            number = row["kommunenummer"].strip()
            earlier = []
            for column in COLUMNS[4:]:
                for code in (row[column] or "").split():
                    plain = code.removesuffix(SPLIT_MARK)
                    if not (plain.isdigit() and len(plain) == 4):
                        raise DataError(f"{display_path(csv_file)}:{line}: {column}: expected "
                                        f"four-digit numbers separated by spaces, a split one "
                                        f"followed by {SPLIT_MARK}; found '{code}'")
                    if plain != code:
                        into.setdefault(plain, (PERIODS[column], []))[1].append(number)
                    else:
                        earlier.append(code)
            if not (number.isdigit() and len(number) == 4):
                raise DataError(f"{display_path(csv_file)}:{line}: kommunenummer: expected four "
                                f"digits, found '{number}'")
            kommuner.append(Kommune(number, row["navn"].strip(), row["fylke"].strip(),
                                    tuple(earlier), row["fylkesnummer"].strip()))
    splits = {n: Split(n, period, tuple(members)) for n, (period, members) in into.items()}
    return kommuner, splits


def load_registry(folder: Path) -> Registry:
    csv_file, meta_file = folder / "kommuner.csv", folder / "kommuner.yaml"
    for f in (csv_file, meta_file):
        if not f.is_file():
            raise DataError(f"{display_path(f)}: the kommune registry is missing")
    meta = validate_file(RegistryMeta, meta_file)
    kommuner, splits = _read_kommuner(csv_file)
    _check_unique(kommuner, splits, csv_file)
    registry = Registry(kommuner, {}, meta, csv_file, splits)
    for gid, spec in meta.groups.items():
        # a group written before a reform may list earlier numbers: they name the same kommune
        members = [registry.current_number(m.zfill(4)) for m in spec.kommuner]
        unknown = [m for m, found in zip(spec.kommuner, members, strict=True) if found is None]
        if unknown:
            raise DataError(f"{display_path(meta_file)}: groups.{gid}: unknown kommunenummer "
                            f"{', '.join(unknown)} (not in {csv_file.name})")
        name, translated = split_labels(spec.name)
        registry.groups[gid] = Group(gid, name, tuple(m for m in members if m), translated)
    registry.groups.update(derived_groups(meta.derived_groups, registry, folder, meta_file))
    return registry
