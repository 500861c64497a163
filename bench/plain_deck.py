"""The baseline: the example deck «Innvandrere som ressurs i distriktene» written by hand with
python-pptx and matplotlib, as an adviser with some Python would do it without slidegen.

    python bench/plain_deck.py OUT.pptx

It makes what `slidegen build decks/innvandrere-som-ressurs.yaml` makes: the same template and
layouts, slides in the same order, texts, tables with their sums, key figures, source lines,
notes, pictures and alt text, and the same fifteen charts in the house style at the same size
and dpi (bench/compare_plain.py checks that). Left out, as slidegen's own work: validation, text
fitting, caches, error messages. The texts are read from the deck's YAML rather than copied in
(a hand-written script would have them inline); the numbers are computed here from data/*.csv.
"""

from __future__ import annotations

import copy
import csv
import io
import math
import re
import sys
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import yaml
from matplotlib import font_manager
from matplotlib.ticker import FuncFormatter, MaxNLocator
from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE, MSO_THEME_COLOR
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
DECK = ROOT / "decks" / "innvandrere-som-ressurs.yaml"
TEMPLATE = ROOT / "assets" / "templates" / "distriktssenteret.pptx"
STYLE = ROOT / "assets" / "charts" / "distriktssenteret.mplstyle"
DPI = 220
MUTED = "#7A8488"  # the style's grey for what is not highlighted
NBSP, MINUS, NAN = "\u00a0", "\u2212", float("nan")

# The template's layouts, and its placeholders by idx (assets/templates/distriktssenteret.yaml).
LAYOUT = {"title": "Tittel", "section": "Seksjon", "statement": "Utsagn",
          "question": "Spørsmål", "bullets": "Punktliste", "quote": "Sitat", "image": "Bilde",
          "closing": "Avslutning", "placeholder": "Diagram", "table": "Tabell",
          "chart": "Diagram", "key_figure": "Nøkkeltall"}
TITLE, BODY, SLIDE_NO, HEADING, PHOTO, CREDIT, SOURCE, WHO, AREA, SUBTITLE = (
    0, 1, 12, 20, 21, 22, 23, 24, 26, 27)


def read_yaml(path: Path):
    # A hand-written script would have the texts inline, in bokmål; libyaml keeps reading them
    # cheap, and the texts given per language ({nb: …, nn: …, en: …}) are read as their bokmål.
    return bokmal(yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader))


def bokmal(value):
    if isinstance(value, dict):
        if value and "nb" in value and set(value) <= {"nb", "nn", "en"}:
            return value["nb"]
        return {key: bokmal(v) for key, v in value.items()}
    if isinstance(value, list):
        return [bokmal(v) for v in value]
    return value


# --- the data ----------------------------------------------------------------------------------

META = {name: read_yaml(DATA / f"{name}.yaml") for name in (
    "befolkning", "befolkningsendringer", "innvandrere", "innvandrere_bosatt", "utdanning",
    "sentralitet")}
DATASET = {var: name for name, meta in META.items() for var in meta["variables"]}
DATASET |= {"netto_flytting": "befolkningsendringer", "fødselsoverskudd": "befolkningsendringer"}
LEVELS = ["grunnskole", "videregående", "fagskole", "universitet_kort", "universitet_lang",
          "uoppgitt"]  # the six education levels; their sum is everyone 16 and over
SHARES = {f"andel_{level}": [level] for level in LEVELS}  # andel_fagskole → fagskole
SHARES["andel_høyere_utdanning"] = ["universitet_kort", "universitet_lang"]  # short + long
DATASET |= {share: "utdanning" for share in SHARES}
LABELS = {var: spec["label"] for meta in META.values() for var, spec in meta["variables"].items()}
LABELS |= {name: m["label"] for name, m in read_yaml(DATA / "measures.yaml")["measures"].items()}
ROWS: dict[tuple[str, str, str], float] = {}  # (region, variable, period) → value
NEWEST: dict[str, int] = {}  # per dataset: 'siste 10 år' counts back from its newest year
for name in META:
    with (DATA / f"{name}.csv").open(encoding="utf-8") as handle:
        for r in csv.DictReader(handle):
            # an empty value is a missing figure
            ROWS[(r["region"], r["variable"], r["period"])] = float(r["value"] or NAN)
            NEWEST[name] = max(NEWEST.get(name, 0), int(r["period"][-4:]))
