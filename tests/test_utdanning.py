"""SSB 09429's education counts for the Telemark kommuner, 2004–2025: made by a tool from the
carried file in tools/sources/, old names mapped to today's kommuner, shares computed from the
counts (never SSB's rounded per cents), and shown in both decks."""

from __future__ import annotations

import csv
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from conftest import DECKS, ROOT
from helpers import load_tool
from slidegen import build_deck
from slidegen.data import load_data
from slidegen.data.tables import Selection, build_table
from slidegen.errors import SelectionError

SOURCE = ROOT / "tools" / "sources" / "ssb-09429-utdanning-telemark-2004-2025.csv"
LEVELS = ["grunnskole", "videregående", "fagskole", "universitet_kort", "universitet_lang",
          "uoppgitt"]
SHARES = [f"andel_{level}" for level in LEVELS]


def _tool():
    return load_tool("build_utdanning")


@pytest.fixture(scope="module")
def tool():
    return _tool()


@pytest.fixture(scope="module")
def data():
    return load_data(ROOT / "data")


@pytest.fixture(scope="module")
def source_rows():
    with SOURCE.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def one_decimal(value: float) -> float:
    """Rounded as SSB rounds its per cents: half up."""
    return float(Decimal(repr(value)).quantize(Decimal("0.1"), ROUND_HALF_UP))


def test_the_tool_makes_the_committed_dataset_from_the_source(tool):
    made = tool.rows_csv(ROOT / "data")
    assert made == (ROOT / "data" / "utdanning.csv").read_text("utf-8")
    lines = made.splitlines()
    assert len(lines) == 1 + 17 * 22 * 18  # 17 kommuner, 2004–2025, 6 levels × 3 (sexes)
    assert "4032,2025,videregående,490" in lines  # Fyresdal, as the source gives it
    assert "4032,2025,videregående_kvinner,227" in lines
    # the two counts the source leaves empty stay missing, not 0 or guessed from the others
    assert [line for line in lines if line.endswith(",")] == [
        "4010,2006,uoppgitt_menn,", "4030,2005,uoppgitt_kvinner,"]


def test_midt_telemark_before_2020_is_bo_plus_sauherad(source_rows, data):
    counts = defaultdict(float)
    for row in source_rows:
        if (row["Variabel"] == "Personer 16 år og over"
                and row["Kommune"] in ("Bø (Telemark) (-2019)", "Sauherad (-2019)")):
            counts[(int(row["År"]), row["Utdanningsnivå"], row["Kjønn"])] += float(row["Verdi"])
    stored = data.measures["grunnskole"].dataset.rows
    midt = stored[(stored["region"] == "4020") & (stored["start"] <= 2019)]
    assert len(midt) == 16 * 18 == len(counts)
    levels = {v: k for k, v in _tool().LEVELS.items()}
    sexes = {"": "Begge kjønn", "_kvinner": "Kvinner", "_menn": "Menn"}
    for row in midt.itertuples():
        level, sex = next((lv, s) for lv in LEVELS for s in sexes if row.variable == lv + s)
        assert row.value == counts[(row.start, levels[level], sexes[sex])], row
    assert counts[(2010, "Grunnskolenivå", "Begge kjønn")] == 1220 + 1123  # Bø + Sauherad


def _shares_table(data, year: str):
    kommuner = data.registry.members("fylke-telemark")
    table = build_table(data, Selection(SHARES, kommuner, None, year), ["kommune"],
                        ["measure"], None, None, "name")
    return {label: [c.value for c in cells] for label, cells in table.rows}


def test_the_six_shares_add_up_to_100_for_every_kommune_and_year(data):
    for year in range(2004, 2026):
        for kommune, shares in _shares_table(data, str(year)).items():
            assert all(s == s for s in shares), (kommune, year)  # no share is missing
            assert sum(shares) == pytest.approx(100, abs=1e-9)
            assert abs(sum(one_decimal(s) for s in shares) - 100) <= 0.3, (kommune, year)


def test_computed_shares_agree_with_ssbs_own_per_cents(source_rows, data):
    """SSB's per cent column is a check on the counts, never a source. Its denominator is
    everyone 16+ in 2025, the one year it gives a per cent for uoppgitt; before 2025 it leaves
    uoppgitt out of the denominator (and gives no per cent for it). With that rule, every one of
    SSB's 5 901 per cents equals the share computed from the counts, rounded half up."""
    counts: dict[tuple, dict[str, float | None]] = defaultdict(dict)
    per_cent: dict[tuple, dict[str, float | None]] = defaultdict(dict)
    for row in source_rows:
        key = (row["Kommune"], row["Kjønn"], row["År"])
        into = per_cent if row["Variabel"].endswith("(prosent)") else counts
        into[key][row["Utdanningsnivå"]] = float(row["Verdi"]) if row["Verdi"] else None
    checked = 0
    unknown = "Uoppgitt eller ingen fullført utdanning"
    for key, levels in counts.items():
        with_unknown = per_cent[key][unknown] is not None
        total = sum(v for level, v in levels.items()
                    if v is not None and (with_unknown or level != unknown))
        for level, count in levels.items():
            ssb = per_cent[key][level]
            if ssb is None or count is None:
                continue
            assert one_decimal(count / total * 100) == ssb, (key, level)
            checked += 1
    assert checked == 5901
    # and slidegen's measures give SSB's 2025 per cents, for all 17 kommuner, both sexes
    ssb_2025 = {(row["Kommune"], row["Utdanningsnivå"]): float(row["Verdi"])
                for row in source_rows if row["År"] == "2025" and row["Kjønn"] == "Begge kjønn"
                and row["Variabel"].endswith("(prosent)")}
    labels = [data.measures[m].label for m in SHARES]
    ours = _shares_table(data, "2025")
    assert len(ours) == 17
    for kommune, shares in ours.items():
        assert [one_decimal(s) for s in shares] == [ssb_2025[(kommune, label)]
                                                     for label in labels]


