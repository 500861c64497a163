"""Drawing a map in the house style: the region framed on the left, widened to the chart area's
shape so nothing is stretched; names placed where they overlap nothing; an inset of Norway on
the right with the region marked; for a choropleth, the classes' legend between the two."""

from __future__ import annotations

import math
import textwrap
from functools import cache

from .geo import geometry, paths
from .mapkey import FALLS, LEVELS, RISES, class_text, legend, scale
from .model import MapData
from .style import palette

REGION = "#E1E5E3"  # the region's kommuner that carry no colour of their own
AROUND = "#F4F5F5"  # kommuner outside the region, for context
TEXT = "#1A1A1A"
OUTLINE = "#56646B"
INSET_IN, LEGEND_IN, GAP_IN = 2.6, 2.9, 0.25  # widths in inches on the slide
NAME_PT, MARKED_PT = 13, 16  # never below 12 pt at slide size (the legend: mapkey.py)
SMALL_PX = 40  # a marked kommune smaller than this on the map gets a ring round it too


class Frame:
    """A box of the figure showing metres of EPSG:25833 at one scale both ways: what an Axes
    with equal aspect would do, without an Axes (its ticks and grid cost a third of a map's
    drawing time, for nothing a map shows). Artists go on the figure, clipped to the box."""

    def __init__(self, fig, box_in: tuple[float, float, float, float], region):
        from matplotlib.transforms import Affine2D, Bbox, TransformedBbox

        left, bottom, width, height = box_in  # inches
        xmin, ymin, xmax, ymax = geometry().extent(region)
        w, h = xmax - xmin, ymax - ymin
        margin = 0.05 * max(w, h)
        w, h = w + 2 * margin, h + 2 * margin
        # widened in one direction to the box's shape: one metre as long east as north
        w, h = (h * width / height, h) if w / h < width / height else (w, w * height / width)
        cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
        self.xlim, self.ylim = (cx - w / 2, cx + w / 2), (cy - h / 2, cy + h / 2)
        self.figure = fig
        self.transData = (Affine2D().translate(-self.xlim[0], -self.ylim[0])  # noqa: N815
                          .scale(width / w).translate(left, bottom) + fig.dpi_scale_trans)
        self.bbox = TransformedBbox(Bbox.from_bounds(left, bottom, width, height),
                                    fig.dpi_scale_trans)
        self.texts: list = []
        self.patches: list = []

    def get_xlim(self):
        return self.xlim

    def get_ylim(self):
        return self.ylim

    def add_patch(self, patch):
        patch.set_transform(self.transData)
        patch.set_clip_box(self.bbox)
        self.patches.append(self.figure.add_artist(patch))
        return patch

    def annotate(self, text, xy, **kwargs):
        from matplotlib.text import Annotation

        label = Annotation(text, xy, xycoords=self.transData, **kwargs)
        self.texts.append(self.figure.add_artist(label))
        return label

    def forget(self, label) -> None:
        self.texts.remove(label)
        label.remove()


def draw(fig, chart: MapData, tr) -> dict:
    """Draw the map on fig; returns its frames by role (map, inset) and the legend, for the
    tests."""
    import matplotlib.patheffects as effects  # noqa: F401 - loaded before the labels need it

    fig.set_layout_engine("none")  # placed by hand: the labels are measured in final place
    width, height = fig.get_size_inches()
    colours, muted = palette()
    choropleth = chart.form == "choropleth"
    side = INSET_IN + (LEGEND_IN if choropleth else 0) + GAP_IN
    ax = Frame(fig, (0, 0, width - side, height), chart.region)
    geo = geometry()
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    seen = [i for i, b in enumerate(geo.bbox) if b[0] < x1 and b[2] > x0 and b[1] < y1
            and b[3] > y0]
    region = {geo.index[n] for n in chart.region}
    fills = {i: REGION if i in region else AROUND for i in seen}
    missing: list[int] = []
    entries = []
    if choropleth:
        values = chart.series[0].values
        classes = scale(values, chart.signed, chart.decimals)
        for code, value in zip(chart.codes, values, strict=True):
            if math.isnan(value):
                missing.append(geo.index[code])
            else:
                fills[geo.index[code]] = next(c for lo, hi, c in classes if value <= hi)
        entries = [(colour, class_text(lo, hi, chart, classes, tr)) for lo, hi, colour
                   in classes]
    marked = geo.index[chart.marked] if chart.marked else None
    if marked is not None and not choropleth:
        fills[marked] = colours[0]
    _patches(ax, [i for i in seen if i not in missing], [fills[i] for i in seen
                                                          if i not in missing], "white", 0.7)
    if missing:
        _patches(ax, missing, ["white"] * len(missing), muted, 0.7, hatch="////")
    ring = None
    if marked is not None:
        outlined = [geo.index[n] for n in geo.neighbours[marked]] if not choropleth else []
        _patches(ax, outlined, ["none"] * len(outlined), OUTLINE, 1.0)
        _patches(ax, [marked], ["none"], TEXT, 2.5 if choropleth else 1.4)
        ring = _ring_if_small(ax, fig, marked)
    _names(fig, ax, chart, geo, fills, [ring] if ring is not None else [], ring)
    inset = _inset(fig, (width - INSET_IN, 0.04 * height, INSET_IN, 0.92 * height),
                   chart.region, colours[0])
    axes = {"map": ax, "inset": inset}
    if choropleth:
        axes["legend"] = legend(fig, chart, entries, missing, muted, width - side + GAP_IN, tr)
    return axes


