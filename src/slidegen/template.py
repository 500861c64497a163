"""A template .pptx and its mapping: which layout and placeholder idx each slide kind uses."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.exc import PackageNotFoundError
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PresentationType
from pptx.slide import SlideLayout
from pydantic import BaseModel, ConfigDict, Field

from .assets import ASSETS
from .errors import SpecError, TemplateError, display_path, excerpt
from .yamlfile import validate_file

DEFAULT_TEMPLATE = ASSETS / "templates" / "distriktssenteret.pptx"
EMU_PER_CM = 360000


class LayoutMapping(BaseModel):
    """One slide kind's layout (by name) and its placeholders (role → idx)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    layout: str = Field(description="The layout's name as shown in PowerPoint.")
    placeholders: dict[str, int] = Field(description="Role (title, body, …) → placeholder idx.")


class Mapping(BaseModel):
    """The mapping file beside a template (same name, .yaml)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    layouts: dict[str, LayoutMapping]
    slide_number: int | None = Field(None, description="idx of the slide-number placeholder on "
                                                       "the layouts, if any.")


@dataclass(frozen=True)
class Template:
    """A loaded template: the .pptx file and its validated mapping."""

    file: Path
    mapping: Mapping
    # needs already checked: a batch checks the same deck's needs for every kommune
    checked: set = field(default_factory=set, compare=False, repr=False)

    def new_presentation(self) -> PresentationType:
        return Presentation(str(self.file))

    def require(self, needs: dict[str, set[str]]) -> None:
        """Check that each layout key (e.g. 'bullets_photo') and its roles exist, naming both."""
        key = frozenset((k, frozenset(v)) for k, v in needs.items())
        if key not in self.checked:
            self._require(needs)
            self.checked.add(key)

    def _require(self, needs: dict[str, set[str]]) -> None:
        prs = self.new_presentation()
        layouts = {layout.name: layout for layout in prs.slide_layouts}
        problems = []
        for key, roles in sorted(needs.items()):
            entry = self.mapping.layouts.get(key)
            if entry is None:
                problems.append(f"{display_path(self.file)}: the mapping has no entry for "
                                f"'{key}', which this deck needs")
                continue
            layout = layouts.get(entry.layout)
            if layout is None:
                problems.append(f"{display_path(self.file)}: no layout named '{entry.layout}' "
                                f"(mapped for '{key}'); layouts: {', '.join(layouts)}")
                continue
            present = {ph.placeholder_format.idx for ph in layout.placeholders}
            for role in sorted(roles):
                idx = entry.placeholders.get(role)
                if idx is None:
                    problems.append(f"{display_path(self.file)}: layout '{entry.layout}' "
                                    f"(for '{key}') has no placeholder mapped for role '{role}'")
                elif idx not in present:
                    problems.append(f"{display_path(self.file)}: layout '{entry.layout}' has no "
                                    f"placeholder idx {idx} (role '{role}' of '{key}')")
        if problems:
            raise TemplateError("\n".join(problems))

    def layout(self, prs: PresentationType, key: str) -> tuple[SlideLayout, dict[str, int]]:
        """The layout mapped for a slide kind, and its role → idx placeholders."""
        entry = self.mapping.layouts[key]
        for layout in prs.slide_layouts:
            if layout.name == entry.layout:
                return layout, dict(entry.placeholders)
        raise TemplateError(f"{display_path(self.file)}: no layout named '{entry.layout}'")


@dataclass
class LayoutInfo:
    """A layout with its placeholders by idx and the font sizes they inherit, found once."""

    layout: SlideLayout
    roles: dict[str, int]
    shapes: dict
    sizes: dict


class LayoutIndex:
    """The layouts of one presentation being built, each looked up once: python-pptx finds
    layouts and placeholders by scanning (XPath) on every access. Lives as long as the build."""

    def __init__(self, template: Template, prs: PresentationType):
        self.template, self.prs = template, prs
        self._by_key: dict[str, LayoutInfo] = {}

    def get(self, key: str) -> LayoutInfo:
        if key not in self._by_key:
            layout, roles = self.template.layout(self.prs, key)
            self._by_key[key] = LayoutInfo(layout, roles, layout_placeholders(layout), {})
        return self._by_key[key]


def load_template(file: Path | None) -> Template:
    """Load a template and the mapping .yaml beside it (default: the Distriktssenteret one),
    checked. A session keeps what it loaded while neither file changes (Session.template)."""
    file = file or DEFAULT_TEMPLATE
    mapping_file = file.with_suffix(".yaml")
    if not file.is_file():
        raise TemplateError(f"template not found: {display_path(file)}")
    if not mapping_file.is_file():
        raise TemplateError(f"{display_path(file)}: its mapping file {mapping_file.name} is "
                            f"missing; write one (see 'slidegen template inspect')")
    return _load(file, mapping_file)


def _load(file: Path, mapping_file: Path) -> Template:
    try:
        mapping = validate_file(Mapping, mapping_file)
    except SpecError as exc:
        raise TemplateError("\n".join(exc.messages())) from None
    try:
        Presentation(str(file))
    except Exception as exc:  # python-pptx raises several kinds for a broken package
        raise TemplateError(unreadable_pptx(file, exc)) from None
    return Template(file=file, mapping=mapping)


def unreadable_pptx(file: Path, exc: Exception) -> str:
    """Why python-pptx could not open file, in words: its own «Package not found» says
    neither that the file is there nor what is wrong with it."""
    where = display_path(file)
    if isinstance(exc, (PackageNotFoundError, zipfile.BadZipFile)):
        return (f"{where}: not a readable .pptx: the file is not a PowerPoint package (damaged, "
                f"cut short, or another kind of file named .pptx); save it again from "
                f"PowerPoint as .pptx")
    if isinstance(exc, OSError) and exc.strerror:
        return f"{where}: not a readable .pptx: {exc.strerror}"
    return (f"{where}: not a readable .pptx: its contents are damaged "
            f"({type(exc).__name__}: {excerpt(exc)})")


def inspect_template(file: Path) -> list[str]:
    """Lines describing each layout and its placeholders: name, idx, type, position in cm."""
    try:
        prs = Presentation(str(file))
    except Exception as exc:
        raise TemplateError(unreadable_pptx(file, exc)) from None
    width, height = prs.slide_width / EMU_PER_CM, prs.slide_height / EMU_PER_CM
    lines = [f"{display_path(file)}: {len(prs.slide_layouts)} layouts, slide "
             f"{width:.2f} × {height:.2f} cm, {len(prs.slides)} slides"]
    for n, layout in enumerate(prs.slide_layouts, start=1):
        lines.append(f"layout {n}: {layout.name}")
        for ph in layout.placeholders:
            fmt = ph.placeholder_format
            kind = PP_PLACEHOLDER(fmt.type).name.lower() if fmt.type is not None else "body"
            lines.append(
                f"  idx {fmt.idx:>3}  {kind:<12} {ph.name!r:<28} x {ph.left / EMU_PER_CM:5.2f}  "
                f"y {ph.top / EMU_PER_CM:5.2f}  w {ph.width / EMU_PER_CM:5.2f}  "
                f"h {ph.height / EMU_PER_CM:5.2f} cm")
    return lines


def layout_placeholders(layout: SlideLayout) -> dict:
    """A layout's placeholders by idx."""
    return {ph.placeholder_format.idx: ph for ph in layout.placeholders}


