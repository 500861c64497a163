"""Colours as the reader sees them: theme colours through the slide's colour map, inherited text
colours through layout and master, and the contrast ratio between two of them (WCAG 2.1)."""

from __future__ import annotations

from pptx.oxml.ns import qn

TITLE_TYPES = {"title", "ctrTitle"}


class ThemeColours:
    """Resolves schemeClr names (tx1, bg2, accent1, …) for one slide."""

    def __init__(self, slide):
        master = slide.slide_layout.slide_master
        theme_part = next(rel.target_part for rel in master.part.rels.values()
                          if rel.reltype.endswith("/theme"))
        from lxml import etree

        theme = etree.fromstring(theme_part.blob)
        scheme = theme.find(f".//{qn('a:clrScheme')}")
        self.scheme = {}
        for child in scheme:
            srgb = child.find(qn("a:srgbClr"))
            sys_clr = child.find(qn("a:sysClr"))
            name = child.tag.split("}")[1]
            self.scheme[name] = (srgb.get("val") if srgb is not None
                                 else sys_clr.get("lastClr", "000000"))
        mapping = dict(master._element.find(qn("p:clrMap")).attrib)
        override = slide.slide_layout._element.find(f"{qn('p:clrMapOvr')}/"
                                                    f"{qn('a:overrideClrMapping')}")
        if override is not None:
            mapping.update(override.attrib)
        self.mapping = mapping

    def resolve(self, element) -> str | None:
        """Hex colour of a fill-like element (solidFill, or a colour child), None if none."""
        if element is None:
            return None
        srgb = element.find(qn("a:srgbClr"))
        if srgb is not None:
            return srgb.get("val").upper()
        scheme = element.find(qn("a:schemeClr"))
        if scheme is not None:
            name = scheme.get("val")
            name = self.mapping.get(name, name)  # tx1 → dk1 …
            return self.scheme.get(name, "000000").upper()
        return None


def text_colour(run, shape, slide, colours: ThemeColours) -> str:
    """The run's colour: its own, else its placeholder's chain (slide, layout, master), else
    the master's text style, else tx1."""
    own = run._r.find(qn("a:rPr"))
    found = colours.resolve(own.find(qn("a:solidFill")) if own is not None else None)
    if found:
        return found
    for element in _placeholder_chain(shape, slide):
        fill = element.find(f".//{qn('a:lstStyle')}/{qn('a:lvl1pPr')}/{qn('a:defRPr')}/"
                            f"{qn('a:solidFill')}")
        found = colours.resolve(fill)
        if found:
            return found
    styles = slide.slide_layout.slide_master._element.find(qn("p:txStyles"))
    style = "p:titleStyle" if _ph_type(shape) in TITLE_TYPES else (
        "p:bodyStyle" if shape.is_placeholder else "p:otherStyle")
    fill = styles.find(f"{qn(style)}/{qn('a:lvl1pPr')}/{qn('a:defRPr')}/{qn('a:solidFill')}")
    return colours.resolve(fill) or colours.resolve(_scheme("tx1"))


def background(shape, slide, colours: ThemeColours, cell=None) -> str:
    """What is behind the text: the table cell's fill, the shape's fill, else the slide's."""
    if cell is not None:
        fill = cell._tc.find(f"{qn('a:tcPr')}/{qn('a:solidFill')}")
        if colours.resolve(fill):
            return colours.resolve(fill)
    sp_pr = shape._element.find(qn("p:spPr"))
    if sp_pr is not None and colours.resolve(sp_pr.find(qn("a:solidFill"))):
        return colours.resolve(sp_pr.find(qn("a:solidFill")))
    for owner in (slide, slide.slide_layout, slide.slide_layout.slide_master):
        bg = owner._element.find(f"{qn('p:cSld')}/{qn('p:bg')}/{qn('p:bgPr')}/"
                                 f"{qn('a:solidFill')}")
        if colours.resolve(bg):
            return colours.resolve(bg)
    return colours.resolve(_scheme("bg1")) or "FFFFFF"


def contrast(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio of two hex colours, 1 to 21."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _ph_type(shape) -> str | None:
    ph = shape._element.find(f".//{qn('p:nvPr')}/{qn('p:ph')}")
    return None if ph is None else ph.get("type", "body")


def _placeholder_chain(shape, slide):
    """The shape's own element, its layout placeholder's and its master placeholder's."""
    yield shape._element
    if not shape.is_placeholder:
        return
    idx, kind = shape.placeholder_format.idx, _ph_type(shape)
    layout_ph = next((p for p in slide.slide_layout.placeholders
                      if p.placeholder_format.idx == idx), None)
    if layout_ph is not None:
        yield layout_ph._element
    for master_ph in slide.slide_layout.slide_master.placeholders:
        if _ph_type(master_ph) == ("title" if kind in TITLE_TYPES else "body"):
            yield master_ph._element
            return


def _scheme(name: str):
    from lxml import etree

    fill = etree.Element(qn("a:solidFill"))
    etree.SubElement(fill, qn("a:schemeClr"), val=name)
    return fill
