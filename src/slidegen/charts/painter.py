"""Drawing charts to PNG pictures, for one process: a Painter keeps the canvases it drew on
(their renderer remembers the text metrics it measured: tick labels, kommune names and numbers
recur from chart to chart), its compressing thread, and, unless told not to, the chart cache."""

from __future__ import annotations

import io
import os
import zlib

from . import cache
from .cache import cache_digest
from .kinds import KINDS
from .model import ChartData
from .style import DPI, STYLE, register_fonts

# zlib's fast level 3 with run-length matching: charts are mostly flat colour, which run-length
# matching finds at once, so the fast level loses little size and saves most of the time.
PNG_COMPRESSION = 3


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


class Painter:
    """Renders charts in one process; cache=False draws every chart and keeps none."""

    def __init__(self, cache: bool = True):
        self.uses_cache = cache
        self.drawn = 0  # charts drawn by matplotlib, not taken from the cache
        self._canvases: dict = {}  # picture size → the canvas drawn on last
        self._compressing = None  # the Future of the chart render_ahead is compressing
        self._threads = None  # its thread, started on first use
        self._threads_pid = None  # the process that thread runs in

    def render(self, kind: str, chart: ChartData, width_in: float, height_in: float,
               highlight: str | None = None) -> bytes:
        """A PNG of the chart, exactly width × height inches at DPI, from the cache if it has
        it."""
        KINDS[kind].check(chart)
        if not self.uses_cache:
            return png(self._draw(kind, chart, width_in, height_in, highlight))
        digest = cache_digest(kind, chart, width_in, height_in, highlight)
        cached = cache.get(digest)
        if cached is not None:
            return cached
        data = png(self._draw(kind, chart, width_in, height_in, highlight))
        cache.put(digest, data)
        return data

    def render_ahead(self, kind: str, chart: ChartData, width_in: float, height_in: float,
                     highlight: str | None = None) -> None:
        """For a chart worker drawing one chart after another: draw this chart into the cache
        now, compressing it on a thread while the next one is drawn (zlib lets go of the GIL,
        so on a core the deck's process is not using, the two overlap).

        Returns once the chart given in the call before is in the cache: whoever waits for a
        chart waits for the next call (or finish_ahead()) to return."""
        self._forget_if_forked()
        previous, self._compressing = self._compressing, None
        KINDS[kind].check(chart)
        digest = cache_digest(kind, chart, width_in, height_in, highlight)
        if cache.get(digest) is None:
            image = self._draw(kind, chart, width_in, height_in, highlight)
            self._compressing = self._compressor().submit(_store, digest, image)
        if previous is not None:
            previous.result()  # what went wrong compressing it goes to whoever waits for it

    def finish_ahead(self) -> None:
        """Returns once every chart given to render_ahead is in the cache."""
        self._forget_if_forked()
        previous, self._compressing = self._compressing, None
        if previous is not None:
            previous.result()

    def _forget_if_forked(self) -> None:
        """A forked worker has a copy of this painter but not its thread: it starts its own,
        and waits for nothing the parent was compressing."""
        if self._threads_pid not in (None, os.getpid()):
            self._threads = self._compressing = self._threads_pid = None

    def _compressor(self):
        if self._threads is None:
            from concurrent.futures import ThreadPoolExecutor

            self._threads = ThreadPoolExecutor(max_workers=1, thread_name_prefix="slidegen-png")
            self._threads_pid = os.getpid()
        return self._threads

    def _draw(self, kind: str, chart: ChartData, width_in: float, height_in: float, highlight):
        """The chart drawn, as a PIL image of its own (the canvas is drawn over by the next)."""
        register_fonts()
        import matplotlib.style
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from PIL import Image

        with matplotlib.style.context(str(STYLE)):
            fig = figure(kind, chart, width_in, height_in, highlight)
            # What savefig does, without its first pass: savefig draws the figure once only to
            # lay it out (constrained layout), then again to render it; canvas.draw() lays it
            # out and renders it in one pass, with the same layout and pixels. No size-changing
            # bbox: the picture must match the layout's chart area exactly.
            canvas = self._canvases.get((width_in, height_in))
            if canvas is None:
                canvas = self._canvases[(width_in, height_in)] = FigureCanvasAgg(fig)
            canvas.figure = fig
            fig.set_canvas(canvas)
            fig.canvas.draw()
            image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(),
                                     "raw", "RGBA", 0, 1)
            # An opaque picture (the house style's background is white) is stored as RGB: the
            # same pixels as RGBA, smaller and faster to compress. Either way a copy.
            image = (image.convert("RGB") if image.getchannel("A").getextrema() == (255, 255)
                     else image.copy())
        self.drawn += 1
        return image


def _store(digest: str, image) -> None:
    cache.put(digest, png(image))


def png(image) -> bytes:
    """The picture as PNG with its dpi and no metadata."""
    from PIL.PngImagePlugin import PngInfo

    out = io.BytesIO()
    image.save(out, format="png", dpi=(DPI, DPI), pnginfo=PngInfo(),
               compress_level=PNG_COMPRESSION, compress_type=zlib.Z_RLE)
    return out.getvalue()
