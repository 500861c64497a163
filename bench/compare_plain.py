"""Checks that the plain baseline makes the same deck as slidegen, so timing them is fair.

    python bench/compare_plain.py SLIDEGEN.pptx PLAIN.pptx

Compares, slide by slide: layout, title, whether it is hidden, the text and indent level of every
paragraph in every placeholder and text box (whitespace normalised; fonts, sizes and colours are
not compared: slidegen shrinks text to fit, and keeps «i» with its word at a line break),
hyperlinks, table cells, notes, and every picture: position, size, crop, alt text; photos by their
bytes, charts (the pictures in the chart placeholder) by their decoded pixels. Any other kind of
shape is a mismatch, as this script cannot tell whether it matches. Exits 1 on any mismatch.
"""

from __future__ import annotations

import hashlib
import io
import re
import sys

import numpy as np
from PIL import Image
from pptx import Presentation
from pptx.oxml.ns import qn

CHART_IDX = 26
# Anti-aliasing noise is allowed, a different chart is not. Drawn at a size a hundredth of a
# pixel apart, the same chart differs in ~0.4 % of its pixels, each by at most ~8 levels of 255;
# one bar one unit taller, with its label, changes ~1 000 pixels (0.04 %) by more than 32.
STRONG = 32  # a pixel differs strongly when a channel differs by more than this
MAX_STRONG = 0.00001  # fraction of pixels allowed to differ strongly (~20 of 2.3 million)
MAX_MEAN_ABS = 0.05  # mean |difference| per channel, 0–255


def norm(text: str) -> str:
    """Runs of spaces, tabs and line breaks as one space; a no-break space is kept, as it is
    part of a Norwegian number (10 926, 15,4 %), except where slidegen's text fitting put one
    to keep «i» or «å» with the next word, or a dash with the word before it, at a line break
    (like the font sizes, part of fitting, which the plain script does not do)."""
    text = re.sub(r"(?<![\w\u00a0])([iIåÅ])\u00a0", r"\1 ", text)
    text = re.sub(r"(?<=\S)\u00a0(?=[–—])", " ", text)
    return re.sub(r"[ \t\r\n\v]+", " ", text).strip()


def describe(slide) -> dict:
    """What a slide shows, as plain values to compare."""
    texts, tables, pictures, links, others = {}, [], [], [], []
    boxes = 0
    for shape in slide.shapes:
        if shape.is_placeholder:
            key = f"placeholder {shape.placeholder_format.idx}"
        else:
            boxes += 1
            key = f"shape {boxes}"
        known = False
        if shape.has_text_frame:
            known = True
            # the level too: a bullet indented one step further is a different slide
            texts[key] = [(p.level, norm(p.text)) for p in shape.text_frame.paragraphs
                          if norm(p.text)]
            links += [r.hyperlink.address for p in shape.text_frame.paragraphs for r in p.runs
                      if r.hyperlink.address]
        if getattr(shape, "has_table", False) and shape.has_table:
            known = True
            tables.append([[norm(c.text) for c in row.cells] for row in shape.table.rows])
        if shape._element.tag == qn("p:pic"):
            known = True
            c_nv_pr = shape._element.find(".//" + qn("p:cNvPr"))
            chart = shape.is_placeholder and shape.placeholder_format.idx == CHART_IDX
            pictures.append({"chart": chart, "box": (shape.left, shape.top, shape.width,
                                                     shape.height),
                             "crop": tuple(round(getattr(shape, f"crop_{side}"), 4) for side
                                           in ("left", "top", "right", "bottom")),
                             "descr": c_nv_pr.get("descr"), "blob": shape.image.blob})
        if not known:  # a line, a native chart, a drawing: this script cannot tell if it matches
            others.append(f"{shape.shape_type} {shape.name}")
    title = slide.shapes.title
    notes = norm(slide.notes_slide.notes_text_frame.text) if slide.has_notes_slide else ""
    return {"layout": slide.slide_layout.name, "title": norm(title.text) if title else None,
            "hidden": slide._element.get("show") == "0", "texts": texts, "links": links,
            "tables": tables, "notes": notes, "pictures": pictures, "others": others}


