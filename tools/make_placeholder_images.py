"""Make the clearly marked placeholder pictures in assets/images/placeholders/.

The seed deck shows photos we do not have the rights to (and no official Distriktssenteret
pictures are available), so each spot gets a plain picture that says it is a placeholder and
what belongs there. Replace a file with the real photo under the same name. Run:

    python tools/make_placeholder_images.py
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from PIL.PngImagePlugin import PngInfo

ROOT = Path(__file__).resolve().parent.parent
# The mark slidegen looks for (assets.is_placeholder) to warn that a deck still has stand-ins.
MARK = ("slidegen", "placeholder")
OUT = ROOT / "assets" / "images" / "placeholders"
FONT = ROOT / "assets" / "fonts" / "Carlito-Bold.ttf"
PORTRAIT, LANDSCAPE = (1200, 1520), (1920, 1080)

# file name → (size, what the real picture shows)
PICTURES = {
    "innvandrere-som-ressurs.png": (LANDSCAPE, "Foto fra foredraget «Innvandrere som ressurs "
                                               "i distriktene» (Espen Storhaug)"),
    "faksimile-vest-telemark-blad.png": (LANDSCAPE, "Faksimile av en artikkel i "
                                                    "Vest-Telemark blad"),
    "kommunal-planlegging.png": (PORTRAIT, "Foto til spørsmålene om kommunal planlegging "
                                           "(Distriktssenteret)"),
    "aker-sveisere.png": (PORTRAIT, "Pensjonerte sveisere som lærere hos Aker "
                                    "(Sebastian Bang/Trønder-Avisa)"),
    "eldre-som-ressurs-mentor.png": (PORTRAIT, "Mentor og bedriftseier (Eilen Austli)"),
    "are-kommune.png": (LANDSCAPE, "Foto fra Åre (Åre kommune)"),
    "are-tilflytterservice.png": (PORTRAIT, "Tilflytterservice i Åre (Distriktssenteret, "
                                            "Åre kommune)"),
    "froya.png": (PORTRAIT, "Frøya (SalMar)"),
    "heroy-frivilligsentralen.png": (LANDSCAPE, "Frivilligsentralen i Herøy (Jelena Budesa, "
                                                "frivilligsentralen)"),
    "heroy-herbo.png": (PORTRAIT, "Generasjonsboliger fra Herbo i Herøy (Distriktssenteret)"),
}

BACKGROUND, STRIPE, INK = (232, 238, 236), (214, 224, 221), (20, 64, 90)


def make(name: str, size: tuple[int, int], what: str) -> None:
    image = Image.new("RGB", size, BACKGROUND)
    draw = ImageDraw.Draw(image)
    w, h = size
    for x in range(-h, w, 80):  # diagonal stripes: nobody mistakes this for a photo
        draw.line([(x, h), (x + h, 0)], fill=STRIPE, width=24)
    big = ImageFont.truetype(str(FONT), w // 12)
    small = ImageFont.truetype(str(FONT), w // 26)
    lines = ["PLASSHOLDER", "", *textwrap.wrap(what, width=34 if w < h else 48)]
    y = h // 2 - (len(lines) * w // 22) // 2
    for i, line in enumerate(lines):
        font = big if i == 0 else small
        length = draw.textlength(line, font=font)
        draw.text(((w - length) / 2, y), line, fill=INK, font=font)
        y += w // 10 if i == 0 else w // 22
    info = PngInfo()
    info.add_text(*MARK)
    image.save(OUT / name, optimize=True, pnginfo=info)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (size, what) in PICTURES.items():
        make(name, size, what)
        print(f"wrote {OUT / name}")


if __name__ == "__main__":
    main()
