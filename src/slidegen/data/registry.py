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
from ..yamlfile import validate_file

if TYPE_CHECKING:
    from ..spec.deck import Deck


@dataclass(frozen=True)
class Kommune:
    """A kommune as of 2024, with the numbers it had before the 2020 and 2024 reforms."""

    number: str
    name: str
    fylke: str
    earlier: tuple[str, ...]

    @property
    def label(self) -> str:
        return self.name


@dataclass(frozen=True)
class Group:
    """A named list of kommuner, e.g. distriktskommuner-telemark."""

    id: str
    name: str
    members: tuple[str, ...]  # current kommunenummer, in the order given


class GroupSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)
    name: str
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


COLUMNS = ["kommunenummer", "navn", "fylkesnummer", "fylke", "nummer_2020_2023",
           "nummer_før_2020"]


class Registry:
    """Look kommuner up by current or earlier number, or by name; groups by id."""

    def __init__(self, kommuner: list[Kommune], groups: dict[str, Group], meta: RegistryMeta,
                 source: Path | None = None):
        self.kommuner = {k.number: k for k in kommuner}
        self.groups = groups
        self.meta = meta
        self.source = source  # kommuner.csv, which an unknown kommune's message points to
        self._by_old = {old: k for k in kommuner for old in k.earlier}
        self._by_name = {k.name.casefold(): k for k in kommuner}

    def order(self, number: str) -> int:
        """Position in the registry: tables list kommuner in this order."""
        return list(self.kommuner).index(number)

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
            raise LookupError(f"unknown group '{ref}'; groups: {', '.join(self.groups)}, "
                              f"or 'all'")
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


def _check_unique(kommuner: list[Kommune], csv_file: Path) -> None:
    """A number (current or earlier) names one kommune only: a second one would silently win."""
    first: dict[str, tuple[int, str]] = {}
    problems = []
    for line, k in enumerate(kommuner, start=2):
        if k.number in first and first[k.number][1] == k.number:
            problems.append(f"{display_path(csv_file)}:{line}: kommune {k.number} is listed "
                            f"twice (first on line {first[k.number][0]})")
            continue
        for number in (k.number, *k.earlier):
            if number in first:
                problems.append(f"{display_path(csv_file)}:{line}: number {number} is already "
                                f"used on line {first[number][0]} ({first[number][1]})")
            first.setdefault(number, (line, k.number))
    if problems:
        raise DataError("\n".join(problems))


def load_registry(folder: Path) -> Registry:
    csv_file, meta_file = folder / "kommuner.csv", folder / "kommuner.yaml"
    for f in (csv_file, meta_file):
        if not f.is_file():
            raise DataError(f"{display_path(f)}: the kommune registry is missing")
    meta = validate_file(RegistryMeta, meta_file)
    kommuner = []
    with csv_file.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != COLUMNS:
            raise DataError(f"{display_path(csv_file)}:1: expected columns "
                            f"{', '.join(COLUMNS)}; found {', '.join(reader.fieldnames or [])}")
        for line, row in enumerate(reader, start=2):
            number = row["kommunenummer"].strip()
            if not (number.isdigit() and len(number) == 4):
                raise DataError(f"{display_path(csv_file)}:{line}: kommunenummer: expected four "
                                f"digits, found '{number}'")
            earlier = tuple(row[c].strip() for c in COLUMNS[4:] if row[c].strip())
            kommuner.append(Kommune(number, row["navn"].strip(), row["fylke"].strip(), earlier))
    _check_unique(kommuner, csv_file)
    registry = Registry(kommuner, {}, meta, csv_file)
    for gid, spec in meta.groups.items():
        # a group written before a reform may list earlier numbers: they name the same kommune
        members = [registry.current_number(m.zfill(4)) for m in spec.kommuner]
        unknown = [m for m, found in zip(spec.kommuner, members, strict=True) if found is None]
        if unknown:
            raise DataError(f"{display_path(meta_file)}: groups.{gid}: unknown kommunenummer "
                            f"{', '.join(unknown)} (not in {csv_file.name})")
        registry.groups[gid] = Group(gid, spec.name, tuple(m for m in members if m))
    return registry
