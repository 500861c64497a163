"""Drawing a map in the house style: the region framed on the left, widened to the chart area's
shape so nothing is stretched; names placed where they overlap nothing; an inset of Norway on
the right with the region marked; for a choropleth, the classes' legend between the two."""

from __future__ import annotations

import math
import textwrap
from functools import cache

from .. import fmt
from .geo import geometry, paths
from .model import MapData
from .style import palette

REGION = "#E1E5E3"  # the region's kommuner that carry no colour of their own
AROUND = "#F4F5F5"  # kommuner outside the region, for context
TEXT = "#1A1A1A"
OUTLINE = "#56646B"
INSET_IN, LEGEND_IN, GAP_IN = 2.6, 2.9, 0.25  # widths in inches on the slide
NAME_PT, MARKED_PT, LEGEND_PT = 13, 16, 14  # never below 12 pt at slide size
SMALL_PX = 40  # a marked kommune smaller than this on the map gets a ring round it too
# ColorBrewer BrBG and Blues: tell apart for colour-blind readers and in greyscale
FALLS = ["#8C510A", "#BF812D", "#DFC27D", "#F6E8C3"]  # darkest = the largest fall
RISES = ["#C7EAE5", "#80CDC1", "#35978F", "#01665E"]
LEVELS = ["#DCEAF4", "#A9CCE3", "#6BAED6", "#2F7EBC", "#0B559F", "#08306B"]


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
    legend = []
    if choropleth:
        values = chart.series[0].values
        classes = scale(values, chart.signed, chart.decimals)
        for code, value in zip(chart.codes, values, strict=True):
            if math.isnan(value):
                missing.append(geo.index[code])
            else:
                fills[geo.index[code]] = next(c for lo, hi, c in classes if value <= hi)
        legend = [(colour, _class_text(lo, hi, chart, classes, tr)) for lo, hi, colour
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
    _names(fig, ax, chart, geo, [ring] if ring is not None else [], ring)
    inset = _inset(fig, (width - INSET_IN, 0.04 * height, INSET_IN, 0.92 * height),
                   chart.region, colours[0])
    axes = {"map": ax, "inset": inset}
    if choropleth:
        axes["legend"] = _legend(fig, chart, legend, missing, muted, width, side, tr)
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


def _names(fig, ax, chart: MapData, geo, placed: list, ring=None) -> None:
    """The marked kommune's name, then its neighbours' (locator) or the kommuner of the
    choropleth, highest and lowest first; each where it overlaps no name placed before, or
    left out (the alt text names them all)."""
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
        _place(ax, renderer, placed, "\n".join(textwrap.wrap(name, 16)), anchor,
               MARKED_PT if big else NAME_PT, big, colour, own,
               _own_box(ax, geo, number) if colour != TEXT else None)


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
           colour: str, own=None, fill=None) -> None:
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
            return
    ax.forget(label)


def _inset(fig, box_in, region, colour: str) -> Frame:
    """Norway, with the region in colour."""
    geo = geometry()
    frame = Frame(fig, box_in, geo.numbers)
    inside = {geo.index[n] for n in region}
    every = range(len(geo.numbers))
    _patches(frame, list(every), [colour if i in inside else REGION for i in every], "none", 0)
    return frame


def scale(values, signed: bool, decimals: int) -> list[tuple[float, float, str]]:
    """Classes as (low, high, colour), low to high: one per value for a few whole numbers (a
    centrality class); a diverging scale around 0 for a change; else up to five of a level."""
    present = [v for v in values if v == v]
    if not present:
        return []
    low, high = min(present), max(present)
    distinct = sorted(set(present))
    if len(distinct) <= 6 and all(float(v).is_integer() for v in distinct):
        colours = _spread(LEVELS, len(distinct))
        return [(v, v, c) for v, c in zip(distinct, colours, strict=True)]
    if signed or low < 0 < high:
        # the same steps up as down, so a colour as dark means a change as large
        steps = _edges(0, max(abs(low), abs(high)), 3)
        rises = [e for i, e in enumerate(steps) if i == 0 or steps[i - 1] < high]
        falls = [-e for i, e in enumerate(steps) if i == 0 or -steps[i - 1] > low][::-1]
        rises, falls = (rises if high > 0 else []), (falls if low < 0 else [])
        down = list(zip(falls[:-1], falls[1:], FALLS[-(len(falls) - 1):], strict=True))
        up = list(zip(rises[:-1], rises[1:], RISES, strict=False))
        return down + up
    edges = _edges(low, high, 5)
    colours = _spread(LEVELS, len(edges) - 1)
    return list(zip(edges[:-1], edges[1:], colours, strict=True))


