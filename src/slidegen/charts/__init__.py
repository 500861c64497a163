"""Charts drawn with matplotlib in the house style: one module per chart kind, each with
check(chart, kind) (can it show this?) and draw(ax, chart, highlight)."""

from __future__ import annotations

import io
import zlib
from functools import lru_cache
from pathlib import Path
from types import ModuleType

from .._version import __version__
from . import bar, cache, donut, line, pyramid, ranked, stacked, waterfall
from .alttext import draft as draft_alt_text
from .model import ChartData, ChartError, Series
from .style import DPI, STYLE, register_fonts, style_digest

KINDS: dict[str, ModuleType] = {
    "bar": bar,
    "grouped_bar": bar,
    "stacked_bar": stacked,
    "ranked_bar": ranked,
    "line": line,
    "donut": donut,
    "waterfall": waterfall,
    "pyramid": pyramid,
}

# One canvas per picture size, reused: its renderer keeps the text metrics it measured (tick
# labels, kommune names, numbers recur from chart to chart); the pixels are the same.
_CANVASES: dict = {}
PNG_COMPRESSION = 3  # see _write_png
drawn = 0  # charts actually drawn in this process (not taken from the cache): tests count it


def figure(kind: str, chart: ChartData, width_in: float, height_in: float,
           highlight: str | None = None):
    """The matplotlib Figure of a chart (call inside the house style context)."""
    register_fonts()
    from matplotlib.figure import Figure

    KINDS[kind].check(chart, kind)
    # Whole pixels, so the picture is exactly the chart area at DPI; matplotlib truncates the
    # size in pixels, hence the small nudge up.
    size = tuple((round(inches * DPI) + 0.01) / DPI for inches in (width_in, height_in))
    fig = Figure(figsize=size, dpi=DPI, layout="constrained")
    if kind == "ranked_bar":
        ranked.draw_panels(fig, chart, highlight)
    else:
        KINDS[kind].draw(fig.add_subplot(), chart, highlight)
    return fig


def warm_up() -> None:
    """Import matplotlib and load the fonts ahead of the first chart (a chart worker does this
    while the deck's process is still reading the data)."""
    register_fonts()
    import matplotlib.figure  # noqa: F401
    from matplotlib.backends import backend_agg  # noqa: F401
    from matplotlib.font_manager import findfont, get_font

    get_font(findfont("Carlito"))


def render(kind: str, chart: ChartData, width_in: float, height_in: float,
           highlight: str | None = None) -> bytes:
    """A PNG of the chart, exactly width × height inches at DPI, from the cache if it has it."""
    global drawn
    KINDS[kind].check(chart, kind)
    digest = cache_digest(kind, chart, width_in, height_in, highlight)
    cached = cache.get(digest)
    if cached is not None:
        return cached
    register_fonts()
    import matplotlib.style
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    with matplotlib.style.context(str(STYLE)):
        fig = figure(kind, chart, width_in, height_in, highlight)
        out = io.BytesIO()
        # What savefig does, without its first pass: savefig draws the figure once only to lay
        # it out (constrained layout), then again to render it; canvas.draw() lays it out and
        # renders it in one pass, with the same layout and pixels. No size-changing bbox: the
        # picture must match the layout's chart area exactly.
        canvas = _CANVASES.get((width_in, height_in))
        if canvas is None:
            canvas = _CANVASES[(width_in, height_in)] = FigureCanvasAgg(fig)
        canvas.figure = fig
        fig.set_canvas(canvas)
        fig.canvas.draw()
        _write_png(fig.canvas, out)
    drawn += 1
    data = out.getvalue()
    cache.put(digest, data)
    return data


def _write_png(canvas, out) -> None:
    """The rendered canvas as PNG with its dpi and no metadata. An opaque picture (the house
    style's background is white) is stored as RGB: the same pixels as RGBA, ~10 % smaller and
    ~20 % faster to compress, and compressing is a third of drawing a chart. zlib's fast
    level 3 compresses a chart in ~32 ms instead of ~56 ms (level 6, the default), a tenth of a
    cold build; with run-length matching (charts are mostly flat colour) the file is ~97 KB
    instead of ~87 KB at level 6 and ~107 KB at level 3 without it."""
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw",
                             "RGBA", 0, 1)
    if image.getchannel("A").getextrema() == (255, 255):
        image = image.convert("RGB")
    image.save(out, format="png", dpi=(DPI, DPI), pnginfo=PngInfo(),
               compress_level=PNG_COMPRESSION, compress_type=zlib.Z_RLE)


def is_cached(kind: str, chart: ChartData, width_in: float, height_in: float,
              highlight: str | None = None) -> bool:
    """Whether render() would take this chart from the cache."""
    return cache.get(cache_digest(kind, chart, width_in, height_in, highlight)) is not None


def cache_digest(kind, chart, width_in, height_in, highlight) -> str:
    """The chart cache's key of a chart's picture."""
    return cache.key({"kind": kind, "chart": chart.cache_key_parts(), "highlight": highlight,
                      "size": [round(width_in, 4), round(height_in, 4)], "dpi": DPI,
                      "style": style_digest(), "slidegen": __version__,
                      "matplotlib": _matplotlib_version()})


@lru_cache(maxsize=1)
def _matplotlib_version() -> str:
    """Without importing matplotlib (slow): its installed version, from its _version.py (the
    package metadata takes ~50 ms to search), else from the metadata."""
    import re
    from importlib.util import find_spec

    try:
        origin = find_spec("matplotlib").origin
        text = (Path(origin).parent / "_version.py").read_text("utf-8")
        return re.search(r"^(?:__version__ = )?version = ['\"]([^'\"]+)['\"]", text,
                         re.M).group(1)
    except (AttributeError, OSError, TypeError):
        from importlib.metadata import version

        return version("matplotlib")


__all__ = ["KINDS", "ChartData", "ChartError", "Series", "draft_alt_text", "render"]