def inherited_font_size(layout: SlideLayout, idx: int, level: int = 0) -> float:
    """Font size (pt) a placeholder's text at this level gets from its layout, master and theme."""
    tag = f"a:lvl{level + 1}pPr"
    layout_ph = next(ph for ph in layout.placeholders if ph.placeholder_format.idx == idx)
    ph_type = layout_ph.placeholder_format.type
    master = layout.slide_master
    candidates = [layout_ph._element]
    for master_ph in master.placeholders:
        if master_ph.placeholder_format.type == ph_type or (
                ph_type not in TITLE_TYPES and master_ph.placeholder_format.type
                == PP_PLACEHOLDER.BODY):
            candidates.append(master_ph._element)
            break
    for element in candidates:
        size = _size_in(element.find(f".//{qn('a:lstStyle')}"), tag)
        if size:
            return size
    styles = master._element.find(qn("p:txStyles"))
    style = "p:titleStyle" if ph_type in TITLE_TYPES else "p:bodyStyle"
    size = _size_in(styles.find(qn(style)), tag) if styles is not None else None
    return size or 18.0


TITLE_TYPES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE}


def _size_in(list_style, tag: str) -> float | None:
    if list_style is None:
        return None
    level = list_style.find(qn(tag))
    if level is None:
        return None
    rpr = level.find(qn("a:defRPr"))
    if rpr is None or rpr.get("sz") is None:
        return None
    return int(rpr.get("sz")) / 100
