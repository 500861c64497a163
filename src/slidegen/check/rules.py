"""The quality and accessibility rules `slidegen check` applies to a finished .pptx (WCAG 2.1,
EN 301 549 and uutilsynet's advice for presentations). Each rule yields Findings."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn

from ..i18n import N_, variants
from ..slides import textfit
from ..template import inherited_font_size
from .colours import TITLE_TYPES, ThemeColours, background, contrast, text_colour

MIN_PT = 18.0
LARGE_PT, LARGE_BOLD_PT = 18.0, 14.0  # WCAG "large text": 3:1 is enough
SMALL_ALLOWED = ("Kilde", "Fotokreditt")  # source and credit lines may be smaller
# «Kilde:» in every language a deck may be in («Kjelde:», «Source:»); «Kart:» («Map:») is the
# source of a map's boundaries, all a locator map shows
SOURCE_LABELS = tuple(sorted(f"{label}:" for label in variants(N_("Kilde"))
                             | variants(N_("Kart"))))
FILE_NAME = re.compile(r"^\S+\.(png|jpe?g|gif|bmp|tiff?|svg|webp|emf|wmf)$", re.IGNORECASE)
DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
EMU_PER_PT = 12700


@dataclass(frozen=True)
class Finding:
    """One problem: where (slide, shape), which rule, what is wrong, and what to do."""

    level: str  # error or warning
    slide: int  # 0 = the file as a whole
    shape: str
    rule: str
    message: str
    hint: str

    def __str__(self) -> str:
        where = f"slide {self.slide}" if self.slide else "file"
        shape = f" '{self.shape}'" if self.shape else ""
        return f"{where}{shape}: {self.level}: {self.rule}: {self.message} — {self.hint}"


def title_of(slide) -> str | None:
    for shape in slide.placeholders:
        ph = shape._element.find(f".//{qn('p:ph')}")
        if ph is not None and ph.get("type") in TITLE_TYPES and shape.text_frame.text.strip():
            return shape.text_frame.text.strip()
    return None


def check_titles(slides) -> list[Finding]:
    out = []
    seen: dict[str, int] = {}
    for number, slide in enumerate(slides, start=1):
        title = title_of(slide)
        if title is None:
            out.append(Finding("error", number, "", "title", "the slide has no title",
                               "give every slide a title: screen readers and the outline "
                               "use it"))
        elif title in seen:
            out.append(Finding("error", number, "", "unique-title",
                               f"same title as slide {seen[title]}: '{title}'",
                               "make it unique, or end it with ' (forts.)' if it continues "
                               "that slide"))
        else:
            seen[title] = number
    return out


def check_alt_text(number: int, slide) -> list[Finding]:
    out = []
    for shape in slide.shapes:
        is_picture = shape.shape_type == MSO_SHAPE_TYPE.PICTURE or (
            shape.is_placeholder and shape._element.tag == qn("p:pic"))
        if not (is_picture or getattr(shape, "has_chart", False)):
            continue
        c_nv_pr = shape._element.find(".//" + qn("p:cNvPr"))
        alt = (c_nv_pr.get("descr") or "").strip()
        if c_nv_pr.find(".//" + DECORATIVE) is not None:
            continue
        if not alt:
            out.append(Finding("error", number, shape.name, "alt-text", "no alternative text",
                               "describe what it shows, or mark it as decorative"))
        elif FILE_NAME.match(alt):
            out.append(Finding("error", number, shape.name, "alt-text",
                               f"the alternative text is a file name: '{alt}'",
                               "describe what the picture shows"))
    return out


def check_language(prs, slides, expected: str) -> list[Finding]:
    out = []
    if not (prs.core_properties.title or "").strip():
        out.append(Finding("error", 0, "", "properties", "the file has no title",
                           "set the deck's title (File → Properties)"))
    for number, slide in enumerate(slides, start=1):
        wrong = Counter(run._r.find(qn("a:rPr")).get("lang") if run._r.find(qn("a:rPr"))
                        is not None else None for _, run in _runs(slide))
        wrong.pop(expected, None)
        if wrong:
            found = ", ".join(f"{lang or 'none'} ({n})" for lang, n in sorted(
                wrong.items(), key=lambda kv: str(kv[0])))
            out.append(Finding("error", number, "", "language",
                               f"text not marked {expected}: {found}",
                               f"mark the text as {expected} so it is read and spell-checked "
                               f"in the deck's language"))
    return out


def check_text(number: int, slide, colours: ThemeColours) -> list[Finding]:
    """Text fits its box, is not too small, and stands out from its background."""
    out = []
    for shape in slide.shapes:
        if not shape.has_text_frame or not shape.text_frame.text.strip():
            continue
        blocks = []
        small = False
        for p in shape.text_frame.paragraphs:
            if not p.runs:
                continue
            size = _size(p.runs[0], p, shape, slide)
            bold = bool(p.runs[0].font.bold) or _is_title(shape)
            level = p.level
            blocks.append(textfit.Block(p.text, size, indent=27.0 * (level + 1)
                                        if _has_bullet(p, shape, slide) else 0.0,
                                        space_before=0.0 if _is_title(shape) else 9.0,
                                        bold=bold, line_spacing=0.9 if _is_title(shape)
                                        else 1.0))
            small |= size < MIN_PT
            out += _contrast(number, shape, slide, p, size, bold, colours)
        if not blocks:
            continue
        width = (shape.width - 2 * 91440) / EMU_PER_PT
        height = (shape.height - 2 * 45720) / EMU_PER_PT
        needed = textfit.height(blocks, width)
        if needed > height * 1.02:  # 2 %: rounding between measuring and rendering
            out.append(Finding("error", number, shape.name, "overflow",
                               f"the text needs {needed / 28.35:.1f} cm but the box is "
                               f"{height / 28.35:.1f} cm high",
                               "shorten the text, split the slide, or make the box larger"))
        if small and not shape.name.startswith(SMALL_ALLOWED):
            smallest = min(b.size for b in blocks)
            out.append(Finding("warning", number, shape.name, "text-size",
                               f"text at {smallest:g} pt", f"use at least {MIN_PT:g} pt so it "
                               f"can be read from the back of the room"))
    return out


def check_tables_and_sources(number: int, slide) -> list[Finding]:
    out = []
    has_data = False
    for shape in slide.shapes:
        if getattr(shape, "has_table", False) and shape.has_table:
            has_data = True
            if not shape.table.first_row:
                out.append(Finding("error", number, shape.name, "table-header",
                                   "the table has no header row",
                                   "mark the first row as a header (Table Design → Header "
                                   "Row) so screen readers can name the columns"))
        elif getattr(shape, "has_chart", False) or shape.name.startswith("Diagram"):
            has_data = True
    texts = [p.text.strip() for shape in slide.shapes if shape.has_text_frame
             for p in shape.text_frame.paragraphs]
    if has_data and not any(t.startswith(SOURCE_LABELS) for t in texts):
        out.append(Finding("error", number, "", "source", "a data slide without a 'Kilde:' line",
                           "say where the figures come from"))
    return out


def check_links(number: int, slide) -> list[Finding]:
    out = []
    for shape, run in _runs(slide):
        if run.hyperlink.address and re.match(r"^\s*https?://", run.text):
            out.append(Finding("warning", number, shape.name, "link-text",
                               f"the link shows a bare address: '{run.text.strip()}'",
                               "give the link a readable label (link: {url, text})"))
    return out


def _runs(slide):
    for shape in slide.shapes:
        if shape.has_text_frame:
            for p in shape.text_frame.paragraphs:
                for run in p.runs:
                    yield shape, run
        if getattr(shape, "has_table", False) and shape.has_table:
            for row in shape.table.rows:
                for cell in row.cells:
                    for p in cell.text_frame.paragraphs:
                        for run in p.runs:
                            yield shape, run


def _contrast(number, shape, slide, paragraph, size, bold, colours) -> list[Finding]:
    out = []
    for run in paragraph.runs:
        if not run.text.strip():
            continue
        fg = text_colour(run, shape, slide, colours)
        bg = background(shape, slide, colours)
        ratio = contrast(fg, bg)
        large = size >= LARGE_PT or (bold and size >= LARGE_BOLD_PT)
        need = 3.0 if large else 4.5
        if ratio < need:
            out.append(Finding("error", number, shape.name, "contrast",
                               f"text #{fg} on #{bg} has contrast {ratio:.1f}:1, needs "
                               f"{need:g}:1", "use a darker text colour or a lighter "
                               "background"))
            break
    return out


def _is_title(shape) -> bool:
    ph = shape._element.find(f".//{qn('p:ph')}")
    return ph is not None and ph.get("type") in TITLE_TYPES


def _has_bullet(paragraph, shape, slide) -> bool:
    """Whether the paragraph is indented for a bullet: its own setting, else its layout's."""
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.find(qn("a:buNone")) is not None:
        return False
    ph = shape._element.find(f".//{qn('p:ph')}")
    if ph is None or ph.get("type", "body") != "body":
        return False
    layout_ph = next((p for p in slide.slide_layout.placeholders
                      if p.placeholder_format.idx == shape.placeholder_format.idx), None)
    level = None if layout_ph is None else layout_ph._element.find(
        f".//{qn('a:lstStyle')}/{qn('a:lvl1pPr')}")
    return level is None or level.find(qn("a:buNone")) is None


def _size(run, paragraph, shape, slide) -> float:
    if run.font.size is not None:
        return run.font.size.pt
    if shape.is_placeholder:
        try:
            return inherited_font_size(slide.slide_layout, shape.placeholder_format.idx,
                                       paragraph.level)
        except StopIteration:  # a placeholder its layout does not have
            return 18.0
    return 18.0
