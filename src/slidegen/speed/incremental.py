"""Incremental builds: each output records a fingerprint of what it was built from — spec
files, template, pictures and styles, slidegen's code, and the data rows it read — and of
itself, so an unchanged deck is skipped and a change to one kommune's data rebuilds only decks
that read it. An output written since by anything else (a build without the accelerators, a
hand edit) no longer matches its record, and is built again (a hand edit is then refused by the
build: written.py)."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from .._version import __version__
from ..data import Data
from ..files import digest, file_digest, write_atomically
from ..inputs import data_files, input_files
from ..spec.deck import Deck

PACKAGE = Path(__file__).resolve().parents[1]
# The libraries that shape the output: an upgrade may change a deck built from the same inputs
# (python-pptx and lxml the XML, matplotlib and Pillow the charts, pandas and numpy the figures,
# Babel and Jinja the texts). The slide cache's key includes them too, through code_digest.
LIBRARIES = ("python-pptx", "lxml", "matplotlib", "Pillow", "pandas", "numpy", "babel",
             "Jinja2")
SHARED = ("kommuner.csv", "kommuner.yaml", "measures.yaml")  # what every deck of data/ reads
YEARS = "*years*"  # the 'region' whose digest is the dataset's first and newest year


def state_file(output: Path) -> Path:
    """Beside the output, hidden: build/.kommunebesok-tinn.pptx.inputs.json."""
    return output.with_name(f".{output.name}.inputs.json")


def code_digest() -> str:
    """slidegen's own source and version, and the libraries' versions: a new slidegen, or a
    new matplotlib, rebuilds everything."""
    return digest(__version__, installed_versions(), _source_digest())


@functools.cache  # the code this process runs does not change while it runs
def _source_digest() -> str:
    return digest(*(source.read_bytes() for source in sorted(PACKAGE.rglob("*.py"))))


@functools.cache  # nor do the libraries it has loaded
def installed_versions() -> str:
    """'python-pptx 1.0.2, lxml 6.1.3, …', read from the installed packages' metadata (without
    importing them: a deck that is not rebuilt never needs matplotlib or pandas)."""
    return ", ".join(f"{name} {_installed(name)}" for name in LIBRARIES)


def _installed(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def data_rows(data: Data, dataset: str, region: str) -> str:
    """A digest of one region's rows of a dataset (sorted, as CSV) and the dataset's metadata;
    for YEARS, of the years the dataset spans (relative periods count back from its newest)."""
    d = data.datasets[dataset]
    if region == YEARS:
        return digest(f"{int(d.rows['start'].min())}-{d.newest_year}")
    if region in d.broken:  # its bad row reads as missing: the problem must count, too
        return digest("\n".join(d.broken[region]))
    if d.rows.columns[0] != "region":  # _region_digests tells lines apart by their first field
        rows = d.rows[d.rows["region"] == region].drop(columns=["line"])
        rows = rows.sort_values(list(rows.columns[:4]))
        return digest(rows.to_csv(index=False), d.file.with_suffix(".yaml").read_bytes())
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
            {region: digest(header + "".join(group), meta)
             for region, group in by_region.items()}, digest(header, meta))
    return d._series["region digests"]


def fingerprint(output: Path, deck: Deck, folder: Path | None, kommune: str | None) -> dict:
    """What an output about to be built depends on, with a digest of each part, taken before
    the build: a file saved while it runs is then seen as changed next time. Its rows are the
    digests of data rows known from the last record while data/ is unchanged (record() keeps
    those the build read)."""
    parts: dict = {"code": code_digest(), "kommune": kommune, "language": deck.language,
                   "files": {str(f): file_digest(f) for f in input_files(deck)}}
    if folder is not None:
        parts["data_folder"] = str(folder.resolve())
        parts["shared"] = {name: file_digest(folder / name) for name in SHARED}
        parts["data_files"] = data_files(folder)
        old = _recorded(output) or {}
        parts["rows"] = old.get("rows", {}) if old.get("data_files") == parts["data_files"] else {}
    return parts


def is_fresh(output: Path, deck: Deck, folder: Path | None, kommune: str | None,
             load: Callable[[], Data | None]) -> bool:
    """Whether output exists and nothing it was built from has changed since.

    folder is the data folder the deck reads (None: it reads none); load() loads it, which is
    done only when some data file has changed, to see whether the rows this deck read have.
    """
    old = _recorded(output)
    if not output.is_file() or old is None or old.get("output") != file_digest(output):
        return False
    if old.get("code") != code_digest() or old.get("kommune") != kommune or old.get(
            "language", "nb-NO") != deck.language:  # --language: the same spec, another deck
        return False
    if old.get("files") != {str(f): file_digest(f) for f in input_files(deck)}:
        return False
    if folder is None:
        return "rows" not in old
    if old.get("data_folder") != str(folder.resolve()) or old.get("shared") != {
            name: file_digest(folder / name) for name in SHARED}:
        return False
    if old.get("data_files") == data_files(folder):
        return True
    data = load()
    if data is None:
        return False
    for key, row_digest in old.get("rows", {}).items():
        name, region = key.split(":", 1)
        if name not in data.datasets or data_rows(data, name, region) != row_digest:
            return False
    return True


def record(output: Path, before: dict, reads: frozenset[tuple[str, str]], data: Data | None,
           written: str | None = None, left_out: list[dict] | None = None) -> None:
    """Record what output was built from: the fingerprint taken before, with a digest of each
    (dataset, region) rows it read. The digests of the last record are reused while data/ is
    unchanged, so a rebuild whose data slides all came from the slide cache loads no data.
    written: the digest of the file as the build wrote it (BuildResult.digest, the one
    written.py records), else read from the file."""
    parts = {**before, "output": written or file_digest(output)}
    if left_out:  # said again when the deck is found unchanged (recorded_left_out)
        parts["left_out"] = left_out
    if "rows" in parts and data is not None:
        known = parts["rows"]
        # Relative periods ('siste 10 år') count back from a dataset's newest year, whichever
        # region brought it: each dataset read also records its years.
        keys = sorted({f"{name}:{region}" for name, region in reads}
                      | {f"{name}:{YEARS}" for name, _ in reads})
        parts["rows"] = {key: known.get(key) or data_rows(data, *key.split(":", 1))
                         for key in keys}
    # Not durable: a record lost in a crash only means the deck is built again.
    write_atomically(state_file(output), json.dumps(parts, indent=1, sort_keys=True).encode(),
                     durable=False)


def adopt(output: Path) -> None:
    """An output built before slidegen kept a record of what it wrote (written.py), and still
    as this record says it was built, is recorded there as slidegen's: it is no hand edit."""
    from .. import written
    from ..deckdiff import read_slides

    if written.recorded(output) is not None or not output.is_file():
        return
    old = _recorded(output)
    if old is not None and old.get("output") == file_digest(output):
        written.remember(output, old["output"], read_slides(output))


def recorded_left_out(output: Path) -> list[dict]:
    """The slides skip_when_missing left out when output was last built."""
    left = (_recorded(output) or {}).get("left_out", [])
    return left if isinstance(left, list) else []


def forget(output: Path) -> None:
    """No record of what output was built from: the next build makes it again."""
    state_file(output).unlink(missing_ok=True)


def _recorded(output: Path) -> dict | None:
    try:
        return json.loads(state_file(output).read_text("utf-8"))
    except (OSError, ValueError):
        return None
