"""A table computed from data/: a real header row, Norwegian numbers, computed totals, and long
tables split over several slides with the header repeated."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, field_validator, model_validator

from ... import fmt
from ...data.tables import Cell, Selection, TableData, build_table
from ...i18n import N_
from ...spec.model import DataSlide, Text
from ...spec.selection import DataSelection, Dimension
from .. import textfit
from ..context import SlideContext, source_line, source_notes
from ..fields import apply
from ..textfit import EMU_PER_PT

if TYPE_CHECKING:
    from ..canvas import Canvas

DATA = True  # always a «Kilde:» line, from the datasets' metadata

SIZES = (24, 22, 20, 18, 17, 16, 15, 14)  # largest that fits; never below 14 pt
ONE_PAGE_MIN = 18  # shrink below this only for width; for height, split over slides instead
MARGIN_PT = 5.0
MAX_EXTRA_PT = 108.0  # a column grows at most 1.5 in beyond its text: no vast empty cells
CONTINUED = N_(" (forts.)")  # the first continuation; then « (forts. 2)», « (forts. 3)»
CONTINUED_N = N_(" (forts. {page})")
MISSING_NOTE = N_("{missing} = tall mangler")
SUM = N_("Sum")  # the label of `total_row: true`


class TableSlide(DataSlide):
    """A table computed from data/, with totals computed from the cells shown."""

    kind: Literal["table"]
    title: Text
    heading: Text | None = None
    data: DataSelection
    rows: list[Dimension] = Field(min_length=1, description="kommune, measure and/or period.")
    columns: list[Dimension] = Field(min_length=1, description="kommune, measure and/or period.")
    total_row: Text | None = Field(None, description="Label of a computed total row, or true "
                                                     "for 'Sum'.")
    total_column: Text | None = Field(None, description="Label of a computed total column, or "
                                                        "true for 'Sum'.")
    kommune_label: Literal["name", "number_name"] = Field(
        "name", description="name: Tinn; number_name: 4026 Tinn.")

    @field_validator("rows", "columns", mode="before")
    @classmethod
    def _one_dimension(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("total_row", "total_column", mode="before")
    @classmethod
    def _true_means_sum(cls, value: Any) -> Any:
        return SUM if value is True else (None if value is False else value)

    @model_validator(mode="after")
    def _dims_once(self) -> TableSlide:
        both = [d for d in self.rows if d in self.columns]
        if both or len(set(self.rows)) < len(self.rows) or len(set(self.columns)) < len(
                self.columns):
            raise ValueError(f"each of kommune, measure, period goes in rows or columns once; "
                             f"found rows {self.rows}, columns {self.columns}")
        return self


MODEL = TableSlide


def needs(spec: TableSlide) -> dict[str, set[str]]:
    return {"table": {"title", "table"} | ({"heading"} if spec.heading else set())}


def all_missing(spec: TableSlide, ctx: SlideContext) -> bool:
    """Whether every cell of the table's body is missing («..») for the kommune."""
    return all(fmt.is_missing(cell.value) for _, cells in _table(spec, ctx).rows
               for cell in cells)


def _table(spec: TableSlide, ctx: SlideContext) -> TableData:
    selection = Selection(list(spec.data.measures), spec.data.kommuner, spec.data.region,
                          spec.data.periods)
    return build_table(ctx.require_data(), selection, list(spec.rows), list(spec.columns),
                       _total(spec.total_row, ctx), _total(spec.total_column, ctx),
                       spec.kommune_label, ctx.kommune)


def _total(label: str | None, ctx: SlideContext) -> str | None:
    """A total's label; `true`'s «Sum» in the deck's language."""
    return ctx.tr(SUM) if label == SUM else label