def _edges(low: float, high: float, most: int) -> list[float]:
    """Round class edges from low to high, at most `most` classes."""
    from matplotlib.ticker import MaxNLocator

    if low == high:
        return [low, high]
    for bins in range(most, 0, -1):
        ticks = [float(t) for t in MaxNLocator(nbins=bins, steps=[1, 2, 2.5, 5, 10])
                 .tick_values(low, high)]
        first = max(i for i, t in enumerate(ticks) if t <= low)
        last = min(i for i, t in enumerate(ticks) if t >= high)
        edges = ticks[first:last + 1]
        if len(edges) - 1 <= most:
            return edges
    return [low, high]


def _spread(colours: list[str], count: int) -> list[str]:
    if count <= 1:
        return [colours[len(colours) // 2]]
    return [colours[round(i * (len(colours) - 1) / (count - 1))] for i in range(count)]


def _class_text(low: float, high: float, chart: MapData, classes, tr) -> str:
    """«−10 til −5 %», «5» (one value), in Norwegian numbers."""
    edges = [e for lo, hi, _ in classes for e in (lo, hi)]
    decimals = 0 if all(float(e).is_integer() for e in edges) else (
        1 if all(float(e * 10).is_integer() for e in edges) else 2)
    if low == high:
        return fmt.formatted(low, chart.unit, decimals)
    return tr("{low} til {high}", low=fmt.number(low, decimals, chart.signed),
              high=fmt.formatted(high, chart.unit, decimals, chart.signed))


class Legend:
    """The classes' legend: a title, then a swatch and its words per class, set by hand (a
    matplotlib Legend lays itself out through offset boxes: a third of a choropleth's time)."""

    def __init__(self):
        self.title = None
        self.texts: list = []

    def get_texts(self) -> list:
        return self.texts


def _legend(fig, chart: MapData, entries, missing, muted, width: float, side: float, tr):
    from matplotlib.patches import Rectangle

    labels = [(colour, None, text) for colour, text in entries]
    if missing:
        geo = geometry()
        names = dict(zip(chart.codes, chart.categories, strict=True))
        gone = [names[geo.numbers[i]] for i in missing]
        text = (tr("tall mangler: {names}", names=", ".join(gone)) if len(gone) <= 3 else
                tr("tall mangler for {n} kommuner", n=len(gone)))
        labels.append(("white", "////", "\n".join(textwrap.wrap(text, 24))))
    line = LEGEND_PT * 1.25 / 72  # inches
    inches = fig.dpi_scale_trans
    left, top = width - side + GAP_IN, fig.get_size_inches()[1] - 0.1
    legend = Legend()
    title = "\n".join(textwrap.wrap(chart.series[0].label, 24))
    legend.title = fig.text(left, top, title, transform=inches, fontsize=LEGEND_PT, va="top",
                            linespacing=1.25)
    y = top - line * (title.count("\n") + 1) - 0.12
    for colour, hatch, text in labels:
        fig.add_artist(Rectangle((left, y - 0.2), 0.3, 0.2, transform=inches,
                                 facecolor=colour, hatch=hatch,
                                 edgecolor=muted if hatch else "none"))
        legend.texts.append(fig.text(left + 0.42, y - 0.1, text, transform=inches,
                                     fontsize=LEGEND_PT, va="center" if "\n" not in text
                                     else "top", linespacing=1.25))
        y -= max(0.3, line * (text.count("\n") + 1) + 0.1)
    return legend
