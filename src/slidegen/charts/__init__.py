"""Charts drawn with matplotlib in the house style: one module per chart kind in kinds/, each
with its check (can it show this?), its drawing and its alt-text wording."""

from __future__ import annotations

import io
import os
import zlib
from functools import lru_cache
from pathlib import Path

from .._version import __version__
from . import cache
from .alttext import draft as draft_alt_text
from .kinds import KINDS
from .model import ChartData, ChartError, Series
from .style import DPI, STYLE, register_fonts, style_digest

# One canvas per picture size, reused: its renderer keeps the text metrics it measured (tick
# labels, kommune names, numbers recur from chart to chart); the pixels are the same.
_CANVASES: dict = {}
PNG_COMPRESSION = 3  # see _png
drawn = 0  # charts actually drawn in this process (not taken from the cache): tests count it


def figure(kind: str, chart: ChartData, width_in: float, height_in: float,
           highlight: str | None = None):
    """The matplotlib Figure of a chart (call inside the house style context)."""
    register_fonts()
    from matplotlib.figure import Figure

    entry = KINDS[kind]
    entry.check(chart)
    # Whole pixels, so the picture is exactly the chart area at DPI; matplotlib truncates the
    # size in pixels, hence the small nudge up.
    size = tuple((round(inches * DPI) + 0.01) / DPI for inches in (width_in, height_in))
    fig = Figure(figsize=size, dpi=DPI, layout="constrained")
    entry.draw(fig, chart, highlight)
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
    KINDS[kind].check(chart)
    digest = cache_digest(kind, chart, width_in, height_in, highlight)
    cached = cache.get(digest)
    if cached is not None:
        return cached
    data = _png(_draw(kind, chart, width_in, height_in, highlight))
    cache.put(digest, data)
    return data


def render_ahead(kind: str, chart: ChartData, width_in: float, height_in: float,
                 highlight: str | None = None) -> None:
    """For a chart worker drawing one chart after another: draw this chart now, and compress
    and store it on a thread while the next one is drawn. zlib lets go of the GIL, so on a core
    the deck's process is not using the two overlap: compressing is a fifth of a chart's time.

    Returns once the chart given in the call before is in the cache: whoever waits for a chart
    waits for the next call (or finish_ahead()) to return."""
    global _compressing
    previous, _compressing = _compressing, None
    KINDS[kind].check(chart)
    digest = cache_digest(kind, chart, width_in, height_in, highlight)
    if cache.get(digest) is None:
        image = _draw(kind, chart, width_in, height_in, highlight)
        _compressing = _compressor().submit(_store, digest, image)
    if previous is not None:
        previous.result()  # what went wrong compressing it goes to whoever waits for it


def finish_ahead() -> None:
    """Returns once every chart given to render_ahead is in the cache."""
    global _compressing
    previous, _compressing = _compressing, None
    if previous is not None:
        previous.result()


_compressing = None  # the Future of the chart render_ahead is compressing
_threads = None  # its thread, started on first use


def _compressor():
    global _threads
    if _threads is None:
        from concurrent.futures import ThreadPoolExecutor

        _threads = ThreadPoolExecutor(max_workers=1, thread_name_prefix="slidegen-png")
    return _threads


def _forget_compressor() -> None:
    """In a forked child: the parent's thread does not exist there, so start afresh."""
    global _compressing, _threads
    _compressing = _threads = None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_compressor)


def _store(digest: str, image) -> None:
    cache.put(digest, _png(image))


def _draw(kind: str, chart: ChartData, width_in: float, height_in: float, highlight):
    """The chart drawn, as a PIL image of its own (the canvas is drawn over by the next)."""
    global drawn
    register_fonts()
    import matplotlib.style
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    with matplotlib.style.context(str(STYLE)):
        fig = figure(kind, chart, width_in, height_in, highlight)
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
        image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(),
                                 "raw", "RGBA", 0, 1)
        # An opaque picture (the house style's background is white) is stored as RGB: the
        # same pixels as RGBA, ~10 % smaller and ~20 % faster to compress. Either way a copy.
        image = (image.convert("RGB") if image.getchannel("A").getextrema() == (255, 255)
                 else image.copy())
    drawn += 1
    return image


def _png(image) -> bytes:
    """The picture as PNG with its dpi and no metadata. zlib's fast level 3 compresses a chart
    in ~32 ms instead of ~56 ms (level 6, the default), a tenth of a cold build; with run-length
    matching (charts are mostly flat colour) the file is ~97 KB instead of ~87 KB at level 6
    and ~107 KB at level 3 without it."""
    from PIL.PngImagePlugin import PngInfo

    out = io.BytesIO()
    image.save(out, format="png", dpi=(DPI, DPI), pnginfo=PngInfo(),
               compress_level=PNG_COMPRESSION, compress_type=zlib.Z_RLE)
    return out.getvalue()


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


__all__ = ["KINDS", "ChartData", "ChartError", "Series", "draft_alt_text", "finish_ahead",
           "render", "render_ahead"]
