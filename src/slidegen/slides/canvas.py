"""A slide being filled: placeholders by role, text with language and fitting, pictures, notes."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from pptx.oxml.ns import qn
from pptx.slide import Slide, SlideLayout
from pptx.util import Emu, Pt

from ..errors import display_path
from ..i18n import Translator, translator
from ..spec.model import PICTURE_WARN_PIXELS, Picture, picture_pixels
from ..template import TITLE_TYPES, inherited_font_size, layout_placeholders
from . import textfit
from .para import Para
from .textfit import EMU_PER_PT

INSET_X, INSET_Y = 91440, 45720  # PowerPoint's default text insets
BULLET_INDENT_PT = 27.0  # marL per bullet level in the template's body style (342900 EMU)
SPACE_BEFORE_PT = 9.0
NORWEGIAN = {"nb", "nn", "no"}  # languages whose lines never end on «i» or «å» (textfit)


@dataclass
class Canvas:
    """One slide on its layout, with the role → placeholder idx mapping of the template."""

    slide: Slide
    layout: SlideLayout
    roles: dict[str, int]
    language: str
    where: str  # "decks/x.yaml:12" for warnings
    warnings: list[str]
    used: set[int] = field(default_factory=set)
    default_source: str | None = None  # data slides: from the datasets' metadata
    data_notes: list[str] = field(default_factory=list)  # data slides: source and date

    layout_shapes: dict = field(default_factory=dict)  # the layout's placeholders by idx
    font_sizes: dict = field(default_factory=dict)  # (idx, level) → pt, shared per layout
    layout_key: str = ""  # the mapping's key of the layout (for the slide cache)
    charts: list[str] = field(default_factory=list)  # chart-cache digests of pictures shown

    def __post_init__(self) -> None:
        # Looked up once: python-pptx finds placeholders by XPath over every shape, every time.
        self._shapes = {ph.placeholder_format.idx: ph for ph in self.slide.placeholders}
        self._layout_shapes = self.layout_shapes or layout_placeholders(self.layout)

    @property
    def tr(self) -> Translator:
        """The words this slide writes itself, in the deck's language."""
        return translator(self.language)

    def shape(self, role: str):
        """The slide's placeholder for a role, as a python-pptx shape."""
        return self._shapes[self.roles[role]]

    def has(self, role: str) -> bool:
        return role in self.roles

    def _placeholder(self, role: str):
        idx = self.roles[role]
        self.used.add(idx)
        shape = self._shapes[idx]
        # The layout's name ("Kilde", "Fotokreditt"), not python-pptx's generic one: it shows in
        # PowerPoint's selection pane, and `slidegen check` knows source lines by it.
        layout_ph = self._layout_shapes[idx]
        shape.name = f"{layout_ph.name.rsplit(' ', 1)[0]} {shape.shape_id}"
        return shape

    def text(self, role: str, content: str | list[Para], *, bold: bool | None = None) -> None:
        """Fill a text placeholder; shrink the text (never below 18 pt) if it would overflow."""
        paras = [Para(content, bold=bold)] if isinstance(content, str) else content
        shape = self._placeholder(role)
        frame = shape.text_frame
        frame.clear()
        for i, para in enumerate(paras):
            p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            if para.level is None:
                _no_bullet(p)
            else:
                p.level = para.level
            for j, line in enumerate(para.text.split("\n")):
                if j:
                    p.add_line_break()
                run = p.add_run()
                run.text = line
                run.font._rPr.set("lang", self.language)
                if para.bold is not None:
                    run.font.bold = para.bold
                if para.link:
                    run.hyperlink.address = para.link
        self._fit(role, shape, paras)

    def _fit(self, role: str, shape, paras: list[Para]) -> None:
        idx = self.roles[role]
        layout_ph = self._layout_shapes[idx]
        is_title = layout_ph.placeholder_format.type in TITLE_TYPES
        blocks = []
        for para in paras:
            level = para.level or 0
            if (idx, level) not in self.font_sizes:
                self.font_sizes[(idx, level)] = inherited_font_size(self.layout, idx, level)
            size = self.font_sizes[(idx, level)]
            blocks.append(textfit.Block(
                para.text, size,
                indent=BULLET_INDENT_PT * (level + 1) if para.level is not None else 0.0,
                space_before=0.0 if is_title else SPACE_BEFORE_PT,
                bold=bool(para.bold if para.bold is not None else is_title),
                italic=_is_italic(layout_ph),
                line_spacing=0.9 if is_title else 1.0))
        width = (layout_ph.width - 2 * INSET_X) / EMU_PER_PT
        height = (layout_ph.height - 2 * INSET_Y) / EMU_PER_PT
        if self.language.split("-")[0].lower() in NORWEGIAN:
            kept, scale, fits = textfit.fit_keeping_together(blocks, width, height)
            if kept != blocks:  # «i» kept with the next word: see textfit.without_widows
                for p, block in zip(shape.text_frame.paragraphs, kept, strict=True):
                    for run, line in zip(p.runs, block.text.split("\n"), strict=True):
                        run.text = line
        else:
            scale, fits = textfit.fitting_scale(blocks, width, height)
        if scale < 1.0:
            for p, block in zip(shape.text_frame.paragraphs, blocks, strict=True):
                for run in p.runs:
                    run.font.size = Pt(round(block.size * scale))
        if not fits:
            self.warnings.append(f"{self.where}: text in '{role}' does not fit its box even at "
                                 f"{textfit.MIN_SIZE:g} pt; shorten it or split the slide")

    def picture(self, role: str, picture: Picture, *, fit: str = "cover") -> None:
        """Place a picture in a picture placeholder's box: cover crops to fill, contain fits."""
        placeholder = self._placeholder(role)
        width, height = picture_pixels(picture.file)
        if width * height > PICTURE_WARN_PIXELS:
            self.warnings.append(
                f"{self.where}: {display_path(picture.file)} is {width} × {height} pixels, "
                f"more than a slide can show (a full-screen picture needs about 4000 × 2250); "
                f"the deck grows by all of it: scale it down")
        if fit == "cover":
            shape = placeholder.insert_picture(str(picture.file))
        else:
            ratio = width / height
            left, top, width, height = (placeholder.left, placeholder.top, placeholder.width,
                                        placeholder.height)
            w, h = (width, round(width / ratio)) if width / height < ratio else (
                round(height * ratio), height)
            shape = self.slide.shapes.add_picture(str(picture.file), Emu(left + (width - w) // 2),
                                                  Emu(top + (height - h) // 2), Emu(w), Emu(h))
            self.used.discard(self.roles[role])  # the empty placeholder goes; the picture stays
        c_nv_pr = shape._element.find(".//" + qn("p:cNvPr"))
        c_nv_pr.set("descr", picture.alt or "")
        c_nv_pr.set("name", f"Bilde {c_nv_pr.get('id')}")
        if picture.decorative:
            _mark_decorative(c_nv_pr)

    def notes(self, text: str) -> None:
        frame = self.slide.notes_slide.notes_text_frame
        frame.text = text
        for p in frame.paragraphs:
            for run in p.runs:
                run.font._rPr.set("lang", self.language)

    def finish(self, slide_number_idx: int | None, number: int) -> None:
        """Remove placeholders nobody filled and add the slide number from the layout."""
        for shape in list(self.slide.placeholders):
            if shape.placeholder_format.idx not in self.used:
                shape._element.getparent().remove(shape._element)
        if slide_number_idx is None:
            return
        if slide_number_idx in self._layout_shapes:
            self._add_slide_number(self._layout_shapes[slide_number_idx]._element, number)

    def _add_slide_number(self, layout_sp, number: int) -> None:
        sp = copy.deepcopy(layout_sp)
        sp.find(qn("p:spPr")).clear()  # inherit the position from the layout
        c_nv_pr = sp.find(".//" + qn("p:cNvPr"))
        c_nv_pr.set("id", str(self.slide.shapes._next_shape_id))
        for text in sp.iter(qn("a:t")):
            text.text = str(number)
        for rpr in sp.iter(qn("a:rPr")):
            rpr.set("lang", self.language)
        lst_style = sp.find(".//" + qn("a:lstStyle"))
        if lst_style is not None:
            for child in list(lst_style):
                lst_style.remove(child)
        self.slide.shapes._spTree.append(sp)


def write_centred(frame, language: str, lines) -> None:
    """Lines of (text, points, bold, theme colour or None), each a centred paragraph: a key
    figure with its label, or «Tall mangler» with what is missing."""
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Pt

    for i, (text, size, bold, colour) in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = PP_ALIGN.CENTER
        run = paragraph.add_run()
        run.text = text
        run.font._rPr.set("lang", language)
        run.font.size = Pt(size)
        run.font.bold = bold
        if colour is not None:
            run.font.color.theme_color = colour


def _no_bullet(paragraph) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("marL", "0")
    ppr.set("indent", "0")
    ppr.insert(0, ppr.makeelement(qn("a:buNone"), {}))


def _is_italic(layout_ph) -> bool:
    rpr = layout_ph._element.find(".//" + qn("a:lvl1pPr") + "/" + qn("a:defRPr"))
    return rpr is not None and rpr.get("i") == "1"


DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"


def _mark_decorative(c_nv_pr) -> None:
    """Office's 'mark as decorative' flag, so screen readers skip the picture."""
    ext_lst = c_nv_pr.makeelement(qn("a:extLst"), {})
    ext = ext_lst.makeelement(qn("a:ext"), {"uri": DECORATIVE_URI})
    deco = ext.makeelement(f"{{{DECORATIVE_NS}}}decorative", {"val": "1"})
    ext.append(deco)
    ext_lst.append(ext)
    c_nv_pr.append(ext_lst)