def render(spec: TableSlide, new_slide, ctx: SlideContext) -> list[Canvas]:
    table = _table(spec, ctx)
    texts = _texts(table)
    canvases: list[Canvas] = []
    pages = None
    for page in range(10_000):
        canvas = new_slide("table")
        frame_ph = canvas.shape("table")
        if pages is None:
            size, widths, row_height = _fit(texts, frame_ph.width / EMU_PER_PT,
                                            frame_ph.height / EMU_PER_PT, canvas)
            per_page = max(1, int(frame_ph.height / EMU_PER_PT // row_height) - 1)
            pages = _paginate(len(texts) - 1, per_page)
        if spec.heading:
            canvas.text("heading", spec.heading)
        canvas.text("title", spec.title + continued(page, ctx.tr))
        rows = [texts[0]] + [texts[1 + i] for i in pages[page]]
        _draw(canvas, rows, widths, size, row_height,
              total=table.total is not None and page == len(pages) - 1)
        missing = any(t == fmt.MISSING for row in rows for t in row)
        canvas.default_source = source_line(table.datasets, ctx.tr) + (
            ". " + ctx.tr(MISSING_NOTE, missing=fmt.MISSING) if missing else "")
        canvas.data_notes = source_notes(table.datasets, ctx.tr)
        if page:
            apply(spec, canvas, photo_roles=False)
        canvases.append(canvas)
        if page == len(pages) - 1:
            return canvases
    raise AssertionError("unreachable")


def continued(page: int, tr) -> str:
    """What a page of a long table adds to its title: nothing on the first, then « (forts.)»,
    « (forts. 2)», …: each page's title is its own, so `check` finds no duplicate titles."""
    return "" if page == 0 else tr(CONTINUED) if page == 1 else tr(CONTINUED_N, page=page)


def _texts(table: TableData) -> list[list[str]]:
    def show(cell: Cell) -> str:
        return fmt.formatted(cell.value, cell.unit, cell.decimals)

    body = [[label] + [show(c) for c in cells] for label, cells in table.rows]
    if table.total:
        body.append([table.total[0]] + [show(c) for c in table.total[1]])
    return [table.header] + body


def _paginate(count: int, per_page: int) -> list[list[int]]:
    pages = math.ceil(count / per_page)
    size = math.ceil(count / pages)  # even pages rather than a last page of one row
    return [list(range(i, min(i + size, count))) for i in range(0, count, size)]


def _fit(texts, width_pt: float, height_pt: float, canvas: Canvas
         ) -> tuple[int, list[float], float]:
    """The largest font size at which the columns fit the width and, down to 18 pt, the rows
    fit one slide; column widths and row height at that size."""
    for size in SIZES:
        need = [max(textfit.text_width(row[i], size, bold=True) for row in texts)
                + 2 * MARGIN_PT + 2 for i in range(len(texts[0]))]
        row_height = size * 1.2 + MARGIN_PT  # one line plus top and bottom margins
        one_page = row_height * len(texts) <= height_pt
        if sum(need) <= width_pt and (one_page or size <= ONE_PAGE_MIN):
            extra = min(MAX_EXTRA_PT, (width_pt - sum(need)) / max(1, len(need) - 1))
            return size, [need[0]] + [n + extra for n in need[1:]], row_height
    canvas.warnings.append(f"{canvas.where}: the table is too wide even at {SIZES[-1]} pt; "
                           f"choose fewer columns")
    return (SIZES[-1], [width_pt / len(texts[0])] * len(texts[0]),
            SIZES[-1] * 1.2 + MARGIN_PT)


def _draw(canvas: Canvas, rows: list[list[str]], widths: list[float], size: int,
          row_height: float, total: bool) -> None:
    from pptx.util import Emu

    placeholder = canvas.shape("table")
    canvas.used.add(canvas.roles["table"])
    frame = placeholder.insert_table(len(rows), len(rows[0]))
    frame.width = Emu(round(sum(widths) * EMU_PER_PT))
    frame.height = Emu(round(row_height * len(rows) * EMU_PER_PT))
    table = frame.table
    table.first_row = True  # a real header row, for screen readers and table styles
    table.horz_banding = False
    table.last_row = total
    for i, width in enumerate(widths):
        table.columns[i].width = Emu(round(width * EMU_PER_PT))
    for r, values in enumerate(rows):
        table.rows[r].height = Emu(round(row_height * EMU_PER_PT))
        header, is_total = r == 0, total and r == len(rows) - 1
        for c, text in enumerate(values):
            _cell(canvas, table.cell(r, c), text, size, header=header, total=is_total,
                  band=r % 2 == 0, numeric=c > 0)


def _cell(canvas: Canvas, cell, text: str, size: int, header: bool, total: bool, band: bool,
          numeric: bool) -> None:
    """Fill one cell, writing its XML directly: the same elements python-pptx's cell, fill,
    paragraph and font objects write, without making those objects for every cell (a big
    table has hundreds)."""
    from pptx.dml.color import RGBColor
    from pptx.enum.dml import MSO_THEME_COLOR
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Pt

    tc = cell._tc
    tc_pr = tc.get_or_add_tcPr()
    margin, margin_y = str(Pt(MARGIN_PT)), str(Pt(MARGIN_PT / 2))
    tc_pr.set("marL", margin)
    tc_pr.set("marR", margin)
    tc_pr.set("marT", margin_y)
    tc_pr.set("marB", margin_y)
    fill = tc_pr.get_or_change_to_solidFill()
    if header:
        fill.get_or_change_to_schemeClr().val = MSO_THEME_COLOR.TEXT_2
    elif total or band:
        fill.get_or_change_to_schemeClr().val = MSO_THEME_COLOR.BACKGROUND_2
    else:
        fill.get_or_change_to_srgbClr().val = str(RGBColor(0xFF, 0xFF, 0xFF))
    p = tc.txBody.p_lst[0]
    p.get_or_add_pPr().algn = PP_ALIGN.RIGHT if numeric else PP_ALIGN.LEFT
    r = p.add_r()
    r.text = text
    r_pr = r.get_or_add_rPr()
    r_pr.set("lang", canvas.language)
    r_pr.sz = Pt(size).centipoints
    r_pr.b = header or total
    r_pr.get_or_change_to_solidFill().get_or_change_to_schemeClr().val = (
        MSO_THEME_COLOR.BACKGROUND_1 if header else MSO_THEME_COLOR.TEXT_1)
