"""Build assets/templates/distriktssenteret.pptx: the Distriktssenteret master, theme and layouts.

python-pptx cannot create layouts or masters, so the template is written here as plain OOXML and
kept in the repo so it can be rebuilt and reviewed. Run:

    python tools/build_template.py

The output has no slides, a fixed zip timestamp and fixed core properties, so rebuilding it
without changes gives the same bytes. The mapping file beside it
(assets/templates/distriktssenteret.yaml) must name the same layouts and placeholder idx.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "assets" / "templates" / "distriktssenteret.pptx"
STYLE_OUT = ROOT / "assets" / "charts" / "distriktssenteret.mplstyle"
SERIES = ["accent2", "accent3", "accent1", "accent4", "accent5", "accent6"]  # chart order
MUTED = "7A8488"  # bars that are not highlighted: grey, still 3.8:1 on white

EMU_PER_INCH = 914400
SLIDE_W, SLIDE_H = 12192000, 6858000  # 16:9, 13.333 in x 7.5 in
LANG = "nb-NO"
FONT = "Calibri"  # Carlito is its open metric-compatible twin: LibreOffice lays out text the same

# A calm public-sector palette. Every text colour used on a background below has contrast >= 4.5:1
# (tests/test_template.py recomputes it).
COLOURS = {
    "dk1": "1A1A1A",  # body text
    "lt1": "FFFFFF",
    "dk2": "14405A",  # petrol blue: titles, dark backgrounds
    "lt2": "EEF2F1",  # light grey-green: question background
    "accent1": "1E6B52",  # forest green: section background, kickers
    # accents 2–6 and 1 are the chart series colours: an Okabe–Ito-like order that stays apart
    # for colour-blind readers, each darkened to >= 3:1 against white
    "accent2": "0072B2",  # blue
    "accent3": "D55E00",  # vermillion
    "accent4": "A8518A",  # reddish purple
    "accent5": "8A6D00",  # dark yellow
    "accent6": "56646B",  # slate
    "hlink": "1F5FA8",
    "folHlink": "6B4E9B",
}


def emu(inches: float) -> int:
    return round(inches * EMU_PER_INCH)


@dataclass
class Ph:
    """A placeholder on a layout: OOXML type (None = body), idx, name, box (inches), text style."""

    name: str
    type: str | None
    idx: int
    box: tuple[float, float, float, float]
    size: int | None = None  # font size in pt; None inherits from the master
    bold: bool | None = None
    italic: bool = False
    colour: str | None = None  # scheme colour name
    align: str | None = None  # l, ctr, r
    anchor: str | None = None  # t, ctr, b
    bullets: bool = False
    prompt: str = ""


@dataclass
class Layout:
    name: str
    placeholders: list[Ph]
    background: str | None = None  # scheme colour name; None = master's white
    dark: bool = False  # white wordmark and slide number instead of the master's
    extra_xml: list[str] = field(default_factory=list)


# Placeholder idx are the same on every layout for the same role, so the mapping file stays short.
TITLE, BODY, KICKER, PICTURE, CREDIT, FOOTNOTE, ATTRIBUTION, CAPTION, CONTENT, SUBTITLE = (
    0, 1, 20, 21, 22, 23, 24, 25, 26, 27)
SLDNUM = 12

L, W = 0.6, 12.13  # left margin and content width in inches
FOOT = (L, 6.28, 8.6, 0.5)  # source, link: above the footer band


def footnote() -> Ph:
    return Ph("Kilde", None, FOOTNOTE, FOOT, size=14, colour="dk2", anchor="b", prompt="Kilde: …")


def title_ph(box=(L, 0.45, W, 1.15), size=32, **kw) -> Ph:
    return Ph("Tittel", "title", TITLE, box, size=size, **kw)


def kicker(box=(L, 0.45, W, 0.5), colour="accent1") -> Ph:
    return Ph("Overskrift", None, KICKER, box, size=18, bold=True, colour=colour,
              prompt="Overskrift")


LAYOUTS = [
    Layout("Tittel", [
        Ph("Tittel", "ctrTitle", TITLE, (1.0, 2.2, 11.33, 1.9), size=48, bold=True, colour="lt1",
           anchor="b"),
        Ph("Undertittel", "subTitle", BODY, (1.0, 4.3, 11.33, 1.2), size=24, colour="lt1",
           anchor="t"),
    ], background="dk2", dark=True),
    Layout("Seksjon", [
        Ph("Tittel", "title", TITLE, (1.0, 2.4, 11.33, 1.7), size=44, bold=True, colour="lt1",
           anchor="b"),
        Ph("Undertittel", None, BODY, (1.0, 4.25, 11.33, 1.4), size=24, colour="lt1", anchor="t",
           prompt="Undertittel"),
        Ph("Kilde", None, FOOTNOTE, FOOT, size=14, colour="lt1", anchor="b", prompt="Kilde: …"),
    ], background="accent1", dark=True),
    Layout("Utsagn", [
        kicker(box=(1.0, 1.0, 11.33, 0.5)),
        Ph("Utsagn", "title", TITLE, (1.0, 1.6, 11.33, 4.3), size=36, bold=False, colour="dk2",
           anchor="ctr"),
        footnote(),
    ]),
    Layout("Spørsmål", [
        kicker(box=(1.0, 1.0, 11.33, 0.5)),
        Ph("Spørsmål", "title", TITLE, (1.0, 1.6, 11.33, 4.3), size=40, bold=True, colour="dk2",
           anchor="ctr"),
        footnote(),
    ], background="lt2"),
    Layout("Punktliste", [
        kicker(),
        title_ph(box=(L, 0.9, W, 1.1)),
        Ph("Punkter", None, BODY, (L, 2.1, W, 4.1), bullets=True, prompt="Punkter"),
        footnote(),
    ]),
    Layout("Punktliste med foto", [
        kicker(box=(L, 0.45, 7.2, 0.5)),
        title_ph(box=(L, 0.9, 7.2, 1.1)),
        Ph("Punkter", None, BODY, (L, 2.1, 7.2, 4.1), bullets=True, prompt="Punkter"),
        Ph("Foto", "pic", PICTURE, (8.2, 0.45, 4.53, 5.75), prompt="Foto"),
        Ph("Fotokreditt", None, CREDIT, (8.2, 6.22, 4.53, 0.4), size=14, colour="dk2",
           align="r", prompt="Foto: …"),
        Ph("Kilde", None, FOOTNOTE, (L, 6.28, 7.2, 0.5), size=14, colour="dk2", anchor="b"),
    ]),
    Layout("Sitat", [
        title_ph(size=28),
        Ph("Sitat", None, BODY, (1.2, 1.8, 11.0, 3.3), size=30, italic=True, colour="dk2",
           anchor="ctr", prompt="Sitat"),
        Ph("Hvem", None, ATTRIBUTION, (1.2, 5.2, 11.0, 0.9), size=20, colour="dk1",
           prompt="– Navn, rolle"),
        footnote(),
    ]),
    Layout("Sitat med foto", [
        title_ph(box=(L, 0.45, 7.2, 1.15), size=28),
        Ph("Sitat", None, BODY, (1.0, 1.8, 6.8, 3.3), size=28, italic=True, colour="dk2",
           anchor="ctr", prompt="Sitat"),
        Ph("Hvem", None, ATTRIBUTION, (1.0, 5.2, 6.8, 0.9), size=20, colour="dk1",
           prompt="– Navn, rolle"),
        Ph("Foto", "pic", PICTURE, (8.2, 0.45, 4.53, 5.75), prompt="Foto"),
        Ph("Fotokreditt", None, CREDIT, (8.2, 6.22, 4.53, 0.4), size=14, colour="dk2",
           align="r", prompt="Foto: …"),
        Ph("Kilde", None, FOOTNOTE, (L, 6.28, 7.2, 0.5), size=14, colour="dk2", anchor="b"),
    ]),
    Layout("Bilde", [
        title_ph(box=(L, 0.35, W, 0.9), size=28),
        Ph("Bilde", "pic", PICTURE, (L, 1.3, W, 4.55), prompt="Bilde"),
        Ph("Bildetekst", None, CAPTION, (L, 5.92, 8.6, 0.45), size=18, colour="dk1",
           prompt="Bildetekst"),
        Ph("Fotokreditt", None, CREDIT, (9.3, 5.92, 3.43, 0.4), size=14, colour="dk2",
           align="r", prompt="Foto: …"),
        Ph("Kilde", None, FOOTNOTE, (L, 6.4, 8.6, 0.4), size=14, colour="dk2", anchor="b"),
    ]),
    Layout("Avslutning", [
        Ph("Tittel", "title", TITLE, (1.0, 1.6, 11.33, 1.6), size=44, bold=True, colour="lt1",
           anchor="b"),
        Ph("Kontakt", None, BODY, (1.0, 3.5, 11.33, 2.4), size=24, colour="lt1", anchor="t",
           prompt="Navn, stilling, e-post"),
    ], background="dk2", dark=True),
    Layout("Tabell", [
        kicker(),
        title_ph(box=(L, 0.9, W, 1.0)),
        Ph("Tabell", "tbl", CONTENT, (L, 2.0, W, 4.2), prompt="Tabell"),
        footnote(),
    ]),
    Layout("Diagram", [
        kicker(),
        title_ph(box=(L, 0.9, W, 0.95)),
        Ph("Undertittel", None, SUBTITLE, (L, 1.88, W, 0.45), size=18, colour="dk1",
           prompt="Undertittel"),
        Ph("Diagram", "pic", CONTENT, (L, 2.35, W, 3.85), prompt="Diagram"),
        Ph("Tekst", None, BODY, (L, 2.0, W, 4.2), size=24, prompt="Tekst"),
        footnote(),
    ]),
    Layout("Nøkkeltall", [
        kicker(),
        title_ph(box=(L, 0.9, W, 1.0)),
        Ph("Tall", None, BODY, (L, 2.0, W, 4.2), size=28, align="ctr", anchor="ctr",
           prompt="Nøkkeltall"),
        footnote(),
    ]),
]


# --- XML writers ------------------------------------------------------------------------------

NS = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')
XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def xfrm(box) -> str:
    x, y, w, h = (emu(v) for v in box)
    return f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'


def rpr(size=None, bold=None, italic=False, colour=None, tag="a:defRPr") -> str:
    attrs = f' lang="{LANG}"'
    if size:
        attrs += f' sz="{size * 100}"'
    if bold is not None:
        attrs += f' b="{int(bold)}"'
    if italic:
        attrs += ' i="1"'
    fill = f'<a:solidFill><a:schemeClr val="{colour}"/></a:solidFill>' if colour else ""
    return f"<{tag}{attrs}>{fill}</{tag}>" if fill else f"<{tag}{attrs}/>"


def placeholder_sp(sp_id: int, ph: Ph) -> str:
    ph_attrs = f' type="{ph.type or "body"}"' + (f' idx="{ph.idx}"' if ph.idx else "")
    body_attrs = f' anchor="{ph.anchor}"' if ph.anchor else ""
    lvl = ""
    if any(v is not None for v in (ph.size, ph.bold, ph.colour, ph.align)) or ph.italic:
        algn = f' algn="{ph.align}"' if ph.align else ""
        bullet = "" if ph.bullets else '<a:buNone/>'
        indent = "" if ph.bullets else ' marL="0" indent="0"'
        lvl = (f"<a:lvl1pPr{indent}{algn}>{bullet}"
               f"{rpr(ph.size, ph.bold, ph.italic, ph.colour)}</a:lvl1pPr>")
    elif not ph.bullets and ph.type != "pic":
        lvl = '<a:lvl1pPr marL="0" indent="0"><a:buNone/></a:lvl1pPr>'
    prompt = f"<a:r>{rpr(tag='a:rPr')}<a:t>{escape(ph.prompt or ph.name)}</a:t></a:r>"
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{sp_id}" name="{escape(ph.name)} {sp_id}"/>'
        f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph{ph_attrs}/></p:nvPr>'
        f"</p:nvSpPr><p:spPr>{xfrm(ph.box)}</p:spPr>"
        f'<p:txBody><a:bodyPr{body_attrs}><a:normAutofit/></a:bodyPr><a:lstStyle>{lvl}</a:lstStyle>'
        f"<a:p>{prompt}</a:p></p:txBody></p:sp>"
    )


def slide_number_sp(sp_id: int, idx: int, colour: str) -> str:
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{sp_id}" name="Lysbildenummer {sp_id}"/>'
        f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldNum" sz="quarter"'
        f' idx="{idx}"/></p:nvPr></p:nvSpPr><p:spPr>{xfrm((11.3, 6.95, 1.43, 0.4))}</p:spPr>'
        f'<p:txBody><a:bodyPr anchor="ctr"/><a:lstStyle><a:lvl1pPr algn="r">'
        f"{rpr(14, None, False, colour)}</a:lvl1pPr></a:lstStyle><a:p>"
        f'<a:fld id="{{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}}" type="slidenum">'
        f"{rpr(tag='a:rPr')}<a:t>‹#›</a:t></a:fld></a:p></p:txBody></p:sp>"
    )


def wordmark_sp(sp_id: int, colour: str) -> str:
    """The text wordmark in the footer: no official logo is available to us."""
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{sp_id}" name="Ordmerke Distriktssenteret"/><p:cNvSpPr/>'
        f'<p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr>{xfrm((L, 6.95, 5.0, 0.4))}'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
        f'<p:txBody><a:bodyPr lIns="0" anchor="ctr"/><a:lstStyle/><a:p>'
        f'<a:r>{rpr(16, True, False, colour, tag="a:rPr")}<a:t>Distriktssenteret</a:t></a:r>'
        f"</a:p></p:txBody></p:sp>"
    )


def accent_bar_sp(sp_id: int, colour: str) -> str:
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{sp_id}" name="Dekorlinje" descr=""/><p:cNvSpPr/>'
        f'<p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr>{xfrm((0, 6.85, 13.333, 0.04))}'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f'<a:solidFill><a:schemeClr val="{colour}"/></a:solidFill><a:ln><a:noFill/></a:ln>'
        f"</p:spPr></p:sp>"
    )


GROUP = ('<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
         '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/>'
         '<a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>')


def background(colour: str) -> str:
    return (f'<p:bg><p:bgPr><a:solidFill><a:schemeClr val="{colour}"/></a:solidFill>'
            f"<a:effectLst/></p:bgPr></p:bg>")


CLR_MAP = ('bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" '
           'accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" '
           'hlink="hlink" folHlink="folHlink"')
DARK_CLR_MAP = CLR_MAP.replace('hlink="hlink" folHlink="folHlink"', 'hlink="lt1" folHlink="lt2"')


def layout_xml(layout: Layout) -> str:
    shapes = [placeholder_sp(i + 2, ph) for i, ph in enumerate(layout.placeholders)]
    n = len(shapes) + 2
    if layout.dark:
        # The master's wordmark is petrol on white; dark layouts draw their own in white.
        shapes.append(wordmark_sp(n, "lt1"))
        shapes.append(slide_number_sp(n + 1, SLDNUM, "lt1"))
    else:
        shapes.append(slide_number_sp(n + 1, SLDNUM, "dk2"))
    bg = background(layout.background) if layout.background else ""
    show = ' showMasterSp="0"' if layout.dark else ""
    # On dark backgrounds the theme's hyperlink blue is unreadable: map hyperlinks to white there.
    colour_map = (f"<a:overrideClrMapping {DARK_CLR_MAP}/>" if layout.dark
                  else "<a:masterClrMapping/>")
    return (f'{XML}<p:sldLayout {NS} preserve="1"{show}><p:cSld name="{escape(layout.name)}">{bg}'
            f'<p:spTree>{GROUP}{"".join(shapes)}</p:spTree></p:cSld>'
            f'<p:clrMapOvr>{colour_map}</p:clrMapOvr></p:sldLayout>')


BULLET_COLOUR = '<a:buClr><a:schemeClr val="accent1"/></a:buClr>'


def level_styles(sizes: list[int], colour: str, bullets: bool, space_before: int) -> str:
    out = []
    for i, size in enumerate(sizes, start=1):
        mar = 342900 * i if bullets else 0
        ind = -342900 if bullets else 0
        bu = ('<a:buFont typeface="Arial"/><a:buChar char="•"/>' if i % 2 else
              '<a:buFont typeface="Arial"/><a:buChar char="–"/>') if bullets else "<a:buNone/>"
        out.append(
            f'<a:lvl{i}pPr marL="{mar}" indent="{ind}" algn="l" defTabSz="914400" rtl="0" '
            f'eaLnBrk="1" latinLnBrk="0" hangingPunct="1">'
            f'<a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
            f'<a:spcBef><a:spcPts val="{space_before}"/></a:spcBef>'
            f'{BULLET_COLOUR if bullets else ""}{bu}'
            f'<a:defRPr lang="{LANG}" sz="{size * 100}" kern="1200"><a:solidFill><a:schemeClr '
            f'val="{colour}"/></a:solidFill><a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/>'
            f'<a:cs typeface="+mn-cs"/></a:defRPr></a:lvl{i}pPr>')
    return "".join(out)


def master_xml() -> str:
    master_phs = [
        Ph("Tittel", "title", 0, (L, 0.45, W, 1.15)),
        Ph("Brødtekst", "body", 1, (L, 1.75, W, 4.4), bullets=True),
    ]
    shapes = []
    for i, ph in enumerate(master_phs):
        ph_attrs = f' type="{ph.type}"' + (f' idx="{ph.idx}"' if ph.idx else "")
        anchor = ' anchor="ctr"' if ph.type == "title" else ""
        shapes.append(
            f'<p:sp><p:nvSpPr><p:cNvPr id="{i + 2}" name="{ph.name}"/><p:cNvSpPr><a:spLocks '
            f'noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph{ph_attrs}/></p:nvPr></p:nvSpPr><p:spPr>'
            f'{xfrm(ph.box)}</p:spPr><p:txBody><a:bodyPr vert="horz" lIns="91440" tIns="45720" '
            f'rIns="91440" bIns="45720" rtlCol="0"{anchor}><a:normAutofit/></a:bodyPr><a:lstStyle/>'
            f'<a:p><a:r>{rpr(tag="a:rPr")}<a:t>{ph.name}</a:t></a:r></a:p></p:txBody></p:sp>')
    shapes.append(wordmark_sp(10, "dk2"))
    shapes.append(accent_bar_sp(11, "accent1"))
    shapes.append(slide_number_sp(12, 4, "dk2"))
    layout_ids = "".join(f'<p:sldLayoutId id="{2147483649 + i}" r:id="rId{i + 1}"/>'
                         for i in range(len(LAYOUTS)))
    title_style = (
        f'<a:lvl1pPr algn="l" defTabSz="914400" rtl="0" eaLnBrk="1" latinLnBrk="0" '
        f'hangingPunct="1"><a:lnSpc><a:spcPct val="90000"/></a:lnSpc><a:spcBef><a:spcPct '
        f'val="0"/></a:spcBef><a:buNone/><a:defRPr lang="{LANG}" sz="3200" b="1" kern="1200">'
        f'<a:solidFill><a:schemeClr val="dk2"/></a:solidFill><a:latin typeface="+mj-lt"/>'
        f'<a:ea typeface="+mj-ea"/><a:cs typeface="+mj-cs"/></a:defRPr></a:lvl1pPr>')
    return (
        f'{XML}<p:sldMaster {NS}><p:cSld>{background("bg1")}<p:spTree>{GROUP}{"".join(shapes)}'
        f'</p:spTree></p:cSld><p:clrMap {CLR_MAP}/>'
        f"<p:sldLayoutIdLst>{layout_ids}</p:sldLayoutIdLst>"
        f"<p:txStyles><p:titleStyle>{title_style}</p:titleStyle>"
        f'<p:bodyStyle>{level_styles([24, 22, 20, 18, 18], "tx1", True, 900)}</p:bodyStyle>'
        f'<p:otherStyle>{level_styles([18, 18, 18, 18, 18], "tx1", False, 0)}</p:otherStyle>'
        f"</p:txStyles></p:sldMaster>")


def theme_xml() -> str:
    def clr(name):
        return f'<a:{name}><a:srgbClr val="{COLOURS[name]}"/></a:{name}>'

    scheme = "".join(clr(n) for n in ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3",
                                      "accent4", "accent5", "accent6", "hlink", "folHlink"))
    fonts = f'<a:latin typeface="{FONT}"/><a:ea typeface=""/><a:cs typeface=""/>'
    solid = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    line = ('<a:ln w="{w}" cap="flat" cmpd="sng" algn="ctr"><a:solidFill><a:schemeClr val="phClr"/>'
            '</a:solidFill><a:prstDash val="solid"/><a:miter lim="800000"/></a:ln>')
    return (
        f'{XML}<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        f'name="Distriktssenteret"><a:themeElements><a:clrScheme name="Distriktssenteret">{scheme}'
        f'</a:clrScheme><a:fontScheme name="Distriktssenteret"><a:majorFont>{fonts}</a:majorFont>'
        f"<a:minorFont>{fonts}</a:minorFont></a:fontScheme>"
        f'<a:fmtScheme name="Distriktssenteret"><a:fillStyleLst>{solid}{solid}{solid}'
        f"</a:fillStyleLst><a:lnStyleLst>{line.format(w=6350)}{line.format(w=12700)}"
        f"{line.format(w=19050)}</a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/>"
        f"</a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle>"
        f"<a:effectLst/></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst>{solid}{solid}{solid}"
        f"</a:bgFillStyleLst></a:fmtScheme></a:themeElements><a:objectDefaults/>"
        f"<a:extraClrSchemeLst/></a:theme>")


def presentation_xml() -> str:
    default_style = "".join(
        f'<a:lvl{i}pPr marL="{(i - 1) * 457200}" algn="l" defTabSz="914400" rtl="0" eaLnBrk="1" '
        f'latinLnBrk="0" hangingPunct="1"><a:defRPr lang="{LANG}" sz="1800" kern="1200">'
        f'<a:solidFill><a:schemeClr val="tx1"/></a:solidFill><a:latin typeface="+mn-lt"/>'
        f'<a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/></a:defRPr></a:lvl{i}pPr>'
        for i in range(1, 10))
    return (
        f'{XML}<p:presentation {NS} saveSubsetFonts="1"><p:sldMasterIdLst><p:sldMasterId '
        f'id="2147483648" r:id="rId1"/></p:sldMasterIdLst><p:sldSz cx="{SLIDE_W}" cy="{SLIDE_H}"/>'
        f'<p:notesSz cx="6858000" cy="9144000"/><p:defaultTextStyle><a:defPPr>'
        f'<a:defRPr lang="{LANG}"/></a:defPPr>{default_style}</p:defaultTextStyle>'
        f'</p:presentation>')


def rels(entries: list[tuple[str, str, str]]) -> str:
    body = "".join(f'<Relationship Id="{i}" Type="{RT}/{t}" Target="{target}"/>'
                   for i, t, target in entries)
    return f'{XML}<Relationships xmlns="{REL_NS}">{body}</Relationships>'


def content_types() -> str:
    ct = "application/vnd.openxmlformats-officedocument"
    overrides = [
        ("/ppt/presentation.xml", f"{ct}.presentationml.presentation.main+xml"),
        ("/ppt/slideMasters/slideMaster1.xml", f"{ct}.presentationml.slideMaster+xml"),
        ("/ppt/theme/theme1.xml", f"{ct}.theme+xml"),
        ("/ppt/presProps.xml", f"{ct}.presentationml.presProps+xml"),
        ("/ppt/viewProps.xml", f"{ct}.presentationml.viewProps+xml"),
        ("/ppt/tableStyles.xml", f"{ct}.presentationml.tableStyles+xml"),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        ("/docProps/app.xml", f"{ct}.extended-properties+xml"),
    ] + [(f"/ppt/slideLayouts/slideLayout{i}.xml", f"{ct}.presentationml.slideLayout+xml")
         for i in range(1, len(LAYOUTS) + 1)]
    body = "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in overrides)
    return (f'{XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            f'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Default Extension="png" ContentType="image/png"/>'
            f'<Default Extension="jpeg" ContentType="image/jpeg"/>{body}</Types>')


CORE = (f'{XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        f'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        f'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/'
        f'XMLSchema-instance"><dc:title>Distriktssenteret</dc:title><dc:creator>slidegen'
        f'</dc:creator><dc:language>{LANG}</dc:language><dcterms:created xsi:type="dcterms:W3CDTF">'
        f'2024-01-01T00:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">'
        f"2024-01-01T00:00:00Z</dcterms:modified></cp:coreProperties>")
APP = (f'{XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
       f'extended-properties"><Application>slidegen</Application></Properties>')
PRES_PROPS = f"{XML}<p:presentationPr {NS}/>"
VIEW_PROPS = (f'{XML}<p:viewPr {NS}><p:normalViewPr><p:restoredLeft sz="15620"/><p:restoredTop '
              f'sz="94660"/></p:normalViewPr><p:gridSpacing cx="72008" cy="72008"/></p:viewPr>')
TABLE_STYLES = (f'{XML}<a:tblStyleLst xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/'
                f'main" def="{{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}}"/>')


def parts() -> dict[str, str]:
    out = {
        "[Content_Types].xml": content_types(),
        "_rels/.rels": rels([("rId1", "officeDocument", "ppt/presentation.xml"),
                             ("rId2", "metadata/core-properties", "docProps/core.xml"),
                             ("rId3", "extended-properties", "docProps/app.xml")]).replace(
            f"{RT}/metadata/core-properties",
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
            "core-properties"),
        "docProps/core.xml": CORE,
        "docProps/app.xml": APP,
        "ppt/presentation.xml": presentation_xml(),
        "ppt/_rels/presentation.xml.rels": rels([
            ("rId1", "slideMaster", "slideMasters/slideMaster1.xml"),
            ("rId2", "theme", "theme/theme1.xml"),
            ("rId3", "presProps", "presProps.xml"),
            ("rId4", "viewProps", "viewProps.xml"),
            ("rId5", "tableStyles", "tableStyles.xml")]),
        "ppt/presProps.xml": PRES_PROPS,
        "ppt/viewProps.xml": VIEW_PROPS,
        "ppt/tableStyles.xml": TABLE_STYLES,
        "ppt/theme/theme1.xml": theme_xml(),
        "ppt/slideMasters/slideMaster1.xml": master_xml(),
        "ppt/slideMasters/_rels/slideMaster1.xml.rels": rels(
            [(f"rId{i + 1}", "slideLayout", f"../slideLayouts/slideLayout{i + 1}.xml")
             for i in range(len(LAYOUTS))]
            + [(f"rId{len(LAYOUTS) + 1}", "theme", "../theme/theme1.xml")]),
    }
    for i, layout in enumerate(LAYOUTS, start=1):
        out[f"ppt/slideLayouts/slideLayout{i}.xml"] = layout_xml(layout)
        out[f"ppt/slideLayouts/_rels/slideLayout{i}.xml.rels"] = rels(
            [("rId1", "slideMaster", "../slideMasters/slideMaster1.xml")])
    return out


def mplstyle() -> str:
    """The matplotlib house style: the theme's colours and font, no chart junk."""
    cycle = ", ".join(f"'{COLOURS[name]}'" for name in SERIES)
    return f"""# Generated by tools/build_template.py from the template's theme: edit that script.
font.family: Carlito, DejaVu Sans
font.size: 16
text.color: {COLOURS['dk1']}
axes.labelcolor: {COLOURS['dk1']}
axes.edgecolor: {COLOURS['accent6']}
axes.prop_cycle: cycler('color', [{cycle}])
axes.spines.top: False
axes.spines.right: False
axes.grid: True
axes.grid.axis: y
axes.axisbelow: True
axes.titlelocation: left
axes.titlesize: 16
grid.color: D9DEDC
grid.linewidth: 0.8
xtick.color: {COLOURS['dk1']}
ytick.color: {COLOURS['dk1']}
xtick.labelsize: 15
ytick.labelsize: 15
legend.frameon: False
legend.fontsize: 15
lines.linewidth: 3
figure.facecolor: FFFFFF
axes.facecolor: FFFFFF
savefig.facecolor: FFFFFF
# slidegen: muted {MUTED}
"""


def main() -> None:
    STYLE_OUT.parent.mkdir(parents=True, exist_ok=True)
    STYLE_OUT.write_text(mplstyle(), encoding="utf-8")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(OUT, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts().items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text.encode("utf-8"))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
