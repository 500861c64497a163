"""The chart kinds, one module each, found by scanning this package: adding a kind is adding a
file here, and the spec's allowed values, alt text and native chart types follow from it.

A kind module is named as the spec names the kind (`chart: grouped_bar` → grouped_bar.py) and has

    ALT_NAME                     the kind in the alt text, N_(«Stolpediagram»): translated
    NATIVE                       the XL_CHART_TYPE member name for render: native, or None
    check(chart)                 raise ChartError when the kind cannot show the selection
    draw(fig, chart, highlight)  draw it on a matplotlib Figure, in the house style
    findings(chart, tr)          the alt text's sentences on what the figures say

and, only when the kind needs them (the slide looks for them):

    select(spec, data, measures, areas, spans, tr) → ChartData   reads data/ its own way (pyramid)
    reshape(spec, data, measures, spans, series, tr) → (categories, series[, (unit, decimals)])
                                 shapes the figures (waterfall, development)
    native_data(chart) → ChartData   the figures as PowerPoint is given them (ranked_bar)
    alt_text(chart, tr) → str    the whole alt text, worded by the kind itself (map)
    NATIVE_REFUSAL               why render: native cannot be, when NATIVE is None (map)
    SOURCE                       a credit for the drawing itself on the source line (map:
                                 «Kart: Kartverket»); a slide without data: calls
                                 select(spec, data, [], [], {}, tr, kommune=the deck's)

A kind module imports neither pandas nor python-pptx: chart workers import this package.
"""

from __future__ import annotations

from types import ModuleType

from ..._registry import scan

KINDS: dict[str, ModuleType] = scan(__name__, __path__, ("ALT_NAME", "NATIVE", "check", "draw",
                                                         "findings"))
NAMES: tuple[str, ...] = tuple(KINDS)  # what `chart:` accepts

__all__ = ["KINDS", "NAMES"]
