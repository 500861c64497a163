"""Statistics in data/: datasets with source metadata, the kommune registry, measures."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from ..assets import find_data_folder
from ..errors import DataError, display_path
from ..i18n import base, split_labels
from . import reads
from .datasets import Dataset, load_dataset, pending_dataset
from .measures import Measure, load_measures
from .registry import Registry, load_registry

RESERVED = {"kommuner", "measures"}  # YAML files in data/ that are not dataset metadata


@dataclass(frozen=True)
class Data:
    """Everything loaded from one data/ folder. The registry is read at once; the datasets and
    measures (pandas, the slow part) when first asked for, so a rebuild that takes every slide
    from the cache never reads them."""

    folder: Path
    registry: Registry
    isolate: bool = False  # one region's bad figures fail only its readers (a batch; datasets.py)
    language: str = "nb"  # the language measures are labelled in (in_language)
    _loaded: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def datasets(self) -> dict[str, Dataset]:
        return self.load()[0]

    @property
    def measures(self) -> dict[str, Measure]:
        measures = self.load()[1]
        if self.language == "nb":
            return measures
        key = ("measures", self.language)  # made once per language, shared by every view
        if key not in self._loaded:
            self._loaded[key] = {n: m.in_language(self.language) for n, m in measures.items()}
        return self._loaded[key]

    def in_language(self, language: str) -> Data:
        """The same data, loaded once, with measures labelled in a deck's language."""
        code = base(language)
        return self if code == self.language else replace(self, language=code)

    def shares_load(self, other: Data) -> bool:
        """Whether other is this data, or a view of it in another language."""
        return other is self or other._loaded is self._loaded

    @property
    def pending(self) -> dict[str, Dataset]:
        """Declared with an SSB query but not fetched yet (a YAML without its CSV): `slidegen
        data update NAME` makes the CSV."""
        return self.load()[2]

    @property
    def declared(self) -> dict[str, Dataset]:
        """Every dataset, fetched or pending: what `data update` and `data import` may fill."""
        return {**self.datasets, **self.pending}

    @property
    def broken(self) -> list[str]:
        """With isolate: every problem in a region's figures, which fails the decks reading it."""
        return [m for d in self.datasets.values() for ms in d.broken.values() for m in ms]

    @property
    def has_broken_rows(self) -> bool:
        """Loaded with isolate, and some region's rows are bad: a deck built from it is not
        remembered as up to date (a build that refuses bad rows must not find it so)."""
        return self.isolate and self.is_loaded and bool(self.broken)

    @property
    def is_loaded(self) -> bool:
        return "all" in self._loaded

    @staticmethod
    def recording():
        """`with data.recording() as reads:` the (dataset, region) rows read inside the block
        (data.reads)."""
        return reads.recording()

    def load(self) -> tuple[dict[str, Dataset], dict[str, Measure], dict[str, Dataset]]:
        """The datasets, measures and pending datasets, read and checked on the first call."""
        if "all" not in self._loaded:
            self._loaded["all"] = _load_datasets(self.folder, self.registry, self.isolate)
        return self._loaded["all"]


def load_data(folder: str | Path) -> Data:
    """Load and check every dataset in folder; DataError names file and line of each problem."""
    data = open_data(folder)
    data.load()
    return data


def open_data(folder: str | Path, isolate: bool = False) -> Data:
    """The data folder with its registry read; datasets are read when first used."""
    folder = Path(folder)
    if not folder.is_dir():
        raise DataError(f"data folder not found: {display_path(folder)}")
    return Data(folder, load_registry(folder), isolate)


def _load_datasets(folder: Path, registry: Registry, isolate: bool):
    problems: list[str] = []
    datasets = {}
    for csv_file in sorted(folder.glob("*.csv")):
        if csv_file.stem in RESERVED:
            continue
        try:
            datasets[csv_file.stem] = load_dataset(csv_file, registry, isolate)
        except DataError as exc:
            problems += exc.messages()
    pending = {}
    for meta_file in sorted(folder.glob("*.yaml")):
        if meta_file.stem not in RESERVED and not meta_file.with_suffix(".csv").exists():
            try:
                pending[meta_file.stem] = pending_dataset(meta_file)
            except DataError as exc:
                problems += exc.messages()
    if problems:
        raise DataError("\n".join(problems))
    measures = load_measures(folder / "measures.yaml", list(datasets.values()))
    return datasets, measures, pending


def describe_data(data: Data) -> list[str]:
    """One block per dataset: what it holds, which years, where from, and when fetched."""
    lines = []
    for name, d in data.datasets.items():
        when = d.meta.retrieved.isoformat() if d.meta.retrieved else "unknown"
        regions = d.rows["region"].nunique()
        lines.append(f"{name}: {d.meta.title}, {d.period_label}, {len(d.rows)} rows, "
                     f"{regions} regions")
        lines.append(f"  source: {split_labels(d.meta.source)[0]} (retrieved: {when})")
        for var, spec in d.meta.variables.items():
            lines.append(f"  {var}: {split_labels(spec.label)[0]} [{spec.unit}, {spec.kind}]")
    for name, d in data.pending.items():
        lines.append(f"{name}: {d.meta.title}, not fetched yet (slidegen data update {name})")
        lines.append(f"  source: {split_labels(d.meta.source)[0]}")
    derived = [m for m in data.measures.values() if m.formula is not None]
    if derived:
        lines.append("measures:")
        lines += [f"  {m.name} = {m.formula_text}  ({m.label})" for m in derived]
    return lines


__all__ = ["Data", "Dataset", "Measure", "Registry", "describe_data", "find_data_folder",
           "load_data", "open_data"]
