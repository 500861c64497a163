"""chart: map — the geometry in assets/maps, a locator map of every one of the 357 kommuner
(the marked kommune's pixels where its polygon is), names that never overlap and are at least
12 pt, a choropleth computed from data/, the slide's source line and alt text, and the
refusals validate reports with file:line."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import matplotlib.style
import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text
from pptx import Presentation

from conftest import ROOT
from helpers import alt_text, pictures, placeholder_text, slide_titled
from slidegen import build_deck
from slidegen.charts import Painter, cache_digest, geo
from slidegen.charts.kinds import map as map_kind
from slidegen.charts.model import MapData
from slidegen.charts.style import DPI, STYLE, palette, register_fonts
from slidegen.data import open_data
from slidegen.errors import SlidegenError
from slidegen.slides.context import SlideContext
from slidegen.slides.kinds.chart import ChartSlide, chart_data
from slidegen.validate import validate_deck

SIZE = (12.13, 3.85)  # the template's chart area, inches
FOOTNOTE_IDX = 23


@pytest.fixture(scope="module")
def data():
    return open_data(ROOT / "data")


def map_of(loaded, kommune=None, **fields) -> MapData:
    spec = ChartSlide.model_validate({"kind": "chart", "title": "Kart", "chart": "map",
                                      **fields})
    return chart_data(spec, SlideContext(loaded, kommune))


def drawn(chart: MapData, dpi: float = DPI):
    """The map drawn as the painter draws it; (figure, its frames by role, RGBA pixels)."""
    register_fonts()
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    with matplotlib.style.context(str(STYLE)):
        fig = Figure(figsize=SIZE, dpi=DPI)
        axes = map_kind.draw(fig, chart, None)
        fig.set_dpi(dpi)
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        pixels = np.asarray(canvas.buffer_rgba())
    return fig, axes, pixels


def test_the_geometry_holds_the_registrys_357_kommuner_in_utm_33():
    stored = geo.geometry()
    with (ROOT / "data" / "kommuner.csv").open(encoding="utf-8") as handle:
        registry = {row["kommunenummer"] for row in csv.DictReader(handle)}
    assert set(stored.numbers) == registry and len(stored.numbers) == 357
    # EPSG:25833 metres: Norway's mainland lies east of −100 km and north of 6 400 km
    assert stored.bbox[:, 0].min() > -100_000 and stored.bbox[:, 2].max() < 1_200_000
    assert stored.bbox[:, 1].min() > 6_400_000 and stored.bbox[:, 3].max() < 8_000_000
    paths = geo.paths()
    for number in stored.numbers:  # every name point inside its own kommune
        i = stored.index[number]
        assert paths[i].contains_point(tuple(stored.label[i])), number
    tinn = stored.neighbours[stored.index["4026"]]
    # Hjartdal, Seljord, Notodden, Vinje; Flesberg, Rollag, Nore og Uvdal in Buskerud
    assert set(tinn) == {"4024", "4022", "4005", "4036", "3334", "3336", "3338"}
    assert geo.position("4026", [n for n in stored.numbers if n.startswith("40")]) == "nord"
    assert (ROOT / "assets" / "maps" / "SOURCE.md").read_text("utf-8").count("CC BY 4.0") == 1


def test_every_kommune_has_a_locator_map_with_its_own_pixels_inside_its_polygon(data):
    """All 357 drawn at 50 dpi: the pixels in the marked colour on the map lie inside the
    kommune's polygon; a kommune too small to show gets a ring round it instead."""
    assert palette()[0][0] == "#0072B2"  # the marked colour is blue
    paths = geo.paths()
    problems = []
    for number in geo.geometry().numbers:
        chart = map_of(data, number)
        fig, axes, pixels = drawn(chart, dpi=50)
        ax = axes["map"]
        box = ax.bbox
        height = pixels.shape[0]
        # blue: the marked colour, or it blended with the outline (a small kommune's pixels);
        # nothing else on the map is (greys, dark text)
        rgb = pixels[:, :, :3].astype(int)
        rows, cols = np.nonzero(rgb[:, :, 2] - rgb[:, :, 0] > 50)
        centres = np.column_stack([cols + 0.5, height - rows - 0.5])
        on_map = centres[(centres[:, 0] < box.x1) & (centres[:, 1] < box.y1)]
        ringed = any(type(p).__name__ == "Circle" for p in ax.patches)
        if len(on_map) == 0:
            if not ringed:
                problems.append(f"{number}: no pixel in the marked colour, and no ring")
            continue
        # a pixel counts as inside when its centre or a point half a pixel from it is
        path, to_data = paths[geo.geometry().index[number]], ax.transData.inverted()
        inside = np.zeros(len(on_map), dtype=bool)
        for dx, dy in [(0, 0), (0.5, 0), (-0.5, 0), (0, 0.5), (0, -0.5)]:
            inside |= path.contains_points(to_data.transform(on_map + (dx, dy)))
        if inside.mean() < 0.99:
            problems.append(f"{number}: {inside.mean():.0%} of {len(on_map)} pixels inside")
    assert not problems


