"""Charts: drawn from the selected rows (asserted on the plotted data, not pixels), sized to the
layout at >= 200 dpi, alt text drafted from the data, cached, and bad requests refused."""

from __future__ import annotations

import io
import math

import matplotlib.style
import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn

from conftest import ROOT
from helpers import alt_text, title_of
from slidegen import Session, build_deck, charts
from slidegen.charts import painter as painter_module
from slidegen.charts.style import DPI, STYLE, palette
from slidegen.data import load_data
from slidegen.errors import DataError, SpecError
from slidegen.slides.context import SlideContext
from slidegen.slides.kinds.chart import chart_data
from slidegen.spec.loader import load_deck

NBSP, MINUS = "\u00a0", "\u2212"
YEARS = [str(y) for y in range(2014, 2024)]
TINN_INN = [287, 362, 316, 349, 202, 200, 190, 204, 306, 239]  # data/befolkningsendringer.csv
TINN_UT = [293, 307, 330, 343, 247, 269, 236, 269, 228, 220]

DECK = f"""
title: Diagram
data: {ROOT / 'data'}
slides:
  - kind: chart
    title: Flytting Tinn
    chart: grouped_bar
    data: {{kommuner: Tinn, measures: [innflytting, utflytting], periods: siste 10 år}}
  - kind: chart
    title: Innflytting Tinn
    chart: bar
    data: {{kommuner: Tinn, measures: innflytting, periods: siste 10 år}}
    highlight: "2015"
  - kind: chart
    title: Linjer
    chart: line
    data: {{kommuner: Tinn, measures: [innflytting, utflytting], periods: siste 10 år}}
  - kind: chart
    title: Stablet
    chart: stacked_bar
    data: {{kommuner: Tinn, measures: [innflytting, utflytting], periods: siste 10 år}}
  - kind: chart
    title: Rangert
    chart: ranked_bar
    x: kommune
    data: {{kommuner: distriktskommuner-telemark, measures: [netto_flytting, fødselsoverskudd],
           periods: siste 10 år}}
    highlight: Tinn
  - kind: chart
    title: Andel
    chart: ranked_bar
    x: kommune
    data: {{kommuner: distriktskommuner-telemark, measures: innvandrerandel, periods: 2024}}
  - kind: chart
    title: Smultring
    chart: donut
    x: kommune
    data: {{kommuner: [Tinn, Vinje, Seljord], measures: befolkning, periods: 2024}}
"""


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    path = tmp_path_factory.mktemp("charts") / "d.yaml"
    path.write_text(DECK, encoding="utf-8")
    return load_deck(path)


def figure_of(deck, index: int):
    spec = deck.slides[index]
    chart = chart_data(spec, SlideContext(load_data(ROOT / "data"), None))
    with matplotlib.style.context(str(STYLE)):
        return chart, charts.figure(spec.chart, chart, 12.13, 3.85, spec.highlight)


def bar_heights(ax) -> list[float]:
    return [round(p.get_height(), 6) for p in ax.patches]


def test_grouped_bars_plot_the_selected_rows(deck):
    chart, fig = figure_of(deck, 0)
    ax = fig.axes[0]
    assert bar_heights(ax) == TINN_INN + TINN_UT
    assert [t.get_text() for t in ax.get_xticklabels()] == YEARS  # never 2014.5
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Innflytting", "Utflytting"]


def test_one_bar_highlighted_the_rest_grey(deck):
    _, fig = figure_of(deck, 1)
    colours, muted = palette()
    faces = [p.get_facecolor() for p in fig.axes[0].patches]
    as_hex = ["#{:02X}{:02X}{:02X}".format(*(round(c * 255) for c in f[:3])) for f in faces]
    assert as_hex == [muted] + [colours[0]] + [muted] * 8  # 2015 in colour
    labels = [t.get_text() for t in fig.axes[0].texts]
    assert labels == [str(v) for v in TINN_INN]


def test_lines_plot_the_values_and_label_their_ends(deck):
    _, fig = figure_of(deck, 2)
    ax = fig.axes[0]
    assert [list(line.get_ydata()) for line in ax.get_lines()] == [TINN_INN, TINN_UT]
    assert [t.get_text() for t in ax.texts] == ["Innflytting 239", "Utflytting 220"]


def test_stacked_bars_start_where_the_last_part_ends(deck):
    _, fig = figure_of(deck, 3)
    patches = fig.axes[0].patches
    assert [p.get_y() for p in patches[10:]] == TINN_INN
    assert [p.get_height() for p in patches[10:]] == TINN_UT