def _patches(ax, kommuner, faces, edge, width, hatch=None) -> None:
    """The kommuner as one compound patch per fill colour: drawn as single paths, which Agg
    simplifies to the pixels (a collection draws every point of every kommune)."""
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path

    every = paths()
    for face in dict.fromkeys(faces):
        group = [every[i] for i, f in zip(kommuner, faces, strict=True) if f == face]
        ax.add_patch(PathPatch(Path.make_compound_path(*group), facecolor=face,
                               edgecolor=edge, linewidth=width, hatch=hatch))


def _ring_if_small(ax, fig, marked: int):
    """A ring round a kommune too small to see at the map's scale (Utsira in Rogaland); its
    box on the picture, which names keep clear of."""
    from matplotlib.patches import Circle

    geo = geometry()
    xmin, ymin, xmax, ymax = geo.bbox[marked]
    scale = ax.bbox.width / (ax.get_xlim()[1] - ax.get_xlim()[0])  # pixels per metre
    if max(xmax - xmin, ymax - ymin) * scale >= SMALL_PX:
        return None
    radius = 20 * fig.dpi / 72 / scale
    ring = ax.add_patch(Circle(((xmin + xmax) / 2, (ymin + ymax) / 2), radius,
                               facecolor="none", edgecolor=TEXT, linewidth=2))
    return ring.get_window_extent()


def _names(fig, ax, chart: MapData, geo, fills: dict, placed: list, ring=None) -> None:
    """The marked kommune's name, then its neighbours' (locator) or the kommuner of the
    choropleth, highest and lowest first; each where it overlaps no name placed before, or
    left out (the alt text names them all)."""
    import matplotlib.patheffects as effects

    order: list[str] = [chart.marked] if chart.marked else []
    if chart.form == "locator":
        order += sorted(geo.neighbours[geo.index[chart.marked]],
                        key=lambda n: -_area(geo, n))
    else:
        values = chart.series[0].values
        ranked = sorted((v, c) for c, v in zip(chart.codes, values, strict=True) if v == v)
        firsts = [ranked[-1][1], ranked[0][1]] if ranked else []
        rest = sorted(chart.codes, key=lambda n: -_area(geo, n))
        order += firsts + (rest if len(chart.codes) <= 20 else [])
    shade = _shades(chart)
    names = dict(zip(chart.codes, chart.categories, strict=True)) | {
        number: name for number, name, _ in chart.neighbours}
    renderer = _measurer(fig.dpi)
    for number in dict.fromkeys(order):
        anchor = _anchor(ax, geo, number)
        if anchor is None:
            continue
        big = number == chart.marked
        name = names[number]
        # the marked kommune of a locator stays in sight: its name goes beside it unless it
        # fits inside with room, and no other name covers it
        own = (ring or _own_box(ax, geo, number)) if big and chart.form == "locator" else None
        colour = shade.get(number, TEXT)
        label = _place(ax, renderer, placed, "\n".join(textwrap.wrap(name, 16)), anchor,
                       MARKED_PT if big else NAME_PT, big, colour, own,
                       _own_box(ax, geo, number) if colour != TEXT else None)
        if label is not None and chart.form == "locator" and not big:
            # a neighbour's name often sits where boundaries run (its kommune at the map's
            # edge): a halo in its kommune's own fill keeps the lines off the letters, and
            # shows only where the name runs onto the sea or another fill (a box would show
            # as a grey block on the sea round island kommuner)
            label.set_path_effects([effects.withStroke(
                linewidth=4, foreground=fills.get(geo.index[number], AROUND))])


@cache
def _measurer(dpi: float):
    """A renderer that measures text as the picture will draw it; one per process, so the
    names that recur from map to map are measured once (matplotlib keeps its metrics)."""
    from matplotlib.backends.backend_agg import RendererAgg

    return RendererAgg(1, 1, dpi)