@pytest.mark.parametrize("kommune", ["Tinn", "Loppa", "Hvaler", "Oslo", "Utsira", "Bø"])
def test_names_on_a_locator_map_are_12_pt_or_more_and_never_overlap(data, kommune):
    chart = map_of(data, kommune)
    fig, axes, _ = drawn(chart)
    _assert_readable(fig)
    names = [t.get_text() for t in axes["map"].texts]
    assert names[0] == chart.categories[0]  # the marked kommune's name is never left out


@pytest.mark.parametrize("kommune", ["Oslo", "Tinn"])
def test_no_boundary_line_runs_through_a_neighbours_name(data, kommune):
    """Neighbours' names often sit where boundaries run (Oslo's Lunner, Lørenskog and Nordre
    Follo did): close round each letter there is only the name's halo, no pixel of the
    blue-grey boundary lines. The letters are found by drawing the names alone."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.patches import Patch

    from slidegen.charts.mapdraw import OUTLINE

    chart = map_of(data, kommune)
    fig, axes, pixels = drawn(chart)
    with matplotlib.style.context(str(STYLE)):
        for artist in fig.findobj(Patch):  # the kommuner, and the names' boxes if any
            if artist is not fig.patch:
                artist.set_visible(False)
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        alone = np.asarray(canvas.buffer_rgba())[:, :, :3].astype(int)
    line = np.array([int(OUTLINE[i:i + 2], 16) for i in (1, 3, 5)])
    near_letters = alone.max(axis=2) < 140  # the letters, drawn alone on white
    for _ in range(3):  # and 3 pixels round them
        near_letters = (near_letters | np.roll(near_letters, 1, 0) | np.roll(near_letters, -1, 0)
                        | np.roll(near_letters, 1, 1) | np.roll(near_letters, -1, 1))
    is_line = np.abs(pixels[:, :, :3].astype(int) - line).max(axis=2) <= 8  # letters: 12 off
    renderer = fig.canvas.get_renderer()
    height = pixels.shape[0]
    crossed = {}
    for text in axes["map"].texts[1:]:  # the first is the marked kommune's own name
        box = text.get_window_extent(renderer)
        rows = slice(height - math.ceil(box.y1), height - math.floor(box.y0))
        cols = slice(math.floor(box.x0), math.ceil(box.x1))
        touching = int((is_line[rows, cols] & near_letters[rows, cols]).sum())
        if touching:
            crossed[text.get_text()] = touching
    assert len(axes["map"].texts) > 3
    assert near_letters.any()
    assert not crossed


def _assert_readable(fig) -> None:
    renderer = fig.canvas.get_renderer()
    texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    assert texts
    assert min(t.get_fontsize() for t in texts) >= 12
    boxes = [t.get_window_extent(renderer) for t in texts]
    overlaps = [(a.get_text(), b.get_text()) for i, a in enumerate(texts)
                for j, b in enumerate(texts) if i < j and boxes[i].overlaps(boxes[j])]
    assert not overlaps
    whole = fig.bbox
    assert all(whole.x0 <= b.x0 and b.x1 <= whole.x1 + 1 and whole.y0 <= b.y0
               and b.y1 <= whole.y1 + 1 for b in boxes)


def population() -> dict[tuple[str, int], float]:
    with (ROOT / "data" / "befolkning.csv").open(encoding="utf-8") as handle:
        return {(row["region"], int(row["period"])): float(row["value"])
                for row in csv.DictReader(handle)
                if row["variable"] == "befolkning" and row["value"]}


def test_a_choropleth_of_the_nine_is_their_population_change_computed_from_data(data):
    chart = map_of(data, None, form="choropleth", highlight="Tinn",
                   data={"kommuner": "distriktskommuner-telemark", "measures": "befolkning",
                         "periods": "2014–2024"})
    rows = population()
    assert len(chart.codes) == 9
    for code, value in zip(chart.codes, chart.series[0].values, strict=True):
        assert value == pytest.approx((rows[(code, 2024)] / rows[(code, 2014)] - 1) * 100)
    ranked = sorted(zip(chart.series[0].values, chart.categories, strict=True))
    alt = map_kind.alt_text(chart, SlideContext(data, None).tr)
    assert alt.startswith("Kart over distriktskommuner i Telemark: endring i befolkning")
    assert f"Høyest i {ranked[-1][1]} (" in alt and f"lavest i {ranked[0][1]} (−" in alt
    assert "Tinn er markert (" in alt
    fig, axes, _ = drawn(chart)
    _assert_readable(fig)
    legend = [t.get_text() for t in axes["legend"].get_texts()]
    assert legend[0].startswith("−") and legend[-1].startswith("+")  # falls first, a diverging
    assert all(" til " in label and label.endswith("\u00a0%") for label in legend)


@pytest.mark.parametrize("fylke", ["fylke-finnmark", "fylke-vestland", "fylke-oslo"])
def test_a_choropleth_of_a_fylke_shows_missing_figures_hatched_and_named(data, fylke):
    """Innvandrere in 2026 are stored for Telemark only: elsewhere every figure is missing;
    centrality classes (whole numbers) get a class each."""
    chart = map_of(data, None, form="choropleth",
                   data={"kommuner": fylke, "measures": "sentralitetsklasse"})
    fig, axes, _ = drawn(chart)
    _assert_readable(fig)
    labels = [t.get_text() for t in axes["legend"].get_texts()]
    assert labels == sorted(labels, key=float) and len(labels) <= 6
    telemark = map_of(data, None, form="choropleth", data={
        "kommuner": ["Tinn", "Loppa", "Vinje"], "measures": "andel_innvandrere"})
    assert math.isnan(telemark.series[0].values[1])
    fig, axes, _ = drawn(telemark)
    assert any("tall mangler: Loppa" in t.get_text() for t in axes["legend"].get_texts())
    assert "Tall mangler for Loppa." in map_kind.alt_text(telemark, SlideContext(data, None).tr)


DECK = f"""
title: Kart
data: {ROOT / 'data'}
kommune: Tinn
slides:
  - kind: chart
    title: Hvor ligger Tinn?
    chart: map
  - kind: chart
    title: Befolkningsendring
    chart: map
    form: choropleth
    data: {{kommuner: distriktskommuner-telemark, measures: befolkning, periods: 2014–2024}}
    highlight: Tinn