def test_ranked_bars_are_ordered_by_value_in_panels(deck):
    chart, fig = figure_of(deck, 4)
    netto, natural = fig.axes
    labels = [t.get_text() for t in netto.get_yticklabels()]
    assert labels == ["Drangedal", "Vinje", "Seljord", "Kviteseid", "Hjartdal", "Tokke",
                      "Fyresdal", "Nissedal", "Tinn"]
    assert [p.get_width() for p in netto.patches] == [145, 142, 110, 98, 63, 61, 27, 23, -87]
    assert [p.get_width() for p in natural.patches] == [-193, -15, -122, -106, -37, -105, -71,
                                                        -5, -353]
    assert [t.get_text() for t in netto.texts][-1] == f"{MINUS}87"


def test_missing_values_are_labelled_not_drawn(deck):
    _, fig = figure_of(deck, 5)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()][:4] == ["Tinn", "Seljord", "Hjartdal",
                                                                "Drangedal"]
    assert [t.get_text() for t in ax.texts] == [
        f"15,4{NBSP}%", f"13,9{NBSP}%", f"13,1{NBSP}%", f"12,8{NBSP}%"] + ["tall mangler"] * 5


def test_donut_parts_and_total(deck):
    _, fig = figure_of(deck, 6)
    ax = fig.axes[0]
    spans = [w.theta1 - w.theta2 for w in ax.patches]
    total = 5533 + 3851 + 2979
    assert [round(abs(s) / 360 * total) for s in spans] == [5533, 3851, 2979]
    assert any(t.get_text() == f"12{NBSP}363" for t in ax.texts)


def test_chart_pictures_fit_the_layout_at_200_dpi_with_drafted_alt_text(deck, tmp_path):
    out = tmp_path / "d.pptx"
    build_deck(deck, out)
    slides = list(Presentation(str(out)).slides)
    for slide in slides:
        [picture] = [s for s in slide.shapes if s.shape_type is not None
                     and s.is_placeholder and s.placeholder_format.type == PP_PLACEHOLDER.PICTURE]
        image = Image.open(io.BytesIO(picture.image.blob))
        width_in, height_in = picture.width / 914400, picture.height / 914400
        assert image.size == (round(width_in * DPI), round(height_in * DPI)) and DPI >= 200
        # not stretched: at most a rounding sliver (under one pixel) is cropped
        crops = (picture.crop_left, picture.crop_right, picture.crop_top, picture.crop_bottom)
        assert all(abs(c) < 1 / image.size[0] for c in crops), crops
    assert alt_text(_picture(slides[0])) == (
        "Stolpediagram: innflytting og utflytting i Tinn 2014–2023. Innflytting var høyest i "
        "2015 (362) og lavest i 2020 (190). Utflytting var høyest i 2017 (343) og lavest i "
        "2023 (220).")
    assert alt_text(_picture(slides[4])) == (
        "Liggende stolpediagram: netto flyttetall og fødselsoverskudd for distriktskommuner i "
        f"Telemark 2014–2023. Netto flyttetall: høyest i Drangedal (145), lavest i Tinn "
        f"({MINUS}87). Fødselsoverskudd: høyest i Nissedal ({MINUS}5), lavest i Tinn "
        f"({MINUS}353).")
    assert alt_text(_picture(slides[5])).endswith(
        "Tall mangler for Fyresdal, Kviteseid, Nissedal, Tokke og Vinje.")
    assert title_of(slides[0]) == "Flytting Tinn"
    footnotes = {s.placeholders[23].text_frame.text for s in slides}
    assert footnotes == {"Kilde: SSB, tabell 06913", "Kilde: SSB", "Kilde: SSB, tabell 07459"}


def _picture(slide):
    return next(s for s in slide.shapes if s.is_placeholder
                and s.placeholder_format.type == PP_PLACEHOLDER.PICTURE)


def test_second_build_draws_nothing_and_gives_the_same_file(deck, tmp_path, monkeypatch):
    monkeypatch.setenv("SLIDEGEN_CACHE_DIR", str(tmp_path / "cache"))
    session = Session()
    build_deck(deck, tmp_path / "a.pptx", session=session)
    assert session.painter.drawn == 7
    build_deck(deck, tmp_path / "b.pptx", session=session)
    assert session.painter.drawn == 7  # all from the cache
    assert (tmp_path / "a.pptx").read_bytes() == (tmp_path / "b.pptx").read_bytes()
    assert len(list((tmp_path / "cache").glob("*.png"))) == 7  # slides/ holds made slides


