"""slidegen data import --sum: a dimension the dataset does not have, summed from its parts.
Every file here is made by hand for the test; figures that differ from the seed's are made up
and say so."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import snapshot
from slidegen.cli import main
from slidegen.errors import DataError
from slidegen.ssb import import_file
from slidegen.ssb.summing import sum_csv
from test_ssb_import_english import downloaded, english

# By sex, with SSB's total for Drangedal. Its 9999 is made up, and wrong on purpose: it must
# not be used (the parts sum to 4090, a made-up revision of the seed's 4086).
BY_SEX = (
    '"07459: Befolkning, etter region, kjønn, statistikkvariabel og år"\r\n\r\n'
    '"region";"kjønn";"statistikkvariabel";"år";"07459: Befolkning"\r\n'
    '"4016 Drangedal";"Begge kjønn";"Personer";"2024";9999\r\n'
    '"4016 Drangedal";"Menn";"Personer";"2024";2100\r\n'
    '"4016 Drangedal";"Kvinner";"Personer";"2024";1990\r\n'
    '"3818 Tinn (2020-2023)";"Menn";"Personer";"2023";2800\r\n'
    '"3818 Tinn (2020-2023)";"Kvinner";"Personer";"2023";2746\r\n'
    '"K-4030 Nissedal";"Menn";"Personer";"2024";750\r\n'
    '"K-4030 Nissedal";"Kvinner";"Personer";"2024";:\r\n')


@pytest.fixture
def project(seed_project):
    """These tests fetch or import into the seed-sized population (conftest.copy_data)."""
    return seed_project


@pytest.mark.parametrize(("text", "sex"), [(BY_SEX, "kjønn"), (english(BY_SEX), "sex")])
def test_sum_over_sex_adds_the_parts_never_ssbs_total(project, capsys, text, sex):
    downloaded(project / "kjonn.csv", text.encode("utf-8"))
    main(["data", "import", "kjonn.csv", "--sum", sex])
    out = capsys.readouterr().out.splitlines()
    total = "Both sexes" if sex == "sex" else "Begge kjønn"
    assert out[1] == f"summed over {sex}: 2 groups; SSB's total «{total}» left out (the parts " \
                     f"are summed)"
    assert "  changed: Drangedal (4016) befolkning 2024: 4086 → 4090" in out
    # 2800 + 2746 is the seed's 5546; Nissedal's women are suppressed, so the sum is too
    assert "  now missing: Nissedal (4030) befolkning 2024: 1471 → :" in out
    text = (project / "data" / "befolkning.csv").read_text()
    assert "4016,2024,befolkning,4090\n" in text and "4030,2024,befolkning,:\n" in text
    assert "  summed:\n  - " + sex in (project / "data" / "befolkning.yaml").read_text()


def test_without_sum_a_split_download_is_refused_with_the_way_out(project):
    before = snapshot(project / "data")
    downloaded(project / "kjonn.csv", english(BY_SEX).encode("utf-8"))
    with pytest.raises(DataError) as caught:
        import_file(project / "kjonn.csv", project / "data")
    assert caught.value.messages() == [
        "kjonn.csv:1: the figures are split by 'sex' (Both sexes, Females, Males …), which "
        "befolkning does not have; download the table without it, or sum it out: --sum sex"]
    assert snapshot(project / "data") == before


def _by_age(values: list, status: dict | None = None, label: str = "alder",
            ages: dict | None = None) -> dict:
    """A 07459 answer by age for Drangedal and Tinn, 2024: values in Region × Alder order."""
    ages = ages or {"000": "0 år", "001-104": "1-104 år", "105+": "105 år eller eldre",
                    "999": "Alle aldre"}
    cube = {
        "version": "2.0", "class": "dataset", "label": "07459: Befolkning, etter region, "
        "alder, statistikkvariabel og år", "extension": {"px": {"tableid": "07459"}},
        "id": ["Region", "Alder", "ContentsCode", "Tid"], "size": [2, len(ages), 1, 1],
        "dimension": {
            "Region": {"label": "region", "category": {
                "index": {"K-4016": 0, "K-4026": 1},
                "label": {"K-4016": "Drangedal", "K-4026": "Tinn"}}},
            "Alder": {"label": label, "category": {
                "index": {c: i for i, c in enumerate(ages)}, "label": ages}},
            "ContentsCode": {"label": "statistikkvariabel", "category": {
                "index": {"Personer1": 0}, "label": {"Personer1": "Personer"}}},
            "Tid": {"label": "år", "category": {"index": {"2024": 0},
                                                "label": {"2024": "2024"}}}},
        "value": values}
    if status:
        cube["status"] = status
    return cube


def test_sum_over_age_in_jsonstat_and_a_missing_part_makes_the_sum_missing(project, capsys):
    # made up: Drangedal's parts sum to 4086 (the seed's figure), its total 1 is wrong on
    # purpose; one of Tinn's parts is not available
    cube = _by_age([30, 4050, 6, 1, 40, None, 2, 5600], {"5": ".."})
    downloaded(project / "alder.json", json.dumps(cube).encode())
    main(["data", "import", "alder.json", "--sum", "age", "--dry-run"])
    out = capsys.readouterr().out.splitlines()
    assert out[1] == "summed over alder: 3 groups; SSB's total «Alle aldre» left out (the " \
                     "parts are summed)"
    assert out[2] == ("befolkning ← alder.json (JSON-stat, table 07459): 0 new, 1 changed, "
                      "1 unchanged")
    assert "  now missing: Tinn (4026) befolkning 2024: 5533 → .." in out
    assert out[-1] == "dry run: nothing written"


def test_english_jsonstat_labels_and_several_sums(project):
    cube = _by_age([1, 2, 3, 4], label="age", ages={"000": "0 years", "105+": "105 years"})
    cube["id"].insert(1, "Kjonn")
    cube["size"].insert(1, 2)
    cube["dimension"]["Kjonn"] = {"label": "sex", "category": {
        "index": {"1": 0, "2": 1}, "label": {"1": "Males", "2": "Females"}}}
    cube["value"] = [2000, 40, 2040, 6, 2700, 60, 2770, 3]  # made up: 4086 and 5533, the seed's
    downloaded(project / "both.json", json.dumps(cube).encode())
    report = import_file(project / "both.json", project / "data", dry_run=True,
                         sums=("sex", "alder"))
    lines = report.lines()
    assert lines[1:3] == ["summed over sex: 2 groups", "summed over age: 2 groups"]
    assert lines[3] == ("befolkning ← both.json (JSON-stat, table 07459): 0 new, 0 changed, "
                        "2 unchanged")


def test_sum_over_sex_in_a_wide_csv(project):
    wide = ('"region";"kjønn";"Personer 2023";"Personer 2024"\n'
            '"4016 Drangedal";"Menn";2101;2100\n'          # made up: sums to 4091 and 4090
            '"4016 Drangedal";"Kvinner";1990;1990\n'
            '"4022 Seljord";"Menn";..;1500\n'
            '"4022 Seljord";"Kvinner";1480;1503\n')
    downloaded(project / "wide.csv", wide.encode("utf-8"))
    report = import_file(project / "wide.csv", project / "data", dataset="befolkning",
                         dry_run=True, sums=("kjønn",))
    lines = report.lines()
    assert lines[1] == "summed over kjønn: 2 groups"
    assert "  changed: 4016 (4016) befolkning 2024: 4086 → 4090" in lines
    assert "  changed: 4022 (4022) befolkning 2024: 2979 → 3003" in lines
    assert "  now missing: 4022 (4022) befolkning 2023: 2939 → .." in lines


SHARE = """title: Andel (bare for testen)
source: SSB, tabell 99999
licence: CC BY 4.0
retrieved: null
variables:
  andel:
    label: Andel
    unit: prosent
    kind: share