def pixels(a: bytes, b: bytes) -> dict:
    """The two PNGs' sizes and, if equal, how much their pixels differ."""
    ia, ib = (Image.open(io.BytesIO(x)).convert("RGB") for x in (a, b))
    if ia.size != ib.size:
        return {"sizes": (ia.size, ib.size), "ok": False}
    diff = np.abs(np.asarray(ia, dtype=np.int16) - np.asarray(ib, dtype=np.int16))
    per_pixel = diff.max(axis=2)
    out = {"sizes": (ia.size, ib.size), "differing": float((per_pixel > 0).mean()),
           "strong": float((per_pixel > STRONG).mean()), "max": int(per_pixel.max()),
           "mean_abs": float(diff.mean())}
    out["ok"] = out["strong"] <= MAX_STRONG and out["mean_abs"] <= MAX_MEAN_ABS
    return out


def compare(sg_file: str, plain_file: str) -> list[str]:
    sg, plain = Presentation(sg_file), Presentation(plain_file)
    problems = []
    print(f"slides: slidegen {len(sg.slides)}, plain {len(plain.slides)}")
    if len(sg.slides) != len(plain.slides):
        problems.append(f"slide count differs: {len(sg.slides)} vs {len(plain.slides)}")
    for prop in ("title", "author", "language"):
        a, b = getattr(sg.core_properties, prop), getattr(plain.core_properties, prop)
        if a != b:
            problems.append(f"core property {prop}: {a!r} vs {b!r}")
    charts = 0
    for n, (s, p) in enumerate(zip(sg.slides, plain.slides, strict=False), start=1):
        a, b = describe(s), describe(p)
        for side, found in (("slidegen", a["others"]), ("plain", b["others"])):
            if found:
                problems.append(f"slide {n}: {side} has shapes this check cannot compare: "
                                f"{', '.join(found)}")
        for field in ("layout", "title", "hidden", "links", "tables", "notes"):
            if a[field] != b[field]:
                problems.append(f"slide {n} {field}:\n    slidegen {a[field]!r}\n"
                                f"    plain    {b[field]!r}")
        for key in sorted(set(a["texts"]) | set(b["texts"])):
            ta, tb = a["texts"].get(key), b["texts"].get(key)
            if ta != tb:
                problems.append(f"slide {n} {key}:\n    slidegen {ta!r}\n    plain    {tb!r}")
        if len(a["pictures"]) != len(b["pictures"]):
            problems.append(f"slide {n}: {len(a['pictures'])} vs {len(b['pictures'])} pictures")
        for pa, pb in zip(a["pictures"], b["pictures"], strict=False):
            for field in ("box", "crop", "descr", "chart"):
                if pa[field] != pb[field]:
                    problems.append(f"slide {n} picture {field}:\n    slidegen {pa[field]!r}\n"
                                    f"    plain    {pb[field]!r}")
            if not pa["chart"]:
                if hashlib.sha256(pa["blob"]).digest() != hashlib.sha256(pb["blob"]).digest():
                    problems.append(f"slide {n}: the photo is a different file")
                continue
            charts += 1
            result = pixels(pa["blob"], pb["blob"])
            (wa, ha), (wb, hb) = result["sizes"]
            line = f"chart on slide {n:2}: {wa}×{ha} px vs {wb}×{hb} px"
            if "differing" in result:
                line += (f", {result['differing']:.3%} of pixels differ (at most "
                         f"{result['max']}/255; {result['strong']:.4%} by more than {STRONG}), "
                         f"mean abs difference {result['mean_abs']:.4f}")
            print(line + ("" if result["ok"] else "  <-- MISMATCH"))
            if not result["ok"]:
                problems.append(f"slide {n}: the chart differs")
    print(f"charts compared: {charts}")
    return problems


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    problems = compare(sys.argv[1], sys.argv[2])
    for problem in problems:
        print("MISMATCH", problem)
    print("same deck" if not problems else f"{len(problems)} mismatch(es)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