def test_house_style_uses_the_theme_colours_with_contrast(tmp_path):
    from slidegen.check.colours import contrast
    from test_template import theme_colours

    theme = theme_colours()
    colours, muted = palette()
    assert colours == ["#" + theme[n] for n in ("accent2", "accent3", "accent1", "accent4",
                                                "accent5", "accent6")]
    for colour in colours + [muted]:
        assert contrast(colour[1:], "FFFFFF") >= 3.0, colour
    assert "font.family: Carlito" in STYLE.read_text("utf-8")


@pytest.mark.parametrize("chart, extra, message", [
    ("barr", "", "d.yaml:7:12: slide 1, chart: unknown value 'barr' — did you mean 'bar'?"),
])
def test_unknown_chart_kind(tmp_path, chart, extra, message):
    path = tmp_path / "d.yaml"
    path.write_text(DECK.split("  - kind: chart\n    title: Innflytting")[0].replace(
        "grouped_bar", chart), encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        load_deck(path)
    assert [m.replace(str(tmp_path) + "/", "") for m in caught.value.messages()] == [message]


@pytest.mark.parametrize("body, message", [
    ("chart: donut\n    data: {kommuner: Tinn, measures: innflytting, periods: siste 10 år}",
     "slide 1, chart: a donut shows parts of one whole, not a time series; use 'line' or "
     "'bar' for years"),
    ("chart: line\n    x: kommune\n    data: {kommuner: [Tinn, Vinje], measures: befolkning, "
     "periods: 2024}",
     "slide 1, chart: 'line' shows development over years; put 'period' on x, or use "
     "'ranked_bar' to compare kommuner"),
    ("chart: bar\n    data: {kommuner: [Tinn, Vinje], measures: innflytting, "
     "periods: siste 10 år}",
     "slide 1, series: the selection has 2 kommune values; put 'kommune' on x or series"),
])
def test_charts_that_cannot_show_the_selection(tmp_path, body, message):
    path = tmp_path / "d.yaml"
    path.write_text(f"title: T\ndata: {ROOT / 'data'}\nslides:\n  - kind: chart\n"
                    f"    title: X\n    {body}\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        build_deck(path, tmp_path / "o.pptx")
    [got] = caught.value.messages()
    assert got.split(": ", 1)[1] == message
    assert got.startswith(f"{path}:") or got.startswith("d.yaml:")
    assert not math.isnan(1.0)


NATIVE = f"""
title: Redigerbare diagram
data: {ROOT / 'data'}
slides:
  - kind: chart
    title: Søyler
    chart: grouped_bar
    render: native
    data: {{kommuner: Tinn, measures: [innflytting, utflytting], periods: siste 10 år}}
  - kind: chart
    title: Rangert
    chart: ranked_bar
    render: native
    x: kommune
    data: {{kommuner: distriktskommuner-telemark, measures: innvandrerandel, periods: 2024}}
  - kind: chart
    title: Linje
    chart: line
    render: native
    data: {{region: distriktskommuner-telemark, measures: innflytting, periods: siste 10 år}}
  - kind: chart
    title: Smultring
    chart: donut
    render: native
    x: kommune
    data: {{kommuner: [Tinn, Vinje], measures: befolkning, periods: 2024}}
  - kind: chart
    title: Stablet
    chart: stacked_bar
    render: native
    data: {{kommuner: Tinn, measures: [innflytting, utflytting], periods: siste 10 år}}
"""


def test_native_charts_carry_their_data(tmp_path):
    from pptx.enum.chart import XL_CHART_TYPE

    path = tmp_path / "n.yaml"
    path.write_text(NATIVE, encoding="utf-8")
    session = Session()
    build_deck(path, tmp_path / "n.pptx", session=session)
    assert session.painter.drawn == 0  # nothing drawn by matplotlib
    slides = list(Presentation(str(tmp_path / "n.pptx")).slides)
    frames = [next(s for s in slide.shapes if s.has_chart) for slide in slides]
    got = [(f.chart.chart_type, list(f.chart.plots[0].categories),
            [(s.name, list(s.values)) for s in f.chart.plots[0].series]) for f in frames]
    assert got[0] == (XL_CHART_TYPE.COLUMN_CLUSTERED, YEARS,
                      [("Innflytting", TINN_INN), ("Utflytting", TINN_UT)])
    # bar charts are drawn bottom-up: the largest share is last, missing ones first and empty
    assert got[1][0] == XL_CHART_TYPE.BAR_CLUSTERED
    assert got[1][1][-4:] == ["Drangedal", "Hjartdal", "Seljord", "Tinn"]
    assert got[1][2][0][1][-4:] == [12.82, 13.07, 13.9, 15.43]
    assert got[1][2][0][1][:5] == [None] * 5
    assert got[2] == (XL_CHART_TYPE.LINE_MARKERS, YEARS, [("Innflytting", [
        1050, 1212, 1081, 1093, 922, 916, 997, 1059, 1329, 1267])])
    assert got[3] == (XL_CHART_TYPE.DOUGHNUT, ["Tinn", "Vinje"], [("Befolkning 1. januar",
                                                                  [5533, 3851])])
    assert got[4][0] == XL_CHART_TYPE.COLUMN_STACKED
    formats = [f.chart.plots[0].data_labels.number_format for f in (frames[0], frames[1])]
    assert formats == ["#,##0", '#,##0.0" %"']
    colours, _ = palette()
    fills = [str(s.format.fill.fore_color.rgb) for s in frames[0].chart.plots[0].series]
    assert fills == [c[1:] for c in colours[:2]]
    assert alt_text(frames[0]).startswith("Stolpediagram: innflytting og utflytting i Tinn "
                                          "2014–2023.")


def test_waterfall_steps_and_computed_end(tmp_path):
    import shutil

    shutil.copytree(ROOT / "data", tmp_path / "data")
    changes = tmp_path / "data" / "befolkningsendringer.csv"
    text = changes.read_text("utf-8")
    # Test-only figures: the repo has fødde and døde for Tinn only as a 2014–2023 total.
    text = text.replace("4026,2014-2023,fødde,363\n", "").replace("4026,2014-2023,døde,716\n",
                                                                   "")
    changes.write_text(text + "4026,2023,fødde,30\n4026,2023,døde,60\n", "utf-8")
    deck = tmp_path / "w.yaml"
    deck.write_text("""
title: W
data: data
slides:
  - kind: chart
    title: Befolkningsendring
    chart: waterfall
    x: measure
    series: kommune
    data: {kommuner: Tinn, measures: [befolkning, fødde, døde, innflytting, utflytting],
           periods: 2023}
    subtract: [døde, utflytting]
""", encoding="utf-8")
    spec = load_deck(deck).slides[0]
    chart = chart_data(spec, SlideContext(load_data(tmp_path / "data"), None))
    assert chart.series[0].values == (5546, 30, -60, 239, -220, 5546 + 30 - 60 + 239 - 220)
    with matplotlib.style.context(str(STYLE)):
        fig = charts.figure("waterfall", chart, 12.13, 3.85)
    bars = [(round(p.get_y()), round(p.get_height())) for p in fig.axes[0].patches]
    assert bars == [(0, 5546), (5546, 30), (5516, 60), (5516, 239), (5535, 220), (0, 5535)]
    assert charts.draft_alt_text("waterfall", chart).endswith(
        f"Fra 5{NBSP}546 til 5{NBSP}535 ({MINUS}11): fødde +30, døde {MINUS}60, innflytting "
        f"+239, utflytting {MINUS}220.")
    deck.write_text(deck.read_text("utf-8").replace("[døde, utflytting]", "[dødsfall]"),
                    "utf-8")
    with pytest.raises(DataError) as caught:
        build_deck(deck, tmp_path / "w.pptx")
    assert caught.value.messages()[0].endswith(
        "slide 1, subtract: 'dødsfall' is not one of the steps: fødde, døde, innflytting, "
        "utflytting")


def pyramid_data(folder):
    """A copy of data/ plus a test-only dataset split by age and sex (made-up figures)."""
    import shutil

    shutil.copytree(ROOT / "data", folder)
    ages = ["0-19", "20-39", "40-59", "60-79", "80+"]
    rows = ["region,period,variable,alder,kjønn,value"]
    for i, age in enumerate(ages):
        rows += [f"4026,2024,befolkning_alder,{age},menn,{100 + i}",
                 f"4026,2024,befolkning_alder,{age},kvinner,{200 + i}"]
    (folder / "testpyramide.csv").write_text("\n".join(rows) + "\n", "utf-8")
    (folder / "testpyramide.yaml").write_text(f"""
title: Testdata for pyramide (oppdiktet, bare for tester)
source: test
variables:
  befolkning_alder: {{label: Befolkning etter alder, unit: personer, kind: stock}}
dimensions:
  alder: {ages}
  kjønn: [menn, kvinner]
""", "utf-8")


def test_pyramid_from_age_and_sex(tmp_path):
    pyramid_data(tmp_path / "data")
    deck = tmp_path / "p.yaml"
    deck.write_text("title: P\ndata: data\nslides:\n  - kind: chart\n    title: Pyramide\n"
                    "    chart: pyramid\n    data: {kommuner: Tinn, measures: befolkning_alder,"
                    " periods: 2024}\n", "utf-8")
    spec = load_deck(deck).slides[0]
    chart = chart_data(spec, SlideContext(load_data(tmp_path / "data"), None))
    with matplotlib.style.context(str(STYLE)):
        fig = charts.figure("pyramid", chart, 12.13, 3.85)
    widths = [p.get_width() for p in fig.axes[0].patches]
    assert widths == [-100, -101, -102, -103, -104, 200, 201, 202, 203, 204]
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == [
        "0-19", "20-39", "40-59", "60-79", "80+"]
    assert charts.draft_alt_text("pyramid", chart) == (
        "Befolkningspyramide: befolkning etter alder i Tinn 2024. Menn: 510 i alt, flest i "
        "aldersgruppen 80+ (104). Kvinner: 1\u00a0010 i alt, flest i aldersgruppen 80+ (204).")
    build_deck(deck, tmp_path / "p.pptx")


def test_pyramid_needs_age_and_sex_and_split_data_needs_a_pyramid(tmp_path):
    pyramid_data(tmp_path / "data")
    deck = tmp_path / "p.yaml"
    deck.write_text("title: P\ndata: data\nslides:\n  - kind: chart\n    title: Pyramide\n"
                    "    chart: pyramid\n    data: {kommuner: Tinn, measures: befolkning, "
                    "periods: 2024}\n  - kind: table\n    title: T\n    data: {kommuner: Tinn, "
                    "measures: befolkning_alder, periods: 2024}\n    rows: kommune\n"
                    "    columns: period\n", "utf-8")
    with pytest.raises(DataError) as caught:
        build_deck(deck, tmp_path / "p.pptx")
    assert [m.split(": ", 1)[1] for m in caught.value.messages()] == [
        "slide 1, data.measures: a pyramid needs one measure split by age and sex, for one "
        "kommune; 'befolkning' is not split by age and sex",
        "slide 2, data.measures: 'befolkning_alder' is split by alder and kjønn: only "
        "chart: pyramid shows it"]


def test_the_chart_key_follows_the_style_file_in_a_long_running_process(tmp_path, monkeypatch):
    # preview --watch keeps one process: an edited style must not reuse old pictures or colours
    from slidegen.charts import style

    copy = tmp_path / "stil.mplstyle"
    copy.write_bytes(style.STYLE.read_bytes())
    monkeypatch.setattr(style, "STYLE", copy)
    digest, colours = style.style_digest(), style.palette()[0]
    text = copy.read_text("utf-8")
    first = colours[0].lstrip("#")
    copy.write_text(text.replace(first, "FF00FF", 1) + "\n", "utf-8")
    assert style.style_digest() != digest
    assert style.palette()[0][0] == "#FF00FF"


def test_a_group_is_named_mid_sentence_in_alt_text_whether_region_or_kommuner(tmp_path):
    """«… i distriktskommuner i Telemark 2014–2023», not «i Distriktskommuner …»."""
    path = tmp_path / "g.yaml"
    path.write_text(f"""title: T
data: {ROOT / 'data'}
slides:
  - kind: chart
    title: Gruppens egne tall
    chart: line
    data: {{region: distriktskommuner-telemark, measures: innflytting, periods: siste 10 år}}
""", encoding="utf-8")
    build_deck(path, tmp_path / "g.pptx")
    [slide] = Presentation(str(tmp_path / "g.pptx")).slides
    [text] = [alt_text(s) for s in slide.shapes
              if s._element.find(".//" + qn("p:blipFill")) is not None]  # the chart picture
    assert text.startswith("Linjediagram: innflytting i distriktskommuner i Telemark 2014–2023.")


def is_cached(kind, chart, width_in, height_in, highlight=None) -> bool:
    """Whether Painter.render would take this chart from the cache."""
    digest = charts.cache_digest(kind, chart, width_in, height_in, highlight)
    return charts.cache.get(digest) is not None


def _test_chart(values) -> charts.ChartData:
    """Test-only figures: a chart's drawing does not care where they come from."""
    return charts.ChartData(("2022", "2023"), (charts.Series("Innflytting", tuple(values)),),
                            "personer", 0, "period", "measure", "innflytting", "Tinn",
                            "2022–2023")


def test_charts_drawn_ahead_are_stored_by_the_next_call(tmp_path, monkeypatch):
    """render_ahead compresses a chart while the next is drawn: once the next call (or
    finish_ahead) returns, the chart is in the cache, the same PNG render() makes."""
    monkeypatch.setenv("SLIDEGEN_CACHE_DIR", str(tmp_path / "ahead"))
    first, second = _test_chart([287, 362]), _test_chart([293, 307])
    size = (6.0, 3.0)
    painter = charts.Painter()
    painter.render_ahead("bar", first, *size)
    painter.render_ahead("bar", second, *size)
    assert is_cached("bar", first, *size)
    painter.finish_ahead()
    assert is_cached("bar", second, *size)
    ahead = [painter.render(kind, chart, *size) for kind, chart in
             (("bar", first), ("bar", second))]  # from the cache
    assert painter.drawn == 2
    plain = charts.Painter(cache=False)
    assert ahead == [plain.render("bar", first, *size), plain.render("bar", second, *size)]


def test_a_chart_that_fails_to_compress_fails_the_call_that_waits_for_it(tmp_path,
                                                                         monkeypatch):
    monkeypatch.setenv("SLIDEGEN_CACHE_DIR", str(tmp_path))

    def broken(image):
        raise OSError("disk full")

    monkeypatch.setattr(painter_module, "png", broken)
    painter = charts.Painter()
    painter.render_ahead("bar", _test_chart([1, 2]), 6.0, 3.0)
    with pytest.raises(OSError, match="disk full"):
        painter.finish_ahead()
    painter.finish_ahead()  # nothing is left waiting


def test_a_forked_worker_compresses_on_a_thread_of_its_own(tmp_path, monkeypatch):
    """A worker forked after this process used render_ahead, with a copy of its painter, must
    not wait for a thread that exists only here (it would hang until the deck gives up on it
    after a minute)."""
    import multiprocessing

    monkeypatch.setenv("SLIDEGEN_CACHE_DIR", str(tmp_path))
    painter = charts.Painter()
    painter.render_ahead("bar", _test_chart([1, 2]), 6.0, 3.0)  # this process's thread, busy
    worker = multiprocessing.get_context("fork").Process(target=_draw_two_ahead,
                                                          args=(painter,))
    worker.start()
    worker.join(timeout=30)
    hung = worker.is_alive()
    if hung:
        worker.kill()
    painter.finish_ahead()
    assert (hung, worker.exitcode) == (False, 0)
    assert is_cached("bar", _test_chart([3, 4]), 6.0, 3.0)


def _draw_two_ahead(painter):
    painter.render_ahead("bar", _test_chart([3, 4]), 6.0, 3.0)
    painter.finish_ahead()


def test_a_highlighted_kommune_has_one_colour_in_every_panel():
    from matplotlib.figure import Figure

    from slidegen.charts.kinds.ranked_bar import draw, order

    chart = charts.ChartData(  # test-only figures
        ("Tinn", "Vinje", "Seljord"),
        (charts.Series("Netto flyttetall", (-87.0, 142.0, 110.0)),
         charts.Series("Fødselsoverskudd", (-353.0, -15.0, -122.0))),
        "personer", 0, "kommune", "measure", "netto flytting", "tre kommuner", "2014–2023")
    netto, natural = draw(Figure(), chart, "Tinn")
    labels = [chart.categories[i] for i in order(chart)]  # the bars' order, largest first
    tinn = [ax.patches[labels.index("Tinn")].get_facecolor() for ax in (netto, natural)]
    others = {ax.patches[i].get_facecolor() for ax in (netto, natural)
              for i, label in enumerate(labels) if label != "Tinn"}
    assert tinn[0] == tinn[1] and tinn[0] not in others and len(others) == 1
    plain = draw(Figure(), chart, None)  # no highlight: the panels differ in colour
    assert plain[0].patches[0].get_facecolor() != plain[1].patches[0].get_facecolor()