def _own_box(ax, geo, number: str):
    from matplotlib.transforms import Bbox

    xmin, ymin, xmax, ymax = geo.bbox[geo.index[number]]
    return Bbox(ax.transData.transform([(xmin, ymin), (xmax, ymax)]))


def _area(geo, number: str) -> float:
    b = geo.bbox[geo.index[number]]
    return float((b[2] - b[0]) * (b[3] - b[1]))


def _anchor(ax, geo, number: str):
    """Where the name goes: the kommune's inner point, or, when that is off the map, the
    middle of the kommune's points that are on it; None when none is."""
    import numpy as np

    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    x, y = geo.label[geo.index[number]]
    if x0 < x < x1 and y0 < y < y1:
        return float(x), float(y)
    points = np.concatenate(geo.rings[geo.index[number]])
    inside = points[(points[:, 0] > x0) & (points[:, 0] < x1) & (points[:, 1] > y0)
                    & (points[:, 1] < y1)]
    if len(inside) == 0:
        return None
    return float(inside[:, 0].mean()), float(inside[:, 1].mean())


def _shades(chart: MapData) -> dict[str, str]:
    """White names on the dark classes of a choropleth; dark names elsewhere."""
    if chart.form != "choropleth":
        return {}
    dark = {FALLS[0], RISES[3], *LEVELS[4:]}  # white on these has a contrast of 4.5:1 or more
    classes = scale(chart.series[0].values, chart.signed, chart.decimals)
    return {code: "white" for code, v in zip(chart.codes, chart.series[0].values, strict=True)
            if v == v and next(c for _, hi, c in classes if v <= hi) in dark}


def _place(ax, renderer, placed: list, text: str, anchor, size: int, bold: bool,
           colour: str, own=None, fill=None):
    """The name put where it fits (the Annotation), or None when it fits nowhere."""
    import matplotlib.patheffects as effects

    # a halo (drawn as paths: slow) only where the name may sit on the marked kommune
    halo = [effects.withStroke(linewidth=3, foreground="white")] if bold else None
    label = ax.annotate(text, anchor, xytext=(0, 0), textcoords="offset points", ha="center",
                        va="center", fontsize=size, color=TEXT if bold else colour,
                        linespacing=1.0, fontweight="bold" if bold else "normal",
                        path_effects=halo, annotation_clip=False)
    box = label.get_window_extent(renderer)
    pt = 72 / ax.figure.dpi
    w, h = box.width * pt, box.height * pt
    if fill is not None and box.width > 0.7 * fill.width:  # white would run off its kommune:
        colour = TEXT                                      # dark, with a halo on the dark fill
        label.set_color(TEXT)
        label.set_path_effects([effects.withStroke(linewidth=3, foreground="white")])
    frame = ax.bbox
    offsets = [(0, 0), (0, h), (0, -h), (w * 0.7, 0), (-w * 0.7, 0), (w * 0.6, h),
               (-w * 0.6, h), (w * 0.6, -h), (-w * 0.6, -h), (0, 2 * h), (0, -2 * h)]
    if own is not None and (own.width < 1.3 * box.width or own.height < 2 * box.height):
        # beside the kommune's box: above, below, right, left of it, from its middle
        label.xy = tuple(ax.transData.inverted().transform(((own.x0 + own.x1) / 2,
                                                             (own.y0 + own.y1) / 2)))
        up, side = (own.height / 2 + 8) * pt + h / 2, (own.width / 2 + 8) * pt + w / 2
        offsets = [(0, up), (0, -up), (side, 0), (-side, 0), (side, up), (-side, up),
                   (side, -up), (-side, -up)]
        placed.append(own.padded(2))
    for n, (dx, dy) in enumerate(offsets):
        if n == 1 and colour != TEXT:  # moved off its own dark kommune: dark, with a halo
            label.set_color(TEXT)
            label.set_path_effects([effects.withStroke(linewidth=3, foreground="white")])
        label.xyann = (dx, dy)
        box = label.get_window_extent(renderer).padded(2)
        if (box.x0 >= frame.x0 and box.x1 <= frame.x1 and box.y0 >= frame.y0
                and box.y1 <= frame.y1 and not any(box.overlaps(b) for b in placed)):
            placed.append(box)
            return label
    ax.forget(label)
    return None


def _inset(fig, box_in, region, colour: str) -> Frame:
    """Norway, with the region in colour."""
    geo = geometry()
    frame = Frame(fig, box_in, geo.numbers)
    inside = {geo.index[n] for n in region}
    every = range(len(geo.numbers))
    _patches(frame, list(every), [colour if i in inside else REGION for i in every], "none", 0)
    return frame
