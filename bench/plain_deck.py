"""The baseline: the example deck written by hand with python-pptx and matplotlib, as an adviser
with some Python would do it without slidegen. Same template, same slides in the same order, the
same figures at the same size and dpi; no validation, no text fitting, no cache.

    python bench/plain_deck.py OUT.pptx

It reads the deck's YAML only to know the texts (a hand-written script would have them inline);
numbers are summed with plain Python from the CSV files.
"""

from __future__ import annotations

import csv
import io
import sys
from collections import defaultdict
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import yaml  # noqa: E402
from pptx import Presentation  # noqa: E402
from pptx.util import Emu  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "assets" / "templates" / "distriktssenteret.pptx"
LAYOUTS = {"title": "Tittel", "section": "Seksjon", "statement": "Utsagn", "question": "Spørsmål",
           "bullets": "Punktliste", "quote": "Sitat", "image": "Bilde", "closing": "Avslutning",
           "placeholder": "Diagram", "table": "Tabell", "chart": "Diagram",
           "key_figure": "Nøkkeltall"}
DPI = 220


def load_rows():
    values = {}
    for name in ("befolkning", "befolkningsendringer", "innvandrere"):
        with (ROOT / "data" / f"{name}.csv").open(encoding="utf-8") as handle:
            for r in csv.DictReader(handle):
                values[(r["region"], r["period"], r["variable"])] = float(r["value"])
    return values


def slides_of(deck_file: Path):
    spec = yaml.safe_load(deck_file.read_text("utf-8"))
    for item in spec["slides"]:
        if "include" in item:
            inner = deck_file.parent / item["include"]
            yield from yaml.safe_load(inner.read_text("utf-8"))["slides"]
        else:
            yield item


def chart_png(width_in, height_in, categories, series):
    fig, ax = plt.subplots(figsize=(width_in, height_in), dpi=DPI)
    n = len(series)
    for i, (label, values) in enumerate(series):
        ax.bar([x + (i - (n - 1) / 2) * 0.8 / n for x in range(len(categories))], values,
               0.8 / n, label=label)
    ax.set_xticks(range(len(categories)), categories)
    ax.legend()
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=DPI)
    plt.close(fig)
    return out


def main(out: Path) -> None:
    values = load_rows()
    prs = Presentation(str(TEMPLATE))
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    years = [str(y) for y in range(2014, 2024)]
    nine = ["4016", "4022", "4024", "4026", "4028", "4030", "4032", "4034", "4036"]
    for item in slides_of(ROOT / "decks" / "innvandrere-som-ressurs.yaml"):
        kind = item["kind"]
        slide = prs.slides.add_slide(layouts[LAYOUTS[kind]])
        title = item.get("title") or item.get("text") or ""
        if slide.shapes.title is not None:
            slide.shapes.title.text_frame.text = str(title)
        body = next((p for p in slide.placeholders if p.placeholder_format.idx == 1), None)
        if kind == "bullets" and body is not None:
            body.text_frame.text = "\n".join(
                i if isinstance(i, str) else i["text"] for i in item["items"])
        if kind == "table":
            frame = next(p for p in slide.placeholders if p.placeholder_format.idx == 26)
            table = frame.insert_table(3, 12).table
            for c, year in enumerate(years, start=1):
                table.cell(0, c).text = year
            for r, var in enumerate(("innflytting", "utflytting"), start=1):
                row = [values.get(("4026", y, var), 0) for y in years]
                for c, v in enumerate(row, start=1):
                    table.cell(r, c).text = f"{v:,.0f}".replace(",", "\u00a0")
                table.cell(r, 11).text = f"{sum(row):,.0f}".replace(",", "\u00a0")
        if kind == "chart":
            area = next(p for p in slide.placeholders if p.placeholder_format.idx == 26)
            if item["chart"] == "ranked_bar":
                series = [("netto", [sum(values.get((k, y, "innflytting"), 0) for y in years)
                                     for k in nine])]
                cats = nine
            else:
                series = [(v, [values.get(("4026", y, v), 0) for y in years])
                          for v in ("innflytting", "utflytting")]
                cats = years
            png = chart_png(area.width / 914400, area.height / 914400, cats, series)
            slide.shapes.add_picture(png, area.left, area.top, Emu(area.width))
        if item.get("notes"):
            slide.notes_slide.notes_text_frame.text = item["notes"]
        if kind == "question" and item.get("answer"):
            answer = prs.slides.add_slide(layouts["Utsagn"])
            total = defaultdict(float)
            for y in years:
                total["inn"] += values[("distriktskommuner-telemark", y, "innflytting")]
            answer.shapes.title.text_frame.text = f"{total['inn']:,.0f}"
    prs.save(str(out))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
