"""The map geometry: Kartverket's 357 kommuner of 2024 in UTM zone 33 (EPSG:25833), read from
assets/maps/kommuner-2024.npz (made by tools/prepare_map.py), with each kommune's neighbours
and the point its name goes on. Needs numpy only; paths() needs matplotlib."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..assets import ASSETS
from ..files import digest as digest_of

MAP_FILE = ASSETS / "maps" / "kommuner-2024.npz"

# where a kommune lies in its fylke, by thirds of the fylke's extent: (column, row) → words
POSITIONS = {(0, 2): "nordvest", (1, 2): "nord", (2, 2): "nordøst",
             (0, 1): "vest", (1, 1): "midt", (2, 1): "øst",
             (0, 0): "sørvest", (1, 0): "sør", (2, 0): "sørøst"}


@dataclass(frozen=True)
class Geometry:
    """Every kommune's rings (outer anticlockwise, holes clockwise), in metres."""

    numbers: tuple[str, ...]
    index: dict[str, int]
    rings: tuple[tuple, ...]  # per kommune: its rings as (n, 2) int arrays
    bbox: object  # (357, 4) array: xmin, ymin, xmax, ymax
    label: object  # (357, 2) array: a point well inside, for the name
    neighbours: tuple[tuple[str, ...], ...]

    def extent(self, numbers) -> tuple[float, float, float, float]:
        """xmin, ymin, xmax, ymax of these kommuner together."""
        boxes = self.bbox[[self.index[n] for n in numbers]]
        return (float(boxes[:, 0].min()), float(boxes[:, 1].min()), float(boxes[:, 2].max()),
                float(boxes[:, 3].max()))


@cache
def geometry() -> Geometry:
    import numpy as np

    with np.load(MAP_FILE, allow_pickle=False) as stored:
        numbers = tuple(str(n) for n in stored["numbers"])
        points, ring_end = stored["points"], stored["ring_end"]
        owner, label = stored["ring_kommune"], stored["label"]
        neighbour_end, neighbours = stored["neighbour_end"], stored["neighbours"]
    starts = np.concatenate([[0], ring_end[:-1]])
    rings: list[list] = [[] for _ in numbers]
    for start, end, k in zip(starts.tolist(), ring_end.tolist(), owner.tolist(), strict=True):
        rings[k].append(points[start:end])
    bbox = np.array([[min(r[:, 0].min() for r in rs), min(r[:, 1].min() for r in rs),
                      max(r[:, 0].max() for r in rs), max(r[:, 1].max() for r in rs)]
                     for rs in rings], dtype=float)
    first = np.concatenate([[0], neighbour_end[:-1]])
    return Geometry(numbers, {n: i for i, n in enumerate(numbers)},
                    tuple(tuple(rs) for rs in rings), bbox, label,
                    tuple(tuple(numbers[j] for j in neighbours[a:b].tolist())
                          for a, b in zip(first.tolist(), neighbour_end.tolist(), strict=True)))


@cache
def digest() -> str:
    """The geometry file's digest: part of a map's cache key."""
    return digest_of(MAP_FILE.read_bytes())


@cache
def paths() -> tuple:
    """One matplotlib Path per kommune (all its rings: holes stay open), in registry order."""
    import numpy as np
    from matplotlib.path import Path

    out = []
    for rings in geometry().rings:
        vertices = np.concatenate(rings).astype(float)
        codes = np.full(len(vertices), Path.LINETO, dtype=Path.code_type)
        at = 0
        for ring in rings:
            codes[at] = Path.MOVETO
            codes[at + len(ring) - 1] = Path.CLOSEPOLY
            at += len(ring)
        out.append(Path(vertices, codes))
    return tuple(out)


def position(number: str, fylke: list[str]) -> str | None:
    """Where a kommune's middle lies in its fylke («nord», «sørvest», «midt»); None when the
    fylke is the kommune alone (Oslo)."""
    if len(fylke) < 2:
        return None
    geo = geometry()
    xmin, ymin, xmax, ymax = geo.extent(fylke)
    x, y = geo.label[geo.index[number]]
    column = min(2, int(3 * (x - xmin) / (xmax - xmin)))
    row = min(2, int(3 * (y - ymin) / (ymax - ymin)))
    return POSITIONS[(column, row)]
