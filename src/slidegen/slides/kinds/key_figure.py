"""One to three big numbers side by side, each with its label and period:
«15,4 % av befolkningen (2024)»."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from ... import fmt
from ...data.measures import datasets_of
from ...data.tables import Selection, single_value
from ...errors import SelectionError
from ...spec.model import DataSlide, Strict, Text
from ...spec.selection import DataSelection
from ..context import SlideContext, source_line, source_notes

if TYPE_CHECKING:
    from ..canvas import Canvas

DATA = True  # always a «Kilde:» line, from the datasets' metadata

NUMBER_PT, LABEL_PT, MISSING_PT = 66, 24, 40
MISSING_TEXT = fmt.MISSING_TEXT  # a missing figure is said to be missing, never shown as 0
GAP_EMU = 365760  # 0.4 in between figures


class KeyFigure(Strict):
    """One big number with its label."""

    data: DataSelection
    label: Text = Field(description="What the number is, e.g. 'av befolkningen'.")
    decimals: int | None = Field(None, ge=0, le=4, description="Override the measure's "
                                                               "decimals.")


class KeyFigureSlide(DataSlide):
    """One to three big numbers side by side, each with label, period and source."""

    kind: Literal["key_figure"]
    title: Text
    heading: Text | None = None
    figures: list[KeyFigure] = Field(min_length=1, max_length=3)


MODEL = KeyFigureSlide


def needs(spec: KeyFigureSlide) -> dict[str, set[str]]:
    return {"key_figure": {"title", "body"} | ({"heading"} if spec.heading else set())}


def all_missing(spec: KeyFigureSlide, ctx: SlideContext) -> bool:
    """Whether every figure of the slide is missing for the kommune: the one test of it, for
    the slide's warning and for skip_when_missing."""
    return all(missing for *_, missing in _figures(spec, ctx)[0])


def _figures(spec: KeyFigureSlide, ctx: SlideContext) -> tuple[list[tuple], list]:
    """Each figure as shown: (kommune name, number, label, missing); and their measures."""
    data = ctx.require_data()
    measures = []
    shown = []
    for i, figure in enumerate(spec.figures):
        sel = Selection(list(figure.data.measures), figure.data.kommuner, figure.data.region,
                        figure.data.periods)
        try:
            cell, measure, place, (first, last) = single_value(data, sel, ctx.kommune)
        except SelectionError as exc:  # say which figure: figures[2].data.periods
            raise SelectionError(f"figures[{i}].{exc.field}", exc.detail) from None
        decimals = figure.decimals if figure.decimals is not None else cell.decimals
        missing = fmt.is_missing(cell.value)
        number = ctx.tr(MISSING_TEXT) if missing else fmt.formatted(cell.value, cell.unit, decimals,
                                                            plus=measure.signed)
        # A word joiner after the dash keeps «2014–2023» on one line when the label wraps.
        period = fmt.period(first, last).replace("–", "–\u2060")
        # A label is written to follow its number («15,4 % | av befolkningen»); under «Tall
        # mangler» it would read as «Tall mangler av befolkningen», so the measure's own name
        # says what is missing instead.
        label = measure.label if missing else figure.label
        shown.append((place.name, number, f"{label} ({period})", missing))
        measures.append(measure)
    return shown, measures


def render(spec: KeyFigureSlide, new_slide, ctx: SlideContext) -> list[Canvas]:
    data = ctx.require_data()
    canvas = new_slide("key_figure")
    if spec.heading:
        canvas.text("heading", spec.heading)
    canvas.text("title", spec.title)
    area = canvas.shape("body")
    left, top, width, height = area.left, area.top, area.width, area.height
    n = len(spec.figures)
    box_width = (width - GAP_EMU * (n - 1)) // n
    shown, measures = _figures(spec, ctx)
    if all(missing for *_, missing in shown):  # worth knowing before standing in front of it
        canvas.warnings.append(f"{canvas.where}: every figure on the slide is missing "
                               f"(«{MISSING_TEXT}») for "
                               f"{', '.join(dict.fromkeys(name for name, *_ in shown))}")
    several_places = len({name for name, *_ in shown}) > 1
    for i, (name, number, label, missing) in enumerate(shown):
        if several_places:  # side by side for different kommuner: say whose figure it is
            label = f"{name}: {label}"
        figure_box(canvas, left + i * (box_width + GAP_EMU), top, box_width, height, number,
                    label, MISSING_PT if missing else NUMBER_PT)
    datasets = datasets_of(measures, data.measures)
    canvas.default_source = source_line(datasets, ctx.tr)
    canvas.data_notes = source_notes(datasets, ctx.tr)
    return [canvas]


def figure_box(canvas: Canvas, left, top, width, height, number: str, label: str,
                number_pt: int) -> None:
    from pptx.enum.dml import MSO_THEME_COLOR
    from pptx.enum.text import MSO_ANCHOR
    from pptx.util import Emu

    from ..canvas import write_centred

    # Anchored at the top, a third down: the numbers of figures side by side line up even when
    # one label wraps to more lines than another.
    offset = height // 4
    box = canvas.slide.shapes.add_textbox(Emu(left), Emu(top + offset), Emu(width),
                                          Emu(height - offset))
    box.name = f"Nøkkeltall {box.shape_id}"
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.TOP
    write_centred(frame, canvas.language,
                  [(number, number_pt, True, MSO_THEME_COLOR.ACCENT_1),
                   (label, LABEL_PT, False, MSO_THEME_COLOR.TEXT_1)])
