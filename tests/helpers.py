"""Read back what a built .pptx holds, the way a reviewer would check it."""

from __future__ import annotations

import re

from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.oxml.ns import qn

TITLE_TYPES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE}


def title_of(slide) -> str | None:
    for shape in slide.placeholders:
        if shape.placeholder_format.type in TITLE_TYPES:
            return shape.text_frame.text
    return None


def placeholder_text(slide, idx: int) -> str | None:
    for shape in slide.placeholders:
        if shape.placeholder_format.idx == idx:
            return shape.text_frame.text
    return None


def paragraphs(slide, idx: int) -> list[tuple[str, int, bool]]:
    """(text, level, has bullet) for each paragraph of placeholder idx."""
    for shape in slide.placeholders:
        if shape.placeholder_format.idx == idx:
            out = []
            for p in shape.text_frame.paragraphs:
                ppr = p._p.pPr
                no_bullet = ppr is not None and ppr.find(qn("a:buNone")) is not None
                out.append((p.text, p.level, not no_bullet))
            return out
    raise AssertionError(f"no placeholder idx {idx}")


def pictures(slide):
    return [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE
            or (s.is_placeholder and s.placeholder_format.type == PP_PLACEHOLDER.PICTURE
                and hasattr(s, "image"))]


def alt_text(shape) -> str:
    return shape._element.find(".//" + qn("p:cNvPr")).get("descr")


def hyperlinks(slide) -> list[tuple[str, str]]:
    """(visible text, address) of every hyperlinked run on the slide."""
    out = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            for p in shape.text_frame.paragraphs:
                for run in p.runs:
                    if run.hyperlink.address:
                        out.append((run.text, run.hyperlink.address))
    return out


def run_languages(slide) -> set[str | None]:
    langs = set()
    for shape in slide.shapes:
        if shape.has_text_frame:
            for p in shape.text_frame.paragraphs:
                for run in p.runs:
                    langs.add(run._r.find(qn("a:rPr")).get("lang")
                              if run._r.find(qn("a:rPr")) is not None else None)
    return langs


def table_of(slide) -> list[list[str]]:
    """The texts of the slide's table, row by row."""
    for shape in slide.shapes:
        if shape.has_table:
            return [[cell.text for cell in row.cells] for row in shape.table.rows]
    raise AssertionError(f"no table on slide {title_of(slide)!r}")


def as_written(text: str) -> str:
    """The text without the no-break spaces that keep «i» and «å» with the next word, and a
    dash with the word before it, where a line wraps (textfit.without_widows); thousands
    separators stay."""
    text = re.sub(r"(?<![\w\u00a0])([iIåÅ])\u00a0", r"\1 ", text)
    return re.sub(r"(?<=\S)\u00a0(?=[–—])", " ", text)


def slide_titled(prs, title: str):
    matches = [s for s in prs.slides if title_of(s) == title]
    assert len(matches) == 1, (title, len(matches))
    return matches[0]


def number(text: str) -> float:
    """'25 476' → 25476, '−193' → -193, '15,4 %' → 15.4 (the inverse of slidegen.fmt)."""
    return float(text.replace("\u00a0", "").replace("%", "").replace("\u2212", "-")
                 .replace(",", ".").strip())


# The nine distriktskommuner in Telemark, in registry order, and the slugs of their decks' files
NINE = ["Drangedal", "Seljord", "Hjartdal", "Tinn", "Kviteseid", "Nissedal", "Fyresdal",
        "Tokke", "Vinje"]


def slug(name: str) -> str:
    """A kommune's name as in its deck's file name (the nine need only this)."""
    return name.lower().replace("ø", "o")


def key_figures(slide) -> list[str]:
    """The texts of a key-figure slide's figure boxes, left to right: «1 471\ninnbyggere …»."""
    return [s.text_frame.text for s in slide.shapes if s.name.startswith("Nøkkeltall")]


def heavy_modules_after_importing(module: str) -> list[str]:
    """Which of pandas, python-pptx and matplotlib a fresh interpreter has loaded once it has
    imported module: the layers that must stay light (charts for the workers, the spec)."""
    import subprocess
    import sys

    probe = (f"import sys, {module}\n"
             "print(*[m for m in ('pandas', 'pptx', 'matplotlib') if m in sys.modules])")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True)
    return done.stdout.split()


def load_tool(name: str):
    """A script of tools/ as a module (tools/ is not a package): build_befolkning, …"""
    import importlib.util

    from conftest import ROOT

    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
