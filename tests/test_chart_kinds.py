"""Chart kinds register themselves: a module in charts/kinds/ is all a new kind takes, and the
package stays cheap to import for the chart workers."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from conftest import ROOT, slidegen_with
from helpers import heavy_modules_after_importing

AREA = '''
"""Filled area under a line: a kind that exists only in this test."""

from ..findings import extremes as findings
from .line import check, draw

ALT_NAME = "Arealdiagram"
NATIVE = "AREA"

__all__ = ["ALT_NAME", "NATIVE", "check", "draw", "findings"]
'''

DECK = f"""
title: Areal
data: {ROOT / 'data'}
slides:
  - kind: chart
    title: Innflytting
    chart: area
    data: {{kommuner: Tinn, measures: innflytting, periods: siste 10 år}}
  - kind: chart
    title: Innflytting, redigerbar
    chart: area
    render: native
    data: {{kommuner: Tinn, measures: innflytting, periods: siste 10 år}}
"""

PROBE = """
import sys
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from slidegen import build_deck
from slidegen.errors import SpecError
from slidegen.spec.loader import load_deck

deck, out = sys.argv[1], sys.argv[2]
build_deck(deck, out)
first, second = Presentation(out).slides
[picture] = [s for s in first.shapes if s._element.xpath(".//p:blipFill")]
[native] = [s for s in second.shapes if s.has_chart]
print(picture._element.xpath(".//p:cNvPr")[0].get("descr").split(":")[0])
print(native.chart.chart_type == XL_CHART_TYPE.AREA)
open(deck, "a", encoding="utf-8").write("  - {kind: chart, title: X, chart: arae, "
                                         "data: {measures: innflytting}}\\n")
try:
    load_deck(deck)
except SpecError as exc:
    print(exc.messages()[0].split(": ", 2)[2])
"""


def test_a_new_chart_kind_is_one_file(tmp_path):
    """A copy of slidegen with one module added to charts/kinds/: the spec accepts the kind
    (and suggests it), the alt text names it, and render: native uses its chart type."""
    env = slidegen_with(tmp_path, {"charts/kinds/area.py": AREA})
    deck = tmp_path / "d.yaml"
    deck.write_text(textwrap.dedent(DECK), "utf-8")
    done = subprocess.run([sys.executable, "-c", PROBE, str(deck), str(tmp_path / "o.pptx")],
                          env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "Arealdiagram", "True", "unknown value 'arae' — did you mean 'area'?"]


def test_importing_the_charts_leaves_out_pandas_pptx_and_matplotlib():
    assert heavy_modules_after_importing("slidegen.charts") == []