query:
  table: "99999"
  variables:
    andel: {ContentsCode: Andel}
  labels: {Andel: andel}
"""


@pytest.mark.parametrize(("name", "content", "sums", "message"), [
    ("kjonn.csv", BY_SEX, ("alder",),
     "kjonn.csv:1: --sum alder: the file has no such column; it has region, kjønn, "
     "statistikkvariabel, år"),
    ("kjonn.csv", BY_SEX, ("år",),
     "kjonn.csv:1: --sum år: 'år' is the region, the year or the variable; it cannot be "
     "summed out"),
    ("kjonn.csv", BY_SEX.replace('"K-4030 Nissedal";"Kvinner";"Personer";"2024";:\r\n', ""),
     ("kjønn",),
     "kjonn.csv:9: K-4030 Nissedal Personer 2024 has 1 of the 2 kjønn groups; a sum without "
     "the others would be too small"),
    ("kjonn.csv", BY_SEX.replace("Menn", "Begge kjønn").replace("Kvinner", "I alt"),
     ("kjønn",),
     "kjonn.csv: --sum kjønn: the file has only SSB's total (Begge kjønn, I alt), no parts to "
     "sum; import it without --sum kjønn"),
    ("alder.json", json.dumps(_by_age(list(range(8)))), ("Kjonn",),
     "alder.json: --sum Kjonn: the file has no such dimension; it has Region (region), Alder "
     "(alder), ContentsCode (statistikkvariabel), Tid (år)"),
    ("alder.json", json.dumps(_by_age(list(range(8)))), ("region",),
     "alder.json: --sum region: Region is one the dataset's query uses (region, year, "
     "variables or its own columns); it cannot be summed out"),
    ("alder.json", json.dumps(_by_age(list(range(8)))), (),
     "alder.json: the figures are split by 'alder' (Alder: 0 år, 1-104 år, 105 år eller eldre "
     "…), which befolkning does not have; download the table without it, or sum it out: "
     "--sum alder"),
    ("alder.json", json.dumps(_by_age(list(range(6)), ages={"000": "0 år", "000-004": "0-4 år",
                                                            "005+": "5 år eller eldre"})),
     ("alder",),
     "alder.json: --sum alder: the groups «0 år» and «0-4 år» overlap, so their sum would "
     "count people twice; download single years or groups that do not overlap"),
    ("andel.csv", '"region";"kjønn";"statistikkvariabel";"2024"\n"4016 Drangedal";"Menn";'
     '"Andel";12.5\n"4016 Drangedal";"Kvinner";"Andel";13.1\n', ("kjønn",),
     "andel.csv: --sum kjønn: andel's 'andel' is a share (prosent); a share cannot be summed, "
     "only stocks and flows — download the table without kjønn"),
])
def test_refused_sums_say_why_and_leave_data_alone(project, name, content, sums, message):
    (project / "data" / "andel.yaml").write_text(SHARE)
    before = snapshot(project / "data")
    downloaded(project / name, content.encode("utf-8"))
    dataset = "andel" if name == "andel.csv" else None
    with pytest.raises(DataError) as caught:
        import_file(project / name, project / "data", dataset=dataset, sums=sums)
    assert caught.value.messages() == [message]
    assert snapshot(project / "data") == before


SYMBOLS = st.sampled_from([".", "..", ":"])
PART = st.one_of(st.integers(0, 10_000), SYMBOLS)
REGIONS = st.integers(1, 6).flatmap(lambda n: st.lists(st.lists(PART, min_size=n, max_size=n),
                                                       min_size=1, max_size=4))


@settings(max_examples=60, deadline=None)
@given(REGIONS)
def test_a_sum_is_the_parts_added_or_missing_when_one_is(regions):
    """Property: per region, the figure is the sum of its parts when every part is a figure,
    and a symbol (the parts' own when they agree) when any is missing — never a smaller sum."""
    header = ["region", "alder", "år", "Personer"]
    records, line = [], 2
    for r, parts in enumerate(regions):
        for a, part in enumerate(parts):
            records.append((line, [f"40{r:02d}", f"{a} år", "2024", str(part)]))
            line += 1
    _, summed, _ = sum_csv(header, records, 3, "age", {"region", "år"}, "p.csv")
    for (_, fields), parts in zip(summed, regions, strict=True):
        missing = [p for p in parts if isinstance(p, str)]
        expected = (str(sum(parts)) if not missing else
                    missing[0] if len(set(missing)) == 1 else "..")
        assert fields[1:] == ["2024", expected]
