"""The example deck opens in LibreOffice: one PDF page per slide, with its text.

Needs libreoffice-impress and poppler-utils (installed by .ci/run). Skipped elsewhere, but never
in CI, where a missing LibreOffice must fail rather than hide.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

HAVE = shutil.which("soffice") and shutil.which("pdftotext") and shutil.which("pdfinfo")
if not HAVE and os.environ.get("CI"):
    raise RuntimeError("CI must install libreoffice-impress and poppler-utils (see .ci/run)")
pytestmark = pytest.mark.skipif(not HAVE, reason="apt-get install libreoffice-impress "
                                                 "poppler-utils fonts-crosextra-carlito")


@pytest.fixture(scope="module")
def example_pdf(example_pptx, tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf")
    profile = tmp_path_factory.mktemp("lo-profile")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), str(example_pptx)],
                   check=True, capture_output=True, timeout=300)
    return out / (example_pptx.stem + ".pdf")


def test_one_page_per_slide(example_pdf, example):
    info = subprocess.run(["pdfinfo", str(example_pdf)], capture_output=True, text=True,
                          check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines()
                     if line.startswith("Pages:")))
    assert pages == len(example.slides) == 60


def test_text_survives_the_round_trip(example_pdf):
    text = subprocess.run(["pdftotext", "-layout", str(example_pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    for expected in ("Hva er Distriktssenteret?", "Bli-faktorer", "Takk for oppmerksomheten",
                     "«Edgar gir meg støtte", "Foto: Sebastian Bang/Trønder-Avisa",
                     "Distriktssenteret"):
        assert expected in text
