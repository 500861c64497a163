"""What a reader sees on each slide of a deck, as plain data (titles, body text, table cells,
chart figures, notes, alt text), and the per-slide differences between two decks: used to say
what was changed by hand in a built deck, and by `slidegen diff`."""

from __future__ import annotations

import difflib
import io
from pathlib import Path

# The parts of a slide, in the order differences are told; each is a list of lines, except the
# title and the notes, which are one text each.
LINES = (("text", "text"), ("tables", "table"), ("charts", "chart"), ("alt", "alt text"))
TITLE_TYPES = ("title", "ctrTitle")


def read_slides(path: Path) -> list[dict]:
    """The slides of the .pptx at path (see slides_of)."""
    from pptx import Presentation

    from .errors import BuildError
    from .template import unreadable_pptx

    try:
        prs = Presentation(io.BytesIO(Path(path).read_bytes()))
    except Exception as exc:  # python-pptx raises several kinds for a broken package
        raise BuildError(unreadable_pptx(Path(path), exc)) from None
    return slides_of(prs)


def slides_of(prs) -> list[dict]:
    """Each slide's texts: {'title', 'text', 'tables', 'charts', 'notes', 'alt'}, parts that
    are empty left out, so a record of a deck stays small."""
    return [_slide(slide) for slide in prs.slides]


def _slide(slide) -> dict:
    parts: dict = {"title": "", "text": [], "tables": [], "charts": [], "alt": []}
    _shapes(slide, slide.shapes._spTree, parts)
    if slide.has_notes_slide:
        for shape in slide.notes_slide._element.iter(P + "sp"):
            ph = shape.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
            if ph is not None and ph.get("type") == "body":  # notes_text_frame's placeholder
                parts["notes"] = _lines(_text(shape.find(P + "txBody")))
                break
    return {key: value for key, value in parts.items() if value}


# The XML read directly (lxml, not python-pptx's shape objects): this runs on every build.
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _shapes(slide, tree, parts: dict) -> None:
    for shape in tree.iterchildren(P + "sp", P + "pic", P + "graphicFrame", P + "grpSp"):
        nv = shape.find(f"*/{P}cNvPr")
        descr = nv.get("descr") if nv is not None else None
        if descr:
            parts["alt"].append(descr)
        tag = shape.tag
        if tag == P + "grpSp":
            _shapes(slide, shape, parts)
        elif tag == P + "graphicFrame":
            table = shape.find(f".//{A}tbl")
            chart = shape.find(f".//{C}chart")
            if table is not None:
                for row in table.iterchildren(A + "tr"):
                    parts["tables"].append(" | ".join(
                        _lines(_text(cell.find(A + "txBody")))
                        for cell in row.iterchildren(A + "tc")))
            elif chart is not None:
                parts["charts"] += _chart(slide, chart.get(R + "id"))
        elif tag == P + "sp":
            text = _text(shape.find(P + "txBody"))
            if not text.strip():
                continue
            ph = shape.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
            kind = ph.get("type", "body") if ph is not None else None
            if kind == "sldNum":  # follows the slide's place: a moved slide is not an edit
                continue
            if kind in TITLE_TYPES and not parts["title"]:
                parts["title"] = _lines(text)
            else:
                parts["text"] += [line for line in text.replace("\v", "\n").split("\n")
                                  if line.strip()]


def _text(body) -> str:
    """A text body as python-pptx's text_frame.text gives it: paragraphs by newlines, line
    breaks as vertical tabs."""
    if body is None:
        return ""
    paragraphs = []
    for p in body.iterchildren(A + "p"):
        runs = []
        for child in p.iterchildren(A + "r", A + "fld", A + "br"):
            if child.tag == A + "br":
                runs.append("\v")
            else:
                runs.append(child.findtext(A + "t") or "")
        paragraphs.append("".join(runs))
    return "\n".join(paragraphs)