def test_a_share_for_several_kommuner_is_never_a_sum_of_shares(data):
    with pytest.raises(SelectionError, match="shares cannot be added up"):
        build_table(data, Selection(["andel_grunnskole"], "distriktskommuner-telemark", None,
                                    "2025"), ["kommune"], ["period"], "Sum", None, "name")
    # the counts add up over kommuner; a share of the nine together is the ratio of the sums
    table = build_table(data, Selection(["grunnskole", "voksne_16_plus"],
                                        "distriktskommuner-telemark", None, "2025"),
                        ["kommune"], ["measure"], "Sum", None, "name")
    grunnskole, voksne = (c.value for c in table.total[1])
    assert voksne == sum(row[1][1].value for row in table.rows)
    assert 0 < grunnskole / voksne < 1


def _source(tmp_path, rows: list[str]):
    file = tmp_path / "09429.csv"
    file.write_text("Kommune,Utdanningsnivå,Kjønn,Variabel,År,Verdi\n" + "\n".join(rows) + "\n",
                    "utf-8")
    return file


ROW = "{name},Grunnskolenivå,Begge kjønn,Personer 16 år og over,{year},100.0"


def test_a_year_under_two_periods_names_is_refused(tool, data, tmp_path):
    file = _source(tmp_path, [ROW.format(name="Tinn (-2019)", year=2019),
                              ROW.format(name="Tinn (2020-2023)", year=2019)])
    with pytest.raises(tool.SourceError, match="outside the years its name was used"):
        tool.counts(data.registry, file)


def test_a_merged_kommune_with_a_part_missing_is_refused(tool, data, tmp_path):
    file = _source(tmp_path, [ROW.format(name="Bø (Telemark) (-2019)", year=2010)])
    with pytest.raises(tool.SourceError, match=r"Midt-Telemark \(4020\) 2010 grunnskole: the "
                                               r"file has 0821 but not 0822"):
        tool.counts(data.registry, file)


def test_a_split_kommunes_number_is_refused(tool, data, tmp_path):
    file = _source(tmp_path, [ROW.format(name="Ålesund (2020-2023)", year=2022)])
    with pytest.raises(tool.SourceError, match="was split in 2024 into Ålesund"):
        tool.counts(data.registry, file)


def _education_slide(pptx):
    return next(s for s in Presentation(str(pptx)).slides
                if any(sh.has_text_frame and sh.text_frame.text.startswith("Utdanningsnivå")
                       for sh in s.shapes))


def test_kommunebesok_shows_tinns_education_as_a_chart(tmp_path):
    build_deck(DECKS / "kommunebesok.yaml", tmp_path / "tinn.pptx", kommune="Tinn")
    slide = _education_slide(tmp_path / "tinn.pptx")
    texts = [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]
    assert texts[:3] == ["Utdanningsnivå blant voksne i Tinn",
                         "Personer 16 år og over, andel etter høyeste fullførte utdanning, 2025",
                         "Kilde: SSB, tabell 09429"]
    alts = [e.get("descr") for e in slide._element.iter(qn("p:cNvPr"))
            if e.getparent().tag == qn("p:nvPicPr")]
    assert len(alts) == 1 and "i Tinn 2025" in alts[0]
    assert "Videregående skolenivå (45,9\u00a0%)" in alts[0]  # 2 207 of 4 810 (SSB: 45,9)


def test_kommunebesok_outside_telemark_says_the_figures_are_missing(tmp_path):
    result = build_deck(DECKS / "kommunebesok.yaml", tmp_path / "loppa.pptx", kommune="Loppa")
    slide = _education_slide(tmp_path / "loppa.pptx")
    texts = [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]
    assert ("Tall mangler\nDatagrunnlaget har ikke tall for grunnskolenivå, videregående "
            "skolenivå, fagskolenivå, universitets- og høgskolenivå, kort, universitets- og "
            "høgskolenivå, lang og uoppgitt eller ingen fullført utdanning for Loppa, 2025."
            in texts)
    assert "Kilde: SSB, tabell 09429" in texts
    assert not list(slide._element.iter(qn("p:pic")))  # no chart drawn of nothing
    assert any("every figure in the chart is missing («Tall mangler») for Loppa" in w
               for w in result.warnings)
