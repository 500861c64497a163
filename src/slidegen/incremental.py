"""Incremental builds: each output records a fingerprint of what it was built from — spec
files, template, pictures and styles, slidegen's code, and the data rows it read — so an
unchanged deck is skipped and a change to one kommune's data rebuilds only decks that read it."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from ._version import __version__
from .data import Data
from .inputs import input_files
from .spec.deck import Deck

PACKAGE = Path(__file__).resolve().parent
# The libraries that shape the output: an upgrade may change a deck built from the same inputs
# (python-pptx and lxml the XML, matplotlib and Pillow the charts, pandas and numpy the figures,
# Babel and Jinja the texts). The slide cache's key includes them too, through code_digest.
LIBRARIES = ("python-pptx", "lxml", "matplotlib", "Pillow", "pandas", "numpy", "babel",
             "Jinja2")


def state_file(output: Path) -> Path:
    """Beside the output, hidden: build/.kommunebesok-tinn.pptx.inputs.json."""
    return output.with_name(f".{output.name}.inputs.json")


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file(path: Path) -> str:
    try:
        return _digest(path.read_bytes())
    except OSError:
        return "missing"


def code_digest() -> str:
    """slidegen's own source and version, and the libraries' versions: a new slidegen, or a
    new matplotlib, rebuilds everything."""
    return hashlib.sha256(f"{__version__}\0{installed_versions()}\0{_source_digest()}"
                          .encode()).hexdigest()


@functools.cache  # the code this process runs does not change while it runs; reading every
def _source_digest() -> str:  # .py file took ~1.7 ms, three times a deck in a batch
    digest = hashlib.sha256()
    for source in sorted(PACKAGE.rglob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()


@functools.cache  # once per process: a batch takes the digest of every deck, twice
def installed_versions() -> str:
    """'python-pptx 1.0.2, lxml 6.1.3, …', read from the installed packages' metadata (without
    importing them: a deck that is not rebuilt never needs matplotlib or pandas)."""
    return ", ".join(f"{name} {_installed(name)}" for name in LIBRARIES)


def _installed(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


YEARS = "*years*"  # the 'region' whose digest is the dataset's first and newest year


def data_rows(data: Data, dataset: str, region: str) -> str:
    """A digest of one region's rows of a dataset (sorted, as CSV) and the dataset's metadata;
    for YEARS, of the years the dataset spans (relative periods count back from its newest)."""
    d = data.datasets[dataset]
    if region == YEARS:
        return _digest(f"{int(d.rows['start'].min())}-{d.newest_year}".encode())
    if region in d.broken:  # its bad row reads as missing: the problem must count, too
        return _digest("\n".join(d.broken[region]).encode())
    if d.rows.columns[0] != "region":  # the lines below are told apart by their first field
        rows = d.rows[d.rows["region"] == region].drop(columns=["line"])
        rows = rows.sort_values(list(rows.columns[:4]))
        return _digest(rows.to_csv(index=False).encode() + d.file.with_suffix(".yaml").read_bytes())
    digests, empty = _region_digests(d)
    return digests.get(region, empty)


def _region_digests(d) -> tuple[dict[str, str], str]:
    """Every region's digest at once (one sort and one CSV for the dataset, instead of a filter,
    sort and CSV per region), kept with the dataset; and the digest of a region with no rows."""
    if "region digests" not in d._series:
        rows = d.rows.drop(columns=["line"])
        header, *lines = rows.sort_values(list(rows.columns[:4])).to_csv(
            index=False).splitlines(keepends=True)
        by_region: dict[str, list[str]] = {}
        for line in lines:
            by_region.setdefault(line.split(",", 1)[0], []).append(line)
        meta = d.file.with_suffix(".yaml").read_bytes()
        d._series["region digests"] = (
            {region: _digest((header + "".join(group)).encode() + meta)
             for region, group in by_region.items()}, _digest(header.encode() + meta))
    return d._series["region digests"]


def data_files(folder: Path) -> dict[str, str]:
    """A digest of every file in the data folder: when none has changed, nothing read from it
    has, and the rows need not be loaded to know."""
    return {path.name: _file(path) for path in sorted(folder.glob("*.csv"))
            + sorted(folder.glob("*.yaml"))}


def fingerprint(deck: Deck, folder: Path | None, kommune: str | None,
                rows: dict[str, str] | None) -> dict:
    """What the output just built depends on, with a digest of each part; rows: the digests
    of the data rows the build read, per dataset:region (see build.BuildResult)."""
    parts: dict = {"code": code_digest(), "kommune": kommune,
                   "files": {str(f): _file(f) for f in input_files(deck)}}
    if folder is not None:
        parts["data_folder"] = str(folder.resolve())
        parts["shared"] = {name: _file(folder / name) for name in
                           ("kommuner.csv", "kommuner.yaml", "measures.yaml")}
        parts["data_files"] = data_files(folder)
        parts["rows"] = dict(rows or {})
    return parts


def is_fresh(output: Path, deck: Deck, folder: Path | None, kommune: str | None,
             load: Callable[[], Data | None]) -> bool:
    """Whether output exists and nothing it was built from has changed since.

    folder is the data folder the deck reads (None: it reads none); load() loads it, which is
    done only when some data file has changed, to see whether the rows this deck read have.
    """
    state = state_file(output)
    if not output.is_file() or not state.is_file():
        return False
    try:
        old = json.loads(state.read_text("utf-8"))
    except (OSError, ValueError):
        return False
    if old.get("code") != code_digest() or old.get("kommune") != kommune:
        return False
    if old.get("files") != {str(f): _file(f) for f in input_files(deck)}:
        return False
    if folder is None:
        return "rows" not in old
    if old.get("data_folder") != str(folder.resolve()) or old.get("shared") != {
            name: _file(folder / name)
            for name in ("kommuner.csv", "kommuner.yaml", "measures.yaml")}:
        return False
    if old.get("data_files") == data_files(folder):
        return True
    data = load()
    if data is None:
        return False
    for key, digest in old.get("rows", {}).items():
        name, region = key.split(":", 1)
        if name not in data.datasets or data_rows(data, name, region) != digest:
            return False
    return True


def record(output: Path, parts: dict) -> None:
    state_file(output).write_text(json.dumps(parts, indent=1, sort_keys=True), "utf-8")