"""


def test_a_map_slide_has_its_alt_text_and_kartverket_on_the_source_line(write, tmp_path):
    deck = write("kart.yaml", DECK)
    build_deck(deck, tmp_path / "kart.pptx")
    prs = Presentation(str(tmp_path / "kart.pptx"))
    locator, choropleth = slide_titled(prs, "Hvor ligger Tinn?"), slide_titled(
        prs, "Befolkningsendring")
    [picture] = pictures(locator)
    assert alt_text(picture).startswith("Kart over Telemark. Tinn er markert, nord i fylket, "
                                        "og grenser til Flesberg (Buskerud), Hjartdal,")
    assert placeholder_text(locator, FOOTNOTE_IDX) == "Kart: Kartverket"
    assert placeholder_text(choropleth, FOOTNOTE_IDX).startswith("Kilde: SSB, tabell 07459")
    assert placeholder_text(choropleth, FOOTNOTE_IDX).endswith(". Kart: Kartverket")
    [picture] = pictures(choropleth)
    assert alt_text(picture).startswith("Kart over distriktskommuner i Telemark")


@pytest.mark.parametrize(("extra", "message"), [
    ("    render: native\n", "render: PowerPoint has no map chart that python-pptx can write"),
    ("    highlight: Tin\n", "highlight: unknown kommune 'Tin' — did you mean 'Tinn'?"),
])
def test_validate_refuses_what_build_would_with_file_and_line(write, extra, message):
    deck = write("kart.yaml", DECK.split("  - kind: chart\n    title: Befolkningsendring")[0]
                 + extra)
    with pytest.raises(SlidegenError) as caught:
        validate_deck(deck)
    [found] = caught.value.messages()
    assert found.startswith("kart.yaml:8:") and message in found


def test_only_a_locator_map_goes_without_data(write):
    """A map without data is a locator of its highlight (or the deck's kommune); any other
    chart without data, and a locator given data, are refused at their line."""
    deck = write("kart.yaml", DECK.replace("    form: choropleth\n    data: {kommuner: "
                                           "distriktskommuner-telemark, measures: befolkning, "
                                           "periods: 2014–2024}\n", ""))
    assert validate_deck(deck).slides[1].form == "locator"
    for wrong, message in [(DECK.replace("chart: map\n  - kind", "chart: bar\n  - kind"),
                            "'data' is missing: a chart shows figures from data/"),
                           (DECK.replace("form: choropleth", "form: locator"),
                            "a locator map shows where a kommune is, from no figures")]:
        with pytest.raises(SlidegenError) as caught:
            validate_deck(write("wrong.yaml", wrong))
        [found] = caught.value.messages()
        assert found.startswith("wrong.yaml:") and message in found


def test_a_map_goes_through_the_chart_cache_keyed_by_its_geometry(data, tmp_path,
                                                                    monkeypatch):
    monkeypatch.setenv("SLIDEGEN_CACHE_DIR", str(tmp_path))
    chart = map_of(data, "Tinn")
    assert chart.cache_key_parts()["map"][-2] == geo.digest()
    painter = Painter()
    first = painter.render("map", chart, *SIZE)
    assert painter.render("map", chart, *SIZE) == first and painter.drawn == 1
    assert len(list(tmp_path.glob("*.png"))) == 1
    other = map_of(data, "Vinje")
    assert cache_digest("map", other, *SIZE, None) != cache_digest("map", chart, *SIZE, None)
    assert Path(geo.MAP_FILE).stat().st_size < 400_000  # stored compactly


def test_a_new_map_geometry_makes_a_deck_changed(write):
    """The geometry is an input of every build, as the chart style and the fonts are: a deck
    is never skipped as unchanged after tools/prepare_map.py made it again."""
    from slidegen.inputs import input_files
    from slidegen.spec.loader import load_deck

    assert geo.MAP_FILE in input_files(load_deck(write("kart.yaml", DECK)))
