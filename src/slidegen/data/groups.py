"""Groups of kommuner made from data rather than listed by hand (kommuner.yaml's
`derived_groups:`): one per fylke from kommuner.csv, one per centrality class from
sentralitet.csv, and unions of classes such as sentralitet-5-6, Distriktssenteret's core."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field
from slugify import slugify

from ..errors import DataError, display_path
from ..files import utf8_or_error
from ..i18n import LANGUAGES, N_, SOURCE, translator

CENTRALITY = ("sentralitet.csv", "sentralitetsklasse")  # the dataset and variable of the classes


@dataclass(frozen=True)
class Group:
    """A named list of kommuner, e.g. distriktskommuner-telemark."""

    id: str
    name: str
    members: tuple[str, ...]  # current kommunenummer, in the order given
    translated: tuple[tuple[str, str], ...] = ()  # (language, name) besides the Bokmål name

    @property
    def names(self) -> dict[str, str]:
        """The group's name per language, for a chart that names it."""
        return {SOURCE: self.name, **dict(self.translated)}


def _named(gid: str, members: tuple[str, ...], message: str, **values: object) -> Group:
    """A derived group named by a message, in every language slidegen writes."""
    names = {code: translator(code)(message, **values) for code in LANGUAGES}
    return Group(gid, names.pop(SOURCE), members, tuple(names.items()))


class Registry(Protocol):
    """What groups need of the kommune registry (data.registry.Registry, which imports this
    module to make its groups)."""

    kommuner: dict
    groups: dict

    def order(self, number: str) -> int: ...

    def current_number(self, code: str) -> str | None: ...

    def members(self, group: str) -> list[str]: ...


class GroupRule(BaseModel):
    """One rule: `from: fylke` or `from: sentralitet` (with `combine: [[5, 6]]`)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    source: Literal["fylke", "sentralitet"] = Field(
        alias="from", description="fylke: fylke-<name> per fylke; sentralitet: sentralitet-<k> "
                                  "per SSB centrality class (data/sentralitet.csv).")
    combine: list[list[int]] = Field(
        default_factory=list, description="Classes joined in one group: [[5, 6]] gives "
                                          "sentralitet-5-6.")


def derived_groups(rules: list[GroupRule], registry: Registry, folder: Path, meta_file: Path
                   ) -> dict[str, Group]:
    """Group id → group, for every rule, members in registry order."""
    out: dict[str, Group] = {}
    for rule in rules:
        if rule.source == "fylke":
            fylker: dict[str, list[str]] = {}
            for k in registry.kommuner.values():
                fylker.setdefault(k.fylke, []).append(k.number)
            for fylke, members in fylker.items():
                gid = f"fylke-{slugify(fylke)}"
                out[gid] = _named(gid, tuple(members), N_("Kommuner i {fylke}"), fylke=fylke)
            continue
        classes = centrality_classes(folder, registry)
        by_class: dict[int, list[str]] = {}
        for number, k in sorted(classes.items(), key=lambda item: registry.order(item[0])):
            by_class.setdefault(k, []).append(number)
        for k in sorted(by_class):
            out[f"sentralitet-{k}"] = _named(f"sentralitet-{k}", tuple(by_class[k]),
                                             N_("Sentralitetsklasse {k}"), k=k)
        for combined in rule.combine:
            unknown = [k for k in combined if k not in by_class]
            if unknown:
                raise DataError(f"{display_path(meta_file)}: derived_groups: no kommune has "
                                f"centrality class {unknown[0]} in {CENTRALITY[0]}")
            gid = "sentralitet-" + "-".join(str(k) for k in combined)
            out[gid] = _named(gid, tuple(n for n in registry.kommuner
                                         if classes.get(n) in combined),
                              N_("Sentralitetsklasse {k}"), k="–".join(str(k) for k in combined))
    return out


def centrality_classes(folder: Path, registry: Registry) -> dict[str, int]:
    """Kommunenummer of today → SSB's centrality class, its newest year in sentralitet.csv."""
    file = folder / CENTRALITY[0]
    if not file.is_file():
        raise DataError(f"{display_path(file)}: missing; kommuner.yaml derives groups from it")
    newest: dict[str, tuple[str, int]] = {}
    with utf8_or_error(file), file.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if (row.get("variable") or "").strip() != CENTRALITY[1]:
                continue
            number = registry.current_number(row["region"] or "")
            try:
                value = int(float(row["value"]))
            except (TypeError, ValueError):
                continue  # the dataset loader reports a bad value, with its line
            if number and (number not in newest or row["period"] > newest[number][0]):
                newest[number] = (row["period"], value)
    return {number: value for number, (_, value) in newest.items()}


def describe_groups(registry: Registry) -> list[str]:
    """`slidegen data groups`: each group's id, name and how many kommuner it has."""
    rows = [("all", "Alle kommuner", len(registry.kommuner))]
    rows += [(g.id, g.name, len(g.members)) for g in registry.groups.values()]
    width = max(len(gid) for gid, _, _ in rows)
    return [f"{gid:<{width}}  {name} ({count} {'kommune' if count == 1 else 'kommuner'})"
            for gid, name, count in rows]


def describe_kommuner(registry: Registry, folder: Path, group: str = "all") -> list[str]:
    """`slidegen data kommuner [GROUP]`: number, name, fylke and centrality class of each
    kommune in the group, in registry order; LookupError for an unknown group."""
    members = registry.members(group)
    classes = (centrality_classes(folder, registry) if (folder / CENTRALITY[0]).is_file()
               else {})
    lines = []
    for number in members:
        k = registry.kommuner[number]
        centrality = classes.get(number)
        lines.append(f"{number}  {k.name}, {k.fylke}, sentralitet "
                     f"{centrality if centrality is not None else '..'}")
    return lines
