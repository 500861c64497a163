"""Population change as a waterfall: start + births − deaths + in-migration − out-migration =
end, each step a floating bar from the running total (python-pptx has no such chart). The end
is computed from the steps, never copied."""

from __future__ import annotations

import math
import textwrap

from ...errors import SelectionError
from ...i18n import N_
from ..findings import show
from ..model import ChartData, ChartError, Series
from ..style import axis_formatter, palette, value_text

ALT_NAME = N_("Fossefalldiagram")
NATIVE = None


def check(chart: ChartData) -> None:
    if chart.x_dim != "measure" or len(chart.series) != 1:
        raise ChartError("a waterfall shows one kommune's steps: put 'measure' on x, and "
                         "select one kommune or region and one year")
    if len(chart.categories) < 3:
        raise ChartError("a waterfall needs a start, at least one step and the end")
    if any(math.isnan(v) for v in chart.series[0].values):
        raise ChartError("a waterfall cannot show a missing step: the end would be wrong")


def reshape(spec, data, measures, spans, series, tr):
    """Start level, signed steps (spec.subtract counts down), and the end computed from them,
    labelled by spec.end_label or «Beregnet <next year>»."""
    if spec.x != "measure" or len(series) != 1:
        raise SelectionError("x", "a waterfall puts 'measure' on x, for one kommune or region")
    first, steps_ = measures[0], measures[1:]
    years = set(spans.values())
    if first.kind != "stock" or not steps_ or len(years) != 1 or any(
            not m.spans_years(data.measures) for m in steps_):
        raise SelectionError("data.measures", "a waterfall starts with a level (e.g. "
                                              "befolkning) followed by flows (fødde, døde, "
                                              "innflytting, utflytting), for one year")
    unknown = [name for name in spec.subtract if name not in [m.name for m in steps_]]
    if unknown:
        raise SelectionError("subtract", f"'{unknown[0]}' is not one of the steps: "
                                         f"{', '.join(m.name for m in steps_)}")
    (a, b), = years
    values = list(series[0].values)
    signed = [values[0]] + [-v if m.name in spec.subtract else v
                            for m, v in zip(steps_, values[1:], strict=True)]
    end = signed[0] + sum(signed[1:])
    labels = ([f"{first.label} {a}"] + [m.label for m in steps_]
              + [spec.end_label or tr("Beregnet {year}", year=b + 1)])
    wrapped = tuple("\n".join(textwrap.wrap(label, 14)) for label in labels)
    return wrapped, (Series(series[0].label, tuple(signed + [end])),)


def steps(chart: ChartData) -> list[tuple[str, float, float]]:
    """(label, bottom, height) of each bar; the last category is the computed end."""
    values = chart.series[0].values
    out = [(chart.categories[0], 0.0, values[0])]
    running = values[0]
    for label, value in zip(chart.categories[1:-1], values[1:-1], strict=True):
        out.append((label, running if value >= 0 else running + value, abs(value)))
        running += value
    out.append((chart.categories[-1], 0.0, values[-1]))
    return out


def draw(fig, chart: ChartData, highlight: str | None) -> None:
    """Start and end in grey, rises and falls in two colours, each with its signed value."""
    ax = fig.add_subplot()
    colours, muted = palette()
    values = chart.series[0].values
    bars = steps(chart)
    xs = list(range(len(bars)))
    fill = [muted] + [colours[0] if v >= 0 else colours[1] for v in values[1:-1]] + [muted]
    drawn = ax.bar(xs, [h for _, _, h in bars], 0.62, bottom=[b for _, b, _ in bars],
                   color=fill)
    labels = [value_text(values[0], chart.unit, chart.decimals)]
    labels += [("+" if v > 0 else "") + value_text(v, chart.unit, chart.decimals)
               for v in values[1:-1]]
    labels.append(value_text(values[-1], chart.unit, chart.decimals))
    ax.bar_label(drawn, labels, padding=3, fontsize=15)
    ax.set_xticks(xs, [label for label, _, _ in bars])
    ax.yaxis.set_major_formatter(axis_formatter(chart.unit))
    low = min(b for _, b, _ in bars[1:-1])
    top = max(b + h for _, b, h in bars)
    span = top - low
    ax.set_ylim(max(0, low - span * 0.6), top + span * 0.25)  # the steps, not the whole bar


def findings(chart: ChartData, tr) -> list[str]:
    """From the start to the end, and each step signed."""
    values, labels = chart.series[0].values, chart.categories
    change = values[-1] - values[0]
    sign = "+" if change > 0 else ""
    parts = ", ".join(f"{label.lower()} {'+' if v > 0 else ''}{show(chart, v)}"
                      for label, v in zip(labels[1:-1], values[1:-1], strict=True))
    return [tr("Fra {start} til {end} ({change}): {steps}.", start=show(chart, values[0]),
               end=show(chart, values[-1]), change=sign + show(chart, change), steps=parts)]
