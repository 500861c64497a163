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


@dataclass(frozen=True)
class MapData(ChartData):
    """A map's figures (categories are kommune names, one series of values; a locator map has
    none) and what it draws besides: kommune numbers, the region framed, the marked kommune."""

    form: str = "locator"  # locator or choropleth
    codes: tuple[str, ...] = ()  # the kommune number of each category
    region: tuple[str, ...] = ()  # the kommuner the map frames: a fylke, or the group's fylker
    region_name: str = ""  # «Telemark», «distriktskommuner i Telemark»
    marked: str | None = None  # the number of the kommune outlined or in colour
    neighbours: tuple[tuple[str, str, str], ...] = ()  # the marked one's: (number, name, fylke)
    fylke: str = ""  # the marked kommune's fylke
    position: str | None = None  # where it lies in its fylke: «nord», «midt», …
    signed: bool = False  # a change: a diverging scale, and + before a rise
    geometry: str = ""  # the geometry file's digest
    language: str = "nb"  # of the legend's words («til», «tall mangler»)

    def present(self) -> list[tuple[str, str, float]]:
        """A locator map has no figures to miss: it shows the kommune itself."""
        if self.form == "locator":
            return [("kommune", self.categories[0], 0.0)]
        return super().present()

    def cache_key_parts(self) -> dict:
        return super().cache_key_parts() | {
            "map": [self.form, self.codes, self.region, self.marked, self.signed,
                    self.geometry, self.language]}
