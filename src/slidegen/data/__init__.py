"""Statistics in data/: datasets with source metadata, the kommune registry, measures."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DataError, display_path
from .datasets import Dataset, load_dataset, pending_dataset
from .measures import Measure, load_measures
from .registry import Registry, load_registry

RESERVED = {"kommuner", "measures"}  # YAML files in data/ that are not dataset metadata


@dataclass(frozen=True)
class Data:
    """Everything loaded from one data/ folder."""

    folder: Path
    registry: Registry
    datasets: dict[str, Dataset]
    measures: dict[str, Measure]
    # Declared with an SSB query but not fetched yet (a YAML without its CSV): `slidegen data
    # update NAME` makes the CSV.
    pending: dict[str, Dataset] = field(default_factory=dict)


def load_data(folder: str | Path) -> Data:
    """Load and check every dataset in folder; DataError names file and line of each problem."""
    folder = Path(folder)
    if not folder.is_dir():
        raise DataError(f"data folder not found: {display_path(folder)}")
    registry = load_registry(folder)
    problems: list[str] = []
    datasets = {}
    for csv_file in sorted(folder.glob("*.csv")):
        if csv_file.stem in RESERVED:
            continue
        try:
            datasets[csv_file.stem] = load_dataset(csv_file, registry)
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
    return Data(folder, registry, datasets, measures, pending)


def describe_data(data: Data) -> list[str]:
    """One block per dataset: what it holds, which years, where from, and when fetched."""
    lines = []
    for name, d in data.datasets.items():
        when = d.meta.retrieved.isoformat() if d.meta.retrieved else "unknown"
        regions = d.rows["region"].nunique()
        lines.append(f"{name}: {d.meta.title}, {d.period_label}, {len(d.rows)} rows, "
                     f"{regions} regions")
        lines.append(f"  source: {d.meta.source} (retrieved: {when})")
        for var, spec in d.meta.variables.items():
            lines.append(f"  {var}: {spec.label} [{spec.unit}, {spec.kind}]")
    for name, d in data.pending.items():
        lines.append(f"{name}: {d.meta.title}, not fetched yet (slidegen data update {name})")
        lines.append(f"  source: {d.meta.source}")
    derived = [m for m in data.measures.values() if m.formula is not None]
    if derived:
        lines.append("measures:")
        lines += [f"  {m.name} = {m.formula_text}  ({m.label})" for m in derived]
    return lines


def find_data_folder(start: Path) -> Path | None:
    """The nearest data/ folder with a kommune registry, from start upwards."""
    for folder in [start, *start.parents]:
        candidate = folder / "data"
        if (candidate / "kommuner.csv").is_file():
            return candidate
    return None


__all__ = ["Data", "Dataset", "Measure", "Registry", "describe_data", "find_data_folder",
           "load_data"]
