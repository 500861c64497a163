"""Applying fetched or imported figures to data/ safely, and reporting what changed.

Everything is written to a copy of data/ first; the copy is loaded and checked like any build
would; only then does it replace data/ (two renames, so data/ is never half-written). Any error
before that leaves data/ exactly as it was; a dry run stops after the check.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..data import Data, load_data
from ..data.datasets import is_figure
from ..errors import DataError, SlidegenError, display_path
from .merge import Changes, merge_csv
from .rows import Fetched


@dataclass
class DatasetReport:
    name: str
    origin: str
    changes: Changes
    decks: list[str] = field(default_factory=list)


@dataclass
class UpdateReport:
    datasets: list[DatasetReport]
    written: bool
    notes: list[str] = field(default_factory=list)

    def lines(self, registry_names: dict[str, str] | None = None, limit: int = 25) -> list[str]:
        names = registry_names or {}
        out = list(self.notes)
        for d in self.datasets:
            c = d.changes
            missing = sum(not is_figure(r.value) for r in c.added)
            out.append(f"{d.name} ← {d.origin}: {len(c.added)} new"
                       f"{f' ({missing} shown as missing by SSB)' if missing else ''}, "
                       f"{len(c.changed)} changed, {c.unchanged} unchanged")
            if c.new_periods:
                regions = len({r.region for r in c.added
                               if r.period in c.new_periods and is_figure(r.value)})
                out.append(f"  new periods: {', '.join(c.new_periods)} (figures for {regions} "
                           f"region(s))")
            # a figure SSB no longer shows is listed apart, every one: it may need a word
            lost = [(new, old) for new, old in c.changed
                    if not is_figure(new.value) and is_figure(old)]
            for new, old in lost:
                who = names.get(new.region, new.region)
                out.append(f"  now missing: {who} ({new.region}) {new.variable} {new.period}: "
                           f"{old} → {new.value}")
            changed = [pair for pair in c.changed if pair not in lost]
            for new, old in changed[:limit]:
                who = names.get(new.region, new.region)
                dims = "".join(f" {v}" for v in new.dims)
                out.append(f"  changed: {who} ({new.region}) {new.variable}{dims} {new.period}: "
                           f"{old} → {new.value}")
            if len(changed) > limit:
                out.append(f"  … and {len(changed) - limit} more changed values")
            out += [f"  total replaced: {note}" for note in c.totals_replaced]
            if c.empty:
                out.append("  nothing new")
            out.append(f"  used by: {', '.join(d.decks) if d.decks else 'no deck in decks/'}")
        out.append("data/ updated" if self.written else "dry run: nothing written")
        return out


def apply_update(data: Data, fetched: list[Fetched], retrieved: dt.date,
                 decks: dict[str, list[str]], dry_run: bool) -> UpdateReport:
    """Merge every dataset's rows into a copy of data/, check the copy, and (unless dry_run)
    put it in data/'s place."""
    reports = []

    def write(staging: Path) -> None:
        for item in fetched:
            dataset = item.dataset
            text, changes = merge_csv(dataset, item.rows, data.registry)
            target = staging / dataset.file.name
            target.write_text(text, encoding="utf-8", newline="")
            _update_meta(target.with_suffix(".yaml"), retrieved, item.query_used,
                         all_rows_fetched=changes.untouched == 0)
            reports.append(DatasetReport(dataset.name, item.origin, changes,
                                         decks.get(dataset.name, [])))

    staged_write(data.folder, write, dry_run)
    return UpdateReport(reports, written=not dry_run)


def staged_write(folder: Path, write, dry_run: bool) -> None:
    """Call write(copy of folder), load and check the copy as a build would, and unless
    dry_run put it in folder's place. Any error leaves folder as it was."""
    shown = display_path(folder)
    folder = folder.resolve()  # a symlinked data/: update what it points to, in its place
    staging_root = Path(tempfile.mkdtemp(prefix=f".{folder.name}-update-", dir=folder.parent))
    try:
        staging = staging_root / folder.name
        try:
            _copy(folder, staging)
            write(staging)
        except OSError as exc:  # a full disk: short, in data/'s name, not the staging copy's
            name = Path(exc.filename).name if exc.filename else ""
            raise DataError(f"{shown}: cannot stage the update ({exc.strerror or 'failed'}"
                            f"{': ' + name if name else ''}), so it is left as it "
                            f"was") from None
        try:
            load_data(staging)
        except SlidegenError as exc:
            messages = [m.replace(str(staging), shown).replace(display_path(staging), shown)
                        for m in exc.messages()]
            raise DataError("the new figures do not pass the checks, so data/ is left as it "
                            "was:\n" + "\n".join(messages)) from None
        if not dry_run:
            _swap(staging, folder)
    finally:
        shutil.rmtree(staging_root, ignore_errors=True)


def _copy(folder: Path, staging: Path) -> None:
    """shutil.copytree, raising the first file's OSError: its own error is a list of every
    file that failed, each with both paths (2 KB on a full disk)."""
    failed: list[OSError] = []

    def copy(source, target):
        try:
            return shutil.copy2(source, target)
        except OSError as exc:
            failed.append(exc)
            raise

    try:
        shutil.copytree(folder, staging, copy_function=copy)
    except shutil.Error:
        if failed:
            raise failed[0] from None
        raise


def _swap(staging: Path, folder: Path) -> None:
    """Put staging in folder's place: each rename is atomic, and a failure between the two
    puts the old folder back."""
    old = folder.with_name(f".{folder.name}-old-{os.getpid()}")
    os.rename(folder, old)
    try:
        os.rename(staging, folder)
    except OSError:
        os.rename(old, folder)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _update_meta(meta_file: Path, retrieved: dt.date, query_used: dict | None,
                 all_rows_fetched: bool) -> None:
    """Set retrieved (and how) in the metadata."""
    def change(doc) -> None:
        doc["retrieved"] = retrieved  # a date, written plain: 2026-11-27
        if query_used is not None:
            doc["retrieved_with"] = query_used
        if all_rows_fetched and "transcribed_from" in doc:
            del doc["transcribed_from"]  # every figure now comes from SSB itself

    edit_yaml(meta_file, change)


def edit_yaml(file: Path, change) -> None:
    """Change a YAML mapping in place, keeping the adviser's comments, key order and quoting."""
    from ruamel.yaml import YAML

    yaml = YAML()  # round-trip
    yaml.width = 100
    yaml.preserve_quotes = True
    with file.open(encoding="utf-8") as handle:
        doc = yaml.load(handle)
    change(doc)
    with file.open("w", encoding="utf-8") as handle:
        yaml.dump(doc, handle)