def _chart(slide, rid: str | None) -> list[str]:
    """A native chart's figures, one line per series: 'name: category value; …'."""
    lines = []
    try:
        for plot in slide.part.related_part(rid).chart.plots:
            categories = [str(c) for c in plot.categories]
            for series in plot.series:
                values = ["" if v is None else f"{v:g}" for v in series.values]
                pairs = [f"{c} {v}" for c, v in zip(categories, values, strict=False)]
                lines.append(f"{series.name}: {'; '.join(pairs or values)}")
    except (AttributeError, KeyError, ValueError, TypeError):  # a chart python-pptx cannot read
        pass
    return lines


def _lines(text: str) -> str:
    """A text with its line breaks (PowerPoint's vertical tab) as ' / ', on one line."""
    return " / ".join(part for part in text.replace("\v", "\n").split("\n") if part.strip())


def differences(old: list[dict], new: list[dict]) -> list[str]:
    """What differs between two decks' slides (as slides_of gives them), one line per change:
    'slide 2: title «A» → «B»', 'slide 5 removed: «…»', 'slide 7 added: «…»'. Slides are
    numbered as in old; an added one as in new."""
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=[_key(s) for s in old], b=[_key(s) for s in new],
                                      autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            continue
        pairs = min(a1 - a0, b1 - b0) if op == "replace" else 0
        for i in range(pairs):
            out += _slide_changes(a0 + i + 1, b0 + i + 1, old[a0 + i], new[b0 + i])
        for i in range(a0 + pairs, a1):
            out.append(f"slide {i + 1} removed: {_name(old[i])}")
        for i in range(b0 + pairs, b1):
            out.append(f"slide {i + 1} added: {_name(new[i])}")
    return out


def _key(slide: dict) -> str:
    return repr(sorted(slide.items()))


def _name(slide: dict) -> str:
    return f"«{slide['title']}»" if slide.get("title") else "(no title)"


def _slide_changes(a: int, b: int, old: dict, new: dict) -> list[str]:
    where = f"slide {a}" if a == b else f"slide {a} (now {b})"
    out = []
    for key, label in (("title", "title"), ("notes", "notes")):
        if old.get(key, "") != new.get(key, ""):
            out.append(f"{where}: {label} {_quote(old.get(key, ''))} → "
                       f"{_quote(new.get(key, ''))}")
    for key, label in LINES:
        out += [f"{where}: {label} {change}" for change in
                _line_changes(old.get(key, []), new.get(key, []), key == "tables")]
    return _ordered(out)


def _ordered(lines: list[str]) -> list[str]:
    """Title first, then text, tables, charts, alt text, notes last."""
    order = ["title", "text", "table", "chart", "alt text", "notes"]
    return sorted(lines, key=lambda line: next(
        (i for i, label in enumerate(order) if line.split(": ", 1)[1].startswith(label)), 9))


def _line_changes(old: list[str], new: list[str], rows: bool = False) -> list[str]:
    changes = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            continue
        pairs = min(a1 - a0, b1 - b0) if op == "replace" else 0
        for i in range(pairs):
            changes += (_cell_changes(old[a0 + i], new[b0 + i]) if rows else
                        [f"{_quote(old[a0 + i])} → {_quote(new[b0 + i])}"])
        changes += [f"removed {_quote(line)}" for line in old[a0 + pairs:a1]]
        changes += [f"added {_quote(line)}" for line in new[b0 + pairs:b1]]
    return changes


def _cell_changes(old: str, new: str) -> list[str]:
    """A table row changed: each cell that differs, named by the row's first cell and its
    column number, when the row still has as many cells; else the whole row."""
    before, after = old.split(" | "), new.split(" | ")
    if len(before) != len(after):
        return [f"{_quote(old)} → {_quote(new)}"]
    row = f"row {_quote(after[0])}" if after[0] == before[0] and after[0] else "row"
    return [f"{row}, column {j}: {_quote(a)} → {_quote(b)}"
            for j, (a, b) in enumerate(zip(before, after, strict=True), 1) if a != b]


def _quote(text: str, limit: int = 200) -> str:
    if len(text) > limit:
        text = text[:limit - 1] + "…"
    return f"«{text}»" if text else "(empty)"
