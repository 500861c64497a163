"""Fetching one dataset from SSB: read the table's metadata, check every code of the dataset's
query against it, then ask for exactly the cells needed."""

from __future__ import annotations

import re

from ..data.datasets import Dataset
from ..data.registry import Registry
from ..data.ssb_query import SsbQuery
from ..errors import DataError, display_path
from .client import PxWebClient
from .jsonstat import Cube
from .rows import Fetched, check_dimensions_match, rows_from_cubes

YEARS = re.compile(r"^(top|bottom|from|to)\((\d+)\)$|^range\((\d+),\s*(\d+)\)$")


def fetch_dataset(client: PxWebClient, dataset: Dataset, registry: Registry) -> Fetched:
    query = dataset.meta.query
    if query is None:
        raise DataError(f"{display_path(dataset.file.with_suffix('.yaml'))}: {dataset.name} has "
                        f"no 'query:' saying which SSB table it comes from")
    check_dimensions_match(dataset)  # before any call: a local mistake costs no request
    meta = client.metadata(query.table)
    selection = checked_selection(meta, query, dataset, registry)
    codelists = {query.region.dimension: query.region.codelist} if query.region.codelist else {}
    cubes = client.data(query.table, selection, codelists)
    rows = rows_from_cubes(cubes, dataset, registry, f"SSB table {query.table}")
    used = {"table": query.table, "selection": selection, **({"codelists": codelists}
                                                              if codelists else {})}
    return Fetched(dataset, rows, f"SSB table {query.table}", used)


def checked_selection(meta: Cube, query: SsbQuery, dataset: Dataset, registry: Registry
                      ) -> dict[str, list[str]]:
    """The selection to send, after checking it against the table's metadata; DataError lists
    every code the table does not have, with what it has instead."""
    where = f"{display_path(dataset.file.with_suffix('.yaml'))}: query"
    dims = {d.id: d for d in meta.dimensions}
    problems: list[str] = []
    try:
        wanted_kommuner = registry.members(query.region.kommuner)
    except LookupError as exc:
        raise DataError(f"{where}.region.kommuner: {exc.args[0]}") from None
    if query.region.codelist:  # the code list joins each kommune's old and new numbers
        regions = [query.region.prefix + number for number in wanted_kommuner]
    else:  # ask for every number each kommune has had, where the table has it
        region_dim = dims.get(query.region.dimension)
        have = set(region_dim.codes) if region_dim else set()
        regions = []
        for kommune in (registry.kommuner[number] for number in wanted_kommuner):
            found = [n for n in (kommune.number, *kommune.earlier) if n in have]
            if region_dim and not found:
                problems.append(f"{where}: SSB table {query.table} has no region for "
                                f"{kommune.name} ({kommune.number}, earlier "
                                f"{', '.join(kommune.earlier) or 'none'})")
            regions += found
    wanted = query.selection(regions)
    for dim, codes in wanted.items():
        if dim not in dims:
            problems.append(f"{where}: SSB table {query.table} has no dimension '{dim}'; it has "
                            f"{', '.join(dims)}")
            continue
        if dim == query.time:
            try:
                wanted[dim] = resolve_years(codes[0], list(dims[dim].codes))
            except ValueError as exc:
                problems.append(f"{where}.years: {exc}")
            continue
        if dim == query.region.dimension:
            if not query.region.codelist:
                continue  # chosen from the table's own region codes above
            if query.region.codelist not in dims[dim].codelists:
                problems.append(f"{where}.region.codelist: SSB table {query.table} has no code "
                                f"list '{query.region.codelist}' for {dim}; it has "
                                f"{', '.join(dims[dim].codelists) or 'none'}")
            continue  # the code list's codes are checked by SSB when the data is asked for
        unknown = [c for c in codes if c not in dims[dim].codes]
        if unknown:
            offered = ", ".join(f"{c} ({dims[dim].labels[c]})" for c in dims[dim].codes[:12])
            problems.append(f"{where}: SSB table {query.table} has no {dim} "
                            f"{', '.join(unknown)}; it has {offered}"
                            f"{' …' if len(dims[dim].codes) > 12 else ''}")
    for dim in dims.values():
        if dim.id not in wanted and not dim.eliminable:
            problems.append(f"{where}: SSB table {query.table} needs a selection for "
                            f"'{dim.id}' (it cannot be left out); add it to the variables or "
                            f"dimensions")
    if problems:
        raise DataError("\n".join(problems))
    return wanted


def resolve_years(expression: str, codes: list[str]) -> list[str]:
    """SSB's selection of years against the years the table has: *, top(10), bottom(3),
    from(2014), to(2020), range(2014,2023) or a list '2023,2024'."""
    expression = expression.strip()
    if expression == "*":
        return codes
    match = YEARS.match(expression.replace(" ", ""))
    if match and match.group(1):
        kind, n = match.group(1), match.group(2)
        picked = {"top": codes[-int(n):] if int(n) else [], "bottom": codes[:int(n)],
                  "from": [c for c in codes if c >= n], "to": [c for c in codes if c <= n]}[kind]
    elif match:
        first, last = match.group(3), match.group(4)
        picked = [c for c in codes if first <= c <= last]
    else:
        listed = [c.strip() for c in expression.split(",")]
        missing = [c for c in listed if c not in codes]
        if missing:
            raise ValueError(f"the table has no year {', '.join(missing)}; it has "
                             f"{codes[0]}–{codes[-1]}")
        picked = listed
    if not picked:
        raise ValueError(f"'{expression}' selects no year; the table has {codes[0]}–{codes[-1]}")
    return picked
