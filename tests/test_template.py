"""The shipped template: built by its script, 16:9, no slides, nb-NO, readable colours."""

from __future__ import annotations

import importlib.util
import shutil
import sys
import zipfile

import pytest
from lxml import etree
from pptx import Presentation

from conftest import ROOT
from slidegen import Session
from slidegen.check.colours import contrast
from slidegen.errors import TemplateError

TEMPLATE = ROOT / "assets" / "templates" / "distriktssenteret.pptx"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def load_builder():
    spec = importlib.util.spec_from_file_location("build_template",
                                                  ROOT / "tools" / "build_template.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_template"] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def test_committed_template_is_what_the_script_builds(tmp_path, monkeypatch):
    builder = load_builder()
    monkeypatch.setattr(builder, "OUT", tmp_path / "t.pptx")
    monkeypatch.setattr(builder, "STYLE_OUT", tmp_path / "s.mplstyle")
    builder.main()
    assert (tmp_path / "t.pptx").read_bytes() == TEMPLATE.read_bytes(), (
        "run: python tools/build_template.py")
    style = ROOT / "assets" / "charts" / "distriktssenteret.mplstyle"
    assert (tmp_path / "s.mplstyle").read_text("utf-8") == style.read_text("utf-8")


def test_template_is_16_9_with_no_slides():
    prs = Presentation(str(TEMPLATE))
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)
    assert len(prs.slides) == 0


def theme_colours() -> dict[str, str]:
    with zipfile.ZipFile(TEMPLATE) as zf:
        theme = etree.fromstring(zf.read("ppt/theme/theme1.xml"))
    scheme = theme.find(f".//{A}clrScheme")
    return {child.tag.removeprefix(A): child.find(f"{A}srgbClr").get("val") for child in scheme}


def test_every_text_colour_has_contrast_4_5_on_its_background():
    c = theme_colours()
    # (text, background) pairs the layouts use; see tools/build_template.py
    pairs = [("dk1", "lt1"), ("dk2", "lt1"), ("accent1", "lt1"), ("hlink", "lt1"),
             ("dk2", "lt2"), ("accent1", "lt2"), ("dk1", "lt2"),
             ("lt1", "dk2"), ("lt1", "accent1")]
    for text, background in pairs:
        ratio = contrast(c[text], c[background])
        assert ratio >= 4.5, f"{text} on {background}: {ratio:.2f}"


def test_font_is_calibri_with_open_twin_shipped():
    with zipfile.ZipFile(TEMPLATE) as zf:
        theme = etree.fromstring(zf.read("ppt/theme/theme1.xml"))
    assert {e.get("typeface") for e in theme.iter(f"{A}latin")} == {"Calibri"}
    assert (ROOT / "assets" / "fonts" / "Carlito-Regular.ttf").is_file()


def test_text_language_is_nb_no_everywhere_in_the_master():
    with zipfile.ZipFile(TEMPLATE) as zf:
        for name in zf.namelist():
            if name.endswith(".xml") and ("slideMaster" in name or "slideLayout" in name
                                          or name == "ppt/presentation.xml"):
                root = etree.fromstring(zf.read(name))
                langs = {e.get("lang") for tag in ("defRPr", "rPr") for e in root.iter(A + tag)}
                assert langs == {"nb-NO"}, name


def test_footer_has_wordmark_and_slide_number_on_every_layout():
    prs = Presentation(str(TEMPLATE))
    master_texts = [s.text_frame.text for s in prs.slide_master.shapes if s.has_text_frame]
    assert "Distriktssenteret" in master_texts
    for layout in prs.slide_layouts:
        types = [ph.placeholder_format.type for ph in layout.placeholders]
        assert any(t is not None and t.name == "SLIDE_NUMBER" for t in types), layout.name


def test_a_template_is_read_once_until_it_or_its_mapping_changes(tmp_path):
    """A batch loads the template for every deck; it is read and checked once, and read again
    when either file changes. A failed check is never remembered as passed."""
    for name in ("distriktssenteret.pptx", "distriktssenteret.yaml"):
        shutil.copy(ROOT / "assets" / "templates" / name, tmp_path / name)
    file = tmp_path / "distriktssenteret.pptx"
    session = Session()
    first = session.template(file)
    assert session.template(file) is first
    assert Session().template(file) is not first  # a fresh session has read nothing
    first.require({"bullets": {"title", "body"}})
    for _ in range(2):
        with pytest.raises(TemplateError, match="no placeholder mapped for role 'diagram'"):
            first.require({"bullets": {"title", "diagram"}})
    mapping = tmp_path / "distriktssenteret.yaml"
    mapping.write_text(mapping.read_text("utf-8") + "\n# endret\n", "utf-8")
    again = session.template(file)
    assert again is not first and again.mapping == first.mapping
