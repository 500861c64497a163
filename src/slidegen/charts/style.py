"""The house style: the template's colours and font (Carlito, Calibri's metric twin), Norwegian
numbers on axes and labels."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .. import fmt
from ..assets import ASSETS
from ..files import digest

# matplotlib is imported only when a chart is drawn: a rebuild that takes every chart from the
# cache never pays for it.

STYLE = ASSETS / "charts" / "distriktssenteret.mplstyle"
DPI = 220  # sharp on a projector; the picture is sized to the layout's chart area


@lru_cache(maxsize=1)
def register_fonts() -> None:
    import matplotlib

    matplotlib.use("Agg")  # no screen, and the same pixels everywhere
    from matplotlib import font_manager

    for font in sorted((ASSETS / "fonts").glob("Carlito-*.ttf")):
        font_manager.fontManager.addfont(str(font))


def _stamp() -> tuple[int, int]:
    """When the style file last changed: a long-running process (preview --watch) must see an
    edit, so what is read from it is kept per stamp, not for the life of the process."""
    stat = STYLE.stat()
    return stat.st_mtime_ns, stat.st_size


def palette() -> tuple[list[str], str]:
    """Series colours in order, and the muted grey for what is not highlighted."""
    return _palette(_stamp())


@lru_cache(maxsize=2)
def _palette(stamp: tuple[int, int]) -> tuple[list[str], str]:
    text = STYLE.read_text(encoding="utf-8")
    cycle = text.split("cycler('color', [", 1)[1].split("])", 1)[0]
    colours = [f"#{c.strip().strip(chr(39))}" for c in cycle.split(",")]
    muted = "#" + text.split("# slidegen: muted ", 1)[1].split()[0]
    return colours, muted


def style_digest() -> str:
    """The style file, the drawing code (charts/ and its kinds), the number formatting, Babel's
    version and the fonts: a change to any must not reuse old pictures."""
    return _style_digest(_stamp())


@lru_cache(maxsize=2)
def _style_digest(stamp: tuple[int, int]) -> str:
    import babel

    sources = [STYLE, *sorted(Path(__file__).parent.rglob("*.py")), Path(fmt.__file__),
               *sorted((ASSETS / "fonts").glob("*.ttf"))]
    return digest(*(source.read_bytes() for source in sources), babel.__version__)


def value_text(value: float, unit: str, decimals: int) -> str:
    return fmt.formatted(value, unit, decimals)


def axis_formatter(unit: str):
    """Ticks as 1 000 and 15 %, never 1e3 or 1,000."""
    from matplotlib.ticker import FuncFormatter

    def tick(value, _pos):
        decimals = 0 if float(value).is_integer() else 1
        return fmt.formatted(value, unit, decimals)
    return FuncFormatter(tick)


def integer_ticks():
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(nbins=6, integer=True)
