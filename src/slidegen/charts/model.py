"""What a chart shows, independent of how it is drawn: categories, series, unit, context."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[float, ...]  # NaN = missing


@dataclass(frozen=True)
class ChartData:
    """Categories along the axis (years, kommuner, …) and one value per category per series."""

    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str  # personer or prosent
    decimals: int
    x_dim: str  # period, kommune or measure
    series_dim: str
    what: str  # the measures, in words: "innflytting og utflytting"
    where: str  # the area: "Tinn", "distriktskommuner i Telemark", "ni kommuner"
    period: str  # "2014–2023"

    def present(self) -> list[tuple[str, str, float]]:
        """(series, category, value) for every value that is there."""
        return [(s.label, c, v) for s in self.series
                for c, v in zip(self.categories, s.values, strict=True) if not math.isnan(v)]

    def cache_key_parts(self) -> dict:
        return {"categories": self.categories,
                "series": [(s.label, [None if math.isnan(v) else v for v in s.values])
                           for s in self.series],
                "unit": self.unit, "decimals": self.decimals}


class ChartError(ValueError):
    """The chart kind cannot show this selection; the message says why and what would work."""
