"""Pictures are decoded in full before they go into a deck: a damaged or cut-short file is
refused at its line, a picture too large to decode safely (a «decompression bomb») is refused
with its size, and one larger than a slide can show is built with a warning. The pictures are
made by the tests."""

from __future__ import annotations

import struct
import zlib

import pytest
from PIL import Image

from conftest import exit_code as run


def deck(tmp_path, file: str) -> str:
    path = tmp_path / "d.yaml"
    path.write_text(f"title: T\nslides:\n  - kind: image\n    title: Bilde\n"
                    f"    image: {{file: {file}, alt: Et bilde}}\n", "utf-8")
    return str(path)


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims width × height pixels, with almost no pixel data."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))


def test_a_cut_short_jpeg_is_refused_at_its_line(folder, capsys):
    Image.effect_noise((400, 300), 60).convert("RGB").save(folder / "foto.jpg", quality=90)
    whole = (folder / "foto.jpg").read_bytes()
    (folder / "foto.jpg").write_bytes(whole[: len(whole) // 2])
    path = deck(folder, "foto.jpg")
    for command in ("validate", "build"):
        assert run(command, path) == 1
        err = capsys.readouterr().err
        assert err.startswith("error: d.yaml:5:19: slide 1, image.file: 'foto.jpg' is a "
                              "damaged or cut-short picture"), err
        assert "save or export it again" in err and "Traceback" not in err
    assert not (folder / "build").exists()


def test_a_decompression_bomb_is_refused_with_its_size(folder, capsys):
    (folder / "bombe.png").write_bytes(png_claiming(60000, 60000))
    assert run("build", deck(folder, "bombe.png")) == 1
    err = capsys.readouterr().err
    assert "'bombe.png' is too large to put on a slide (far more pixels than any photo" in err
    Image.new("1", (9000, 9000)).save(folder / "stor.png")  # 81 million pixels
    assert run("validate", deck(folder, "stor.png")) == 1
    assert "'stor.png' is too large to put on a slide (9000 × 9000 pixels; at most 80 million)" \
        in capsys.readouterr().err


def test_a_picture_larger_than_a_slide_shows_is_built_with_a_warning(folder, capsys):
    Image.new("1", (6000, 4000)).save(folder / "svaer.png")  # 24 million pixels
    assert run("build", deck(folder, "svaer.png")) == 0
    captured = capsys.readouterr()
    assert "svaer.png is 6000 × 4000 pixels, more than a slide can show" in captured.err
    assert "DecompressionBomb" not in captured.err
    assert (folder / "build" / "d.pptx").is_file()


def test_a_picture_replaced_by_a_damaged_one_is_seen(folder, capsys):
    """The full decode is remembered per version of the file, not per name."""
    Image.new("RGB", (40, 30), "red").save(folder / "foto.png")
    path = deck(folder, "foto.png")
    assert run("validate", path) == 0
    whole = (folder / "foto.png").read_bytes()
    (folder / "foto.png").write_bytes(whole[:-20] + b"\x00" * 5)
    assert run("validate", path) == 1
    assert "is a damaged or cut-short picture" in capsys.readouterr().err
