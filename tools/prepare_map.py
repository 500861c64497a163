"""Makes assets/maps/kommuner-2024.npz, the map geometry slidegen draws, from Kartverket's
boundaries of the 357 kommuner of 2024 in tools/sources/kartverket-kommuner-2024.geojson.

    pip install -e '.[tools]' && python tools/prepare_map.py

Projected once here, to UTM zone 33 (EPSG:25833, the projection Norwegian maps use, so Norway
is not stretched), so the build itself needs only numpy and matplotlib. The source is already
simplified (toposimplify 3 %, topology kept); here every point is snapped to a 20 m grid and
points that fall together are dropped. Snapping treats each shared border point the same on
both sides, so neighbours still meet without gaps, and two kommuner that share a point after
snapping are neighbours (stored, so the build need not work it out).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
from pyproj import Transformer

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "tools" / "sources" / "kartverket-kommuner-2024.geojson"
TARGET = ROOT / "assets" / "maps" / "kommuner-2024.npz"
GRID = 20  # metres: finer than a pixel of a fylke map at 220 dpi (Oslo: ~25 m a pixel)


def signed_area(ring: np.ndarray) -> float:
    x, y = ring[:, 0].astype(float), ring[:, 1].astype(float)
    return float(np.dot(x, np.roll(y, -1)) - np.dot(np.roll(x, -1), y)) / 2


def snapped(ring, transform) -> np.ndarray | None:
    """The ring in EPSG:25833 on the grid, closed, without repeated points; None if it
    collapsed (a skerry smaller than the grid)."""
    lon, lat = np.asarray(ring, dtype=float).T
    x, y = transform(lon, lat)
    points = (np.round(np.column_stack([x, y]) / GRID) * GRID).astype(np.int32)
    keep = np.ones(len(points), dtype=bool)
    keep[1:] = np.any(points[1:] != points[:-1], axis=1)
    points = points[keep]
    if len(points) and np.array_equal(points[0], points[-1]):
        points = points[:-1]
    if len(points) < 3 or signed_area(points) == 0:
        return None
    return np.vstack([points, points[:1]])


def interior_point(rings: list[np.ndarray], holes: list[bool]) -> tuple[int, int]:
    """A point well inside the kommune's largest part, where its name goes: the middle of the
    widest stretch inside it along the horizontal line through the part's middle (a centroid
    can fall outside a curved kommune or in a fjord)."""
    outer = max((r for r, h in zip(rings, holes, strict=True) if not h),
                key=lambda r: abs(signed_area(r)))
    own = [outer] + [r for r, h in zip(rings, holes, strict=True) if h]
    best, best_width = None, -1.0
    low, high = outer[:, 1].min(), outer[:, 1].max()
    for fraction in (0.5, 0.4, 0.6, 0.3, 0.7):
        y = low + (high - low) * fraction + 0.5
        crossings = []
        for ring in own:
            a, b = ring[:-1].astype(float), ring[1:].astype(float)
            mask = (a[:, 1] <= y) != (b[:, 1] <= y)
            t = (y - a[mask, 1]) / (b[mask, 1] - a[mask, 1])
            crossings.extend(a[mask, 0] + t * (b[mask, 0] - a[mask, 0]))
        crossings.sort()
        for left, right in zip(crossings[::2], crossings[1::2], strict=False):
            if right - left > best_width:
                best, best_width = ((left + right) / 2, y), right - left
    return int(round(best[0])), int(round(best[1]))


def main() -> int:
    source = json.loads(SOURCE.read_text("utf-8"))
    transform = Transformer.from_crs("EPSG:4326", "EPSG:25833", always_xy=True).transform
    features = sorted(source["features"], key=lambda f: f["properties"]["kommunenummer"])
    numbers, names, coords, ring_end, ring_kommune, ring_hole, labels = [], [], [], [], [], [], []
    at = 0
    for index, feature in enumerate(features):
        props, geometry = feature["properties"], feature["geometry"]
        polygons = (geometry["coordinates"] if geometry["type"] == "MultiPolygon"
                    else [geometry["coordinates"]])
        rings, holes = [], []
        for polygon in polygons:
            for n, ring in enumerate(polygon):
                points = snapped(ring, transform)
                if points is None:
                    continue
                # outer rings anticlockwise, holes clockwise: matplotlib fills a hole then
                if (signed_area(points) > 0) == (n > 0):
                    points = points[::-1]
                rings.append(points)
                holes.append(n > 0)
        if not any(not h for h in holes):
            sys.exit(f"{props['kommunenummer']} {props['kommunenavn']}: nothing left at "
                     f"{GRID} m")
        for ring, hole in zip(rings, holes, strict=True):
            coords.append(ring)
            at += len(ring)
            ring_end.append(at)
            ring_kommune.append(index)
            ring_hole.append(hole)
        numbers.append(props["kommunenummer"])
        names.append(props["kommunenavn"])
        labels.append(interior_point(rings, holes))
    points = np.vstack(coords)
    ring_kommune_array = np.asarray(ring_kommune, dtype=np.int16)
    # neighbours: two kommuner with a border point in common after snapping
    owner = np.repeat(ring_kommune_array, np.diff(np.concatenate([[0], ring_end])))
    by_point: dict[tuple[int, int], set[int]] = {}
    for (x, y), k in zip(points.tolist(), owner.tolist(), strict=True):
        by_point.setdefault((x, y), set()).add(k)
    pairs = {(a, b) for ks in by_point.values() if len(ks) > 1 for a in ks for b in ks if a != b}
    neighbours = [sorted(b for a, b in pairs if a == k) for k in range(len(numbers))]
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        TARGET, numbers=np.asarray(numbers), names=np.asarray(names), points=points,
        ring_end=np.asarray(ring_end, dtype=np.int32), ring_kommune=ring_kommune_array,
        ring_hole=np.asarray(ring_hole), label=np.asarray(labels, dtype=np.int32),
        neighbour_end=np.cumsum([len(n) for n in neighbours]).astype(np.int32),
        neighbours=np.asarray([b for n in neighbours for b in n], dtype=np.int16))
    print(f"{TARGET.relative_to(ROOT)}: {len(numbers)} kommuner, {len(ring_end)} rings, "
          f"{len(points)} points, {TARGET.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