with (DATA / "kommuner.csv").open(encoding="utf-8") as handle:
    REGISTRY = list(csv.DictReader(handle))
NAMES = {r["kommunenummer"]: r["navn"] for r in REGISTRY}
NUMBERS = {name: number for number, name in NAMES.items()}
GROUP = read_yaml(DATA / "kommuner.yaml")["groups"]["distriktskommuner-telemark"]
NINE = [str(k) for k in GROUP["kommuner"]]
TELEMARK = [r["kommunenummer"] for r in REGISTRY if r["fylke"] == "Telemark"]  # registry order
GROUPS = {"distriktskommuner-telemark": NINE, "fylke-telemark": TELEMARK}
FYLKE = "Kommuner i Telemark"  # the name slidegen gives the group fylke-telemark


def figure(region: str, measure: str, first: int, last: int) -> float:
    """A measure for a kommune (or the group's own rows) over first..last; NaN if missing."""
    if measure == "netto_flytting":  # the formulas in data/measures.yaml
        return figure(region, "innflytting", first, last) - figure(region, "utflytting",
                                                                   first, last)
    if measure == "fødselsoverskudd":
        return figure(region, "fødde", first, last) - figure(region, "døde", first, last)
    if measure in SHARES:  # a share of everyone 16 and over
        adults = sum(figure(region, level, first, last) for level in LEVELS)
        part = sum(figure(region, level, first, last) for level in SHARES[measure])
        return part / adults * 100
    span = f"{first}-{last}" if first != last else str(first)
    if (region, measure, span) in ROWS:  # for some kommuner SSB gave only the period's total
        return ROWS[(region, measure, span)]
    return sum(ROWS.get((region, measure, str(y)), NAN) for y in range(first, last + 1))


def years(measure: str, periods: str) -> tuple[int, int]:
    """'siste 10 år' → the last 10 years the measure's dataset has; 'fra 2000' → 2000 to the
    newest."""
    newest = NEWEST[DATASET[measure]]
    if periods.startswith("fra "):
        return int(periods.split()[1]), newest
    return newest - (1 if periods == "siste år" else int(periods.split()[1])) + 1, newest


