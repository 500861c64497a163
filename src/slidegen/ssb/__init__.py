"""Fresh statistics from SSB: `slidegen data update` (PxWebApi v2) and `slidegen data import`
(files downloaded by hand from statistikkbanken), both applied to data/ all-or-nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..data import Data, load_data
from ..errors import DataError, display_path
from .client import BASE_URL, FetchError, PxWebClient
from .fetch import fetch_dataset
from .klass import update_registry
from .refresh import UpdateReport, apply_update


def update_data(folder: Path, names: list[str] | None = None, dry_run: bool = False,
                client: PxWebClient | None = None, decks_folder: Path | None = None,
                today: dt.date | None = None, progress=None) -> UpdateReport:
    """Fetch the named datasets (default: every dataset with a query) from SSB and apply them
    to data/ together; nothing is written unless every one arrived and passed the checks.
    progress, if given, is told while a call to SSB waits for its answer."""
    data = load_data(folder)
    chosen = _chosen(data, names)
    everything = data.declared
    owned = client is None
    client = client or PxWebClient()
    client.progress = progress or client.progress
    try:
        fetched = [fetch_dataset(client, everything[name], data.registry) for name in chosen]
    finally:
        if owned:
            client.close()
    return _apply(data, fetched, today or dt.date.today(), decks_folder, dry_run,
                  notes=[f"{client.calls} call(s) to {client.base_url}"])


def import_file(file: Path, folder: Path, dataset: str | None = None, dry_run: bool = False,
                decks_folder: Path | None = None, sums: tuple[str, ...] = ()) -> UpdateReport:
    """Merge a JSON-stat 2.0 or SSB CSV file downloaded from statistikkbanken into the dataset
    it belongs to (recognised by its table number, or named); `sums` names dimensions the
    dataset does not have (alder, kjønn) to sum out of the file, for stocks and flows only."""
    from .importing import read_download

    data = load_data(folder)
    fetched, summed = read_download(file, data, dataset, tuple(sums))
    retrieved = dt.date.fromtimestamp(file.stat().st_mtime)  # the day it was downloaded
    return _apply(data, [fetched], retrieved, decks_folder, dry_run,
                  notes=[f"imported {display_path(file)} into {fetched.dataset.name}; retrieved "
                         f"set to {retrieved.isoformat()} (the file's date)", *summed])


def _chosen(data: Data, names: list[str] | None) -> list[str]:
    everything = data.declared
    with_query = [n for n, d in everything.items() if d.meta.query is not None]
    if not names:
        if not with_query:
            raise DataError(f"{display_path(data.folder)}: no dataset has a 'query:' saying "
                            f"which SSB table it comes from")
        return with_query
    for name in names:
        if name not in everything:
            raise DataError(f"unknown dataset '{name}'; {display_path(data.folder)} has "
                            f"{', '.join(everything)}")
        if everything[name].meta.query is None:
            raise DataError(f"{name}: its metadata has no 'query:', so it cannot be fetched from "
                            f"SSB; datasets that can: {', '.join(with_query) or 'none'}")
    return list(dict.fromkeys(names))


def _apply(data: Data, fetched, retrieved: dt.date, decks_folder: Path | None, dry_run: bool,
           notes: list[str]) -> UpdateReport:
    from ..usage import decks_using

    decks_folder = decks_folder or data.folder.parent / "decks"
    using, warnings = (decks_using(decks_folder, data) if decks_folder.is_dir() else ({}, []))
    report = apply_update(data, fetched, retrieved, using, dry_run)
    report.notes = notes + [f"warning: {w}" for w in warnings]
    return report


__all__ = ["BASE_URL", "FetchError", "PxWebClient", "UpdateReport", "import_file",
           "update_data", "update_registry"]
