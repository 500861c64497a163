"""Statistics in data/: datasets with source metadata, the kommune registry, measures."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError, display_path
from .datasets import Dataset, load_dataset
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
    if problems:
        raise DataError("\n".join(problems))
    measures = load_measures(folder / "measures.yaml", list(datasets.values()))
    return Data(folder, registry, datasets, measures)


def find_data_folder(start: Path) -> Path | None:
    """The nearest data/ folder with a kommune registry, from start upwards."""
    for folder in [start, *start.parents]:
        candidate = folder / "data"
        if (candidate / "kommuner.csv").is_file():
            return candidate
    return None


__all__ = ["Data", "Dataset", "Measure", "Registry", "find_data_folder", "load_data"]
