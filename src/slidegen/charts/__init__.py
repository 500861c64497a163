"""Charts drawn with matplotlib in the house style: one module per chart kind in kinds/, each
with its check (can it show this?), its drawing and its alt-text wording."""

from __future__ import annotations

from . import cache
from .alttext import draft as draft_alt_text
from .cache import cache_digest
from .kinds import KINDS
from .model import ChartData, ChartError, Series
from .painter import Painter, figure, warm_up

__all__ = ["KINDS", "ChartData", "ChartError", "Painter", "Series", "cache", "cache_digest",
           "draft_alt_text", "figure", "warm_up"]