def span_text(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def fill(text: str) -> str:
    """The deck's one text variable, the years a period covers in a measure's dataset:
    {{ period('innflytting', 'siste 10 år') }} → 2014–2023."""
    return re.sub(r"\{\{ period\('([^']+)', '([^']+)'\) \}\}",
                  lambda m: span_text(*years(m[1], m[2])), text)


def areas(data: dict) -> list[str]:
    if "region" in data:  # the group's own rows: moves between the nine are not counted
        return [data["region"]]
    return GROUPS.get(data["kommuner"]) or [NUMBERS[data["kommuner"]]]


def as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def num(value: float, decimals: int = 0, percent: bool = False) -> str:
    """Norwegian numbers: 10 926, −87, 15,4 % (no-break spaces, decimal comma, real minus)."""
    if value != value:
        return ".."
    text = f"{abs(value):,.{decimals}f}".replace(",", NBSP).replace(".", ",")
    text = MINUS + text if round(value, decimals) < 0 else text
    return f"{text}{NBSP}%" if percent else text


PERCENT = {"innvandrerandel", "andel_innvandrere", *SHARES}  # shares, shown as 15,4 %


def show(value: float, measure: str, decimals: int = 1) -> str:
    """A figure as the deck shows it: a share with its decimals and %, a count whole."""
    return num(value, decimals, True) if measure in PERCENT else num(value)


def lower(label: str) -> str:
    return label[0].lower() + label[1:]


def join(items: list[str]) -> str:
    """'a', 'a og b', 'a, b og c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " og " + items[-1]


def sources(measures: list[str]) -> tuple[str, list[str]]:
    """The 'Kilde:' line and the speaker notes on where the figures come from (data/*.yaml)."""
    metas = [META[name] for name in dict.fromkeys(DATASET[m] for m in measures)]
    notes = [f"Kilde: {m['source']}"
             + (f", hentet {m['retrieved']:%d.%m.%Y}" if m.get("retrieved") else "")
             + (f". Tallene er avskrevet fra {m['transcribed_from']}"
                if m.get("transcribed_from") else "")
             # the repository the figures came through: what the speaker needs of it
             + (f". Tallene kom via {m['carried_by'].split(' · ')[0]}"
                if m.get("carried_by") else "")
             + (f". {m['source_url']}" if m.get("source_url") else "") + "." for m in metas]
    return "Kilde: " + "; ".join(dict.fromkeys(m["source"] for m in metas)), notes


# --- charts in the house style -------------------------------------------------------------

def ticks(percent: bool = False) -> FuncFormatter:
    return FuncFormatter(lambda v, _: num(v, 0 if float(v).is_integer() else 1, percent))


def count_axis(axis) -> None:
    """At most 6 ticks, on whole people, as 1 040 (not 1040, 1,040 or 1e3)."""
    axis.set_major_formatter(ticks())
    axis.set_major_locator(MaxNLocator(nbins=6, integer=True))


def line_chart(size, categories, series):
    fig, ax = plt.subplots(figsize=size, dpi=DPI, layout="constrained")
    xs = list(range(len(categories)))
    for i, (label, values) in enumerate(series):
        ax.plot(xs, values, color=f"C{i}", marker="o", markersize=5, label=label)
        # name and last value at the line's end, instead of a legend
        ax.annotate(f"{label} {num(values[-1])}", (xs[-1], values[-1]), xytext=(8, 0),
                    textcoords="offset points", va="center", color=f"C{i}", fontsize=15,
                    fontweight="bold")
    ax.set_xticks(xs, categories)
    count_axis(ax.yaxis)
    ax.margins(x=0.02)
    ax.set_xlim(-0.3, len(xs) - 1 + 0.3 + 0.22 * len(xs))  # room for the end labels
    return fig


def grouped_bar_chart(size, categories, series):
    fig, ax = plt.subplots(figsize=size, dpi=DPI, layout="constrained")
    xs = range(len(categories))
    width = 0.8 / len(series)
    for i, (label, values) in enumerate(series):
        offset = (i - (len(series) - 1) / 2) * width
        bars = ax.bar([x + offset for x in xs], values, width * 0.92, color=f"C{i}", label=label)
        ax.bar_label(bars, [num(v) for v in values], padding=3, fontsize=13)
    ax.set_xticks(list(xs), categories)
    count_axis(ax.yaxis)
    ax.margins(y=0.12)  # headroom for the value labels
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncols=len(series), borderaxespad=0.2)
    return fig


def ranked_bar_chart(size, categories, series, percent):
    """Horizontal bars, largest first by the first series (missing last); a panel per series."""
    fig, axes = plt.subplots(1, len(series), sharey=True, squeeze=False, figsize=size, dpi=DPI,
                             layout="constrained")
    first = series[0][1]
    order = sorted(range(len(first)), key=lambda i: -first[i] if first[i] == first[i]
                   else math.inf)
    ys = list(range(len(order)))[::-1]
    for i, (ax, (label, values)) in enumerate(zip(axes[0], series, strict=True)):
        values = [values[j] for j in order]
        bars = ax.barh(ys, [0 if v != v else v for v in values], 0.7, color=f"C{i}")
        ax.bar_label(bars, ["tall mangler" if v != v else num(v, 1, True) if percent else num(v)
                            for v in values], padding=4, fontsize=15)
        if len(series) > 1:
            ax.set_title(label, loc="left", fontsize=17, fontweight="bold")
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", visible=True)
        ax.axvline(0, color="#56646B", linewidth=1)
        ax.xaxis.set_major_formatter(ticks(percent))
        ax.margins(x=0.18)
    axes[0][0].set_yticks(ys, [categories[j] for j in order])
    return fig


def changes(data, highlight, measure, first, last):
    """Each kommune's change in per cent since the first year, the highlighted kommune first,
    then the fylke's, from the sum of its kommuner that have a figure for every year."""
    span = range(first, last + 1)
    values = {NAMES[k]: [figure(k, measure, y, y) for y in span] for k in areas(data)}
    whole = [row for row in values.values() if all(v == v for v in row)]
    totals = [math.fsum(row[i] for row in whole) for i in range(len(span))]
    label = f"{FYLKE} samlet" + (f" ({len(whole)} av {len(values)})" if len(whole) < len(values)
                                 else "")
    ordered = sorted(values, key=lambda name: name != highlight)
    series = [(name, change(values[name])) for name in ordered] + [(label, change(totals))]
    return [str(y) for y in span], series


def change(values: list[float]) -> list[float]:
    base = values[0]
    if base != base or base == 0:  # no first year: no change to show
        return [NAN] * len(values)
    return [(v / base - 1) * 100 if v == v else NAN for v in values]


def signed(value: float) -> str:
    return ("+" if round(value, 1) > 0 else "") + num(value, 1, True)


def development_chart(size, categories, series):
    """Grey lines for the fylke's kommuner, the fylke's total dashed, the kommune on top."""
    fig, ax = plt.subplots(figsize=size, dpi=DPI, layout="constrained")
    xs = list(range(len(categories)))
    mine, *others, total = series
    for _, values in others:
        ax.plot(xs, values, color=MUTED, linewidth=1.2, alpha=0.7, zorder=1)
    ax.axhline(0, color="#666666", linewidth=0.8, zorder=2)
    ax.plot(xs, total[1], color="C1", linewidth=2.5, linestyle=(0, (4, 2)), zorder=3)
    ax.plot(xs, mine[1], color="C0", linewidth=3.5, zorder=4)
    ax.margins(y=0.1)  # room above and below for an end label of two lines
    # two labels ending close together are pushed apart, the higher line's label up
    low, high = ax.get_ylim()
    close = abs(mine[1][-1] - total[1][-1]) < 0.12 * (high - low)
    push = 13 if close else 0
    for (label, values), colour, up in (
            (total, "C1", push if close and total[1][-1] >= mine[1][-1] else -push),
            (mine, "C0", push if close and mine[1][-1] > total[1][-1] else -push)):
        ax.annotate(f"{label}\n{signed(values[-1])}", (xs[-1], values[-1]), xytext=(8, up),
                    textcoords="offset points", va="center", color=colour, fontsize=14,
                    fontweight="bold")
    step = math.ceil(len(xs) / 9)  # at most 9 years on the axis, the last one among them
    shown = xs[::-1][::step][::-1]
    ax.set_xticks(shown, [categories[i] for i in shown])
    ax.yaxis.set_major_formatter(ticks(percent=True))
    ax.set_xlim(-0.3, len(xs) - 1 + 0.3 + 0.28 * len(xs))  # room for the end labels
    return fig


def chart_slide(slide, item) -> None:
    data, kind = item["data"], item["chart"]
    measures = as_list(data["measures"])
    first, last = years(measures[0], data["periods"])
    if kind == "development":  # every kommune of the fylke, year by year
        categories, series = changes(data, item["highlight"], measures[0], first, last)
    elif kind == "ranked_bar" and item.get("x") == "measure":  # one kommune, a bar per measure
        area = areas(data)[0]
        categories = [LABELS[m] for m in measures]
        series = [(NAMES[area], [figure(area, m, first, last) for m in measures])]
    elif kind == "ranked_bar":  # the nine kommuner, over the whole period
        categories = [NAMES[k] for k in NINE]
        series = [(LABELS[m], [figure(k, m, first, last) for k in NINE]) for m in measures]
    else:  # one area, year by year
        categories = [str(y) for y in range(first, last + 1)]
        series = [(LABELS[m], [figure(areas(data)[0], m, y, y) for y in range(first, last + 1)])
                  for m in measures]
    area = slide.placeholders[AREA]
    # The placeholder's size in whole pixels at 220 dpi, a hair over: matplotlib truncates the
    # pixel count, and 12.13 in (2668.6 px) would come out 2668 px, not 2669.
    size = [(round(emu / 914400 * DPI) + 0.01) / DPI for emu in (area.width, area.height)]
    with plt.style.context(STYLE):
        if kind == "line":
            fig = line_chart(size, categories, series)
        elif kind == "grouped_bar":
            fig = grouped_bar_chart(size, categories, series)
        elif kind == "development":
            fig = development_chart(size, categories, series)
        else:
            fig = ranked_bar_chart(size, categories, series, measures[0] in PERCENT)
        png = io.BytesIO()
        fig.savefig(png, format="png", dpi=DPI)
        plt.close(fig)
    picture = area.insert_picture(png)
    picture._element.nvPicPr.cNvPr.set("descr", alt_text(kind, data, measures, first, last,
                                                         categories, series))


def alt_text(kind, data, measures, first, last, categories, series) -> str:
    """For screen readers: what, where and when, and each series' highest and lowest."""
    what = join([lower(LABELS[m]) for m in measures])
    if kind == "development":
        return development_alt(what, first, last, series)
    if "region" in data or data["kommuner"] in GROUPS:
        where = ("for " if kind == "ranked_bar" else "i ") + lower(GROUP["name"])
    else:
        where = "i " + NAMES[areas(data)[0]]
    name = {"line": "Linjediagram", "grouped_bar": "Stolpediagram",
            "ranked_bar": "Liggende stolpediagram"}[kind]
    text = f"{name}: {what} {where} {span_text(first, last)}."
    for label, values in series:
        present = [(c, v) for c, v in zip(categories, values, strict=True) if v == v]
        (hi, high), (lo, low) = max(present, key=lambda p: p[1]), min(present, key=lambda p: p[1])
        high, low = show(high, measures[0]), show(low, measures[0])
        text += (f" {label}: høyest i {hi} ({high}), lavest i {lo} ({low})." if
                 kind == "ranked_bar" else
                 f" {label} var høyest i {hi} ({high}) og lavest i {lo} ({low}).")
    missing = sorted(c for c, v in zip(categories, series[0][1], strict=True) if v != v)
    if missing:
        text += f" Tall mangler for {', '.join(missing[:-1])} og {missing[-1]}."
    return text


def development_alt(what, first, last, series) -> str:
    """The kommune's and the fylke's change, and how far the fylke's kommuner spread."""
    text = f"Linjediagram: {what} i {lower(FYLKE)} {span_text(first, last)}."
    for label, values in (series[0], series[-1]):
        text += f" {label}: {signed(values[-1])} fra {first} til {last}."
    ends = [(label, values[-1]) for label, values in series[:-1]]
    (lo, low), (hi, high) = min(ends, key=lambda p: p[1]), max(ends, key=lambda p: p[1])
    return text + (f" Blant de {len(ends)} kommunene gikk endringen fra {signed(low)} i {lo} "
                   f"til {signed(high)} i {hi}.")


# --- slides ------------------------------------------------------------------------------------

def write(slide, idx, *paras) -> None:
    """Paragraphs into a placeholder: each a str, or a dict of text and level, bold or link."""
    frame = slide.placeholders[idx].text_frame
    for i, para in enumerate(paras):
        para = {"text": para} if isinstance(para, str) else para
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        if "level" in para:
            p.level = para["level"]
        run = p.add_run()
        run.text = para["text"]
        if para.get("bold"):
            run.font.bold = True
        if para.get("link"):
            run.hyperlink.address = para["link"]


def bullets(items, level=0):
    for item in items:
        item = {"text": item} if isinstance(item, str) else item
        yield {"text": item["text"], "level": level}
        yield from bullets(item.get("items", []), level + 1)


def photo(slide, picture: dict, folder: Path, contain: bool) -> None:
    box = slide.placeholders[PHOTO]
    file = folder / picture["file"]
    if contain:  # the whole picture, centred in the placeholder's box
        with Image.open(file) as image:
            ratio = image.width / image.height
        w, h = ((box.width, round(box.width / ratio)) if box.width / box.height < ratio
                else (round(box.height * ratio), box.height))
        shape = slide.shapes.add_picture(str(file), box.left + (box.width - w) // 2,
                                         box.top + (box.height - h) // 2, w, h)
    else:  # filling the placeholder, cropped
        shape = box.insert_picture(str(file))
    shape._element.nvPicPr.cNvPr.set("descr", picture["alt"])


def table_slide(slide, item) -> None:
    data = item["data"]
    measures = as_list(data["measures"])
    first, last = years(measures[0], data["periods"])
    span = range(first, last + 1)
    if item["columns"] == "measure":  # kommuner down, the period's sums across
        rows = [[""] + [LABELS[m] for m in measures]]
        numbered = item.get("kommune_label") == "number_name"  # 4026 Tinn, or just Tinn
        rows += [[f"{k} {NAMES[k]}" if numbered else NAMES[k]]
                 + [num(figure(k, m, first, last)) for m in measures] for k in areas(data)]
    elif item["rows"] == "kommune":  # kommuner down, years across, a Sum row
        values = {k: [figure(k, measures[0], y, y) for y in span] for k in areas(data)}
        rows = [[LABELS[measures[0]]] + [str(y) for y in span]]
        rows += [[NAMES[k]] + [num(v) for v in row] for k, row in values.items()]
        sums = [sum(row[i] for row in values.values()) for i in range(len(span))]
        rows.append([item["total_row"]] + [num(v) for v in sums])
    else:  # measures down (for one kommune or the group), years across, a Sum column
        area = areas(data)[0]
        suffix = f" {area} {NAMES[area]}" if area in NAMES else ""
        rows = [[""] + [str(y) for y in span] + [item["total_column"]]]
        for m in measures:
            values = [figure(area, m, y, y) for y in span]
            rows.append([LABELS[m] + suffix] + [num(v) for v in values] + [num(sum(values))])
    frame = slide.placeholders[AREA].insert_table(len(rows), len(rows[0]))
    frame.height = Emu(457200 * len(rows))
    table = frame.table
    table.horz_banding = False
    table.last_row = "total_row" in item
    for r, row in enumerate(rows):
        table.rows[r].height = Emu(457200)
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.text = text
            p = cell.text_frame.paragraphs[0]
            p.alignment = PP_ALIGN.RIGHT if c else PP_ALIGN.LEFT
            for run in p.runs:
                run.font.size = Pt(18 if len(row) < 8 else 16)


def key_figure_slide(slide, item) -> None:
    """One or two figures side by side, each a text box over its part of the body's area."""
    body = slide.placeholders[BODY]
    n, gap = len(item["figures"]), 365760  # 0.4 in between figures
    width = (body.width - gap * (n - 1)) // n
    for i, spec in enumerate(item["figures"]):
        measure = spec["data"]["measures"]
        year, _ = years(measure, spec["data"]["periods"])
        value = figure(NUMBERS[spec["data"]["kommuner"]], measure, year, year)
        key_figure(slide, body.left + i * (width + gap), body.top, width, body.height,
                   show(value, measure, spec.get("decimals", 1)), f"{spec['label']} ({year})")


def key_figure(slide, left, top, width, height, number: str, label: str) -> None:
    """The number and its label, a quarter down the box."""
    offset = height // 4
    frame = slide.shapes.add_textbox(left, top + offset, width, height - offset).text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.TOP
    for i, (text, size, bold, colour) in enumerate((
            (number, 66, True, MSO_THEME_COLOR.ACCENT_1),
            (label, 24, False, MSO_THEME_COLOR.TEXT_1))):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.alignment = PP_ALIGN.CENTER
        run = p.add_run()
        run.text = text
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.theme_color = colour


def finish(slide, number: int) -> None:
    """Remove the placeholders left empty, and add the slide number python-pptx leaves out."""
    for ph in list(slide.placeholders):
        if ph._element.tag == qn("p:sp") and not ph.text_frame.text:
            ph._element.getparent().remove(ph._element)
    sp = copy.deepcopy(next(p for p in slide.slide_layout.placeholders
                            if p.placeholder_format.idx == SLIDE_NO)._element)
    sp.find(qn("p:spPr")).clear()  # the position comes from the layout
    sp.find(".//" + qn("p:cNvPr")).set("id", str(slide.shapes._next_shape_id))
    for t in sp.iter(qn("a:t")):
        t.text = str(number)
    slide.shapes._spTree.append(sp)


def without_maps(text: str) -> str:
    """The deck's YAML without its map slides: this script draws no maps (it would have to
    project and draw Kartverket's boundaries by hand), so the benchmark builds and compares the
    deck without them; bench/map_draw.py times maps on their own."""
    entries = text.split("\n  - ")
    return "\n  - ".join(e for e in entries if "chart: map" not in e)


def slides_of(deck: dict, folder: Path):
    """The deck's slides with includes resolved, each with its file's folder (pictures)."""
    for item in deck["slides"]:
        if item.get("chart") == "map":
            continue  # see without_maps
        if "include" in item:
            file = folder / item["include"]
            yield from slides_of(read_yaml(file), file.parent)
        else:
            yield item, folder


def main(out: Path) -> None:
    matplotlib.use("Agg")  # no screen
    for font in sorted((ROOT / "assets" / "fonts").glob("Carlito-*.ttf")):
        font_manager.fontManager.addfont(str(font))
    deck = read_yaml(DECK)
    prs = Presentation(str(TEMPLATE))
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    ten = years("innflytting", "siste 10 år")

    for item, folder in slides_of(deck, DECK.parent):
        kind = item["kind"]
        slide = prs.slides.add_slide(layouts[LAYOUT[kind] + (" med foto" if "photo" in item
                                                             else "")])
        if item.get("heading"):
            write(slide, HEADING, item["heading"])
        # A statement or question is the slide's title; the one text variable is the period.
        title = item.get("title") or item.get("text") or "Takk for oppmerksomheten"
        write(slide, TITLE, fill(title))
        footnote, notes = [], [item["notes"]] if item.get("notes") else []
        if kind in ("title", "section") and item.get("subtitle"):
            write(slide, BODY, item["subtitle"])
        elif kind == "bullets":
            lead = [{"text": item["lead"], "bold": True}] if item.get("lead") else []
            write(slide, BODY, *lead, *bullets(item["items"]))
            if lead:  # the line above the bullets has no bullet
                p_pr = slide.placeholders[BODY].text_frame.paragraphs[0]._p.get_or_add_pPr()
                p_pr.set("marL", "0")
                p_pr.set("indent", "0")
                p_pr.insert(0, p_pr.makeelement(qn("a:buNone"), {}))
        elif kind == "quote":
            write(slide, BODY, f"«{item['text']}»")
            write(slide, WHO, f"– {item['who']}, {item['role']}")
        elif kind == "closing":
            write(slide, BODY, {"text": item["name"], "bold": True}, item["job_title"],
                  {"text": item["email"], "link": f"mailto:{item['email']}"})
        elif kind == "placeholder":  # a marked spot for a chart whose data is missing
            write(slide, BODY, {"text": "Data mangler", "bold": True}, item["planned"])
            border = slide.placeholders[BODY].line
            border.color.rgb = RGBColor(0xA0, 0x53, 0x0B)
            border.width = Pt(2)
            border.dash_style = MSO_LINE.DASH
            footnote.append(f"Kilde: {item['source']}")
        elif kind in ("table", "chart", "key_figure"):
            if kind == "table":
                table_slide(slide, item)
            elif kind == "chart":
                write(slide, SUBTITLE, fill(item["subtitle"]))
                chart_slide(slide, item)
            else:
                key_figure_slide(slide, item)
            source, data_notes = sources(as_list(item["data"]["measures"]) if "data" in item
                                         else [f["data"]["measures"] for f in item["figures"]])
            footnote.append(source)
            notes += data_notes
        if "image" in item or "photo" in item:
            photo(slide, item.get("image") or item["photo"], folder, contain=kind == "image")
        if item.get("credit"):  # 'Faksimile: …' keeps its own label
            credit = item["credit"]
            write(slide, CREDIT, credit if credit.startswith("Faksimile:") else f"Foto: {credit}")
        if item.get("link"):
            text = item["link"].removeprefix("https://").removeprefix("www.").rstrip("/")
            footnote.append({"text": text, "link": item["link"]})
        if footnote:
            write(slide, SOURCE, *footnote)
        if notes:
            slide.notes_slide.notes_text_frame.text = "\n\n".join(notes)
        finish(slide, len(prs.slides))

        if kind == "question":  # the answer on the next slide, the figures typed in
            inn, ut = (figure("distriktskommuner-telemark", m, *ten)
                       for m in ("innflytting", "utflytting"))
            answer = prs.slides.add_slide(layouts["Utsagn"])
            write(answer, HEADING, "Svar")
            write(answer, TITLE, f"I {span_text(*ten)} flytta {num(inn)} personer til de ni "
                                 f"kommunene.")
            answer.notes_slide.notes_text_frame.text = (
                f"{num(ut)} flytta ut i samme tiårsperiode, så netto innflytting var "
                f"{num(inn - ut)}. Flytting mellom de ni kommunene er ikke med.")
            finish(answer, len(prs.slides))

    prs.core_properties.title = deck["title"]
    prs.core_properties.author = deck["author"]
    prs.core_properties.language = deck["language"]
    prs.save(str(out))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
