"""slidegen serve in a real browser: Debian's headless Chromium driven by Selenium (installed
by .ci/run: chromium, chromium-driver; never a browser download). The page shows every slide
with its title, follows an edit of the deck on disk, and shows a spec error (file:line and the
offending line) over the last good slides until it is fixed. A screenshot is kept in the
test's folder (and in $SLIDEGEN_SCREENSHOTS when set, to look at)."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from conftest import SMALL_DECK_WITH_TODO
from slidegen.serve import serve

CHROMIUM, DRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
MISSING = [str(p) for p in (CHROMIUM, DRIVER) if not p.exists()]
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium (pip install '.[test]')")
if MISSING and os.environ.get("CI"):
    raise RuntimeError("CI must install chromium and chromium-driver (see .ci/run)")
pytestmark = pytest.mark.skipif(bool(MISSING), reason=f"needs {' and '.join(MISSING)}: "
                                "apt-get install chromium chromium-driver")

DECK = SMALL_DECK_WITH_TODO
WAIT = 120  # seconds: a busy machine renders slowly; nothing here waits for nothing


@pytest.fixture
def page(write):
    """The page of a served deck, open in headless Chromium: (browser, deck file)."""
    from selenium.webdriver.chrome.service import Service

    deck = write("lite.yaml", DECK)
    stop, urls = threading.Event(), []
    thread = threading.Thread(target=serve, args=(deck,), daemon=True,
                              kwargs={"port": 0, "ready": urls.append, "stop": stop})
    thread.start()
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--window-size=1400,1000"):
        options.add_argument(argument)
    browser = webdriver.Chrome(options=options, service=Service(str(DRIVER)))
    try:
        while not urls:
            time.sleep(0.02)
        browser.get(urls[0])
        yield browser, deck
    finally:
        browser.quit()
        stop.set()
        thread.join(60)


def shown(browser, ready) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, WAIT, poll_frequency=0.1).until(lambda b: ready(b))


def titles(browser) -> list[str]:
    """The slides' titles as shown, read at once (the page may redraw between two reads)."""
    return browser.execute_script(
        "return [...document.querySelectorAll('#slides .slide-title')].map(e => e.textContent)")


def findings(browser) -> list[str]:
    return browser.execute_script(
        "return [...document.querySelectorAll('#slides .findings li')].map(e => e.textContent)")


def keep(browser, name: str, tmp_path: Path) -> Path:
    """A screenshot, in the test's folder and in $SLIDEGEN_SCREENSHOTS if set."""
    target = tmp_path / name
    browser.save_screenshot(str(target))
    if os.environ.get("SLIDEGEN_SCREENSHOTS"):
        shutil.copy(target, Path(os.environ["SLIDEGEN_SCREENSHOTS"]) / name)
    return target


def images_loaded(browser) -> bool:
    return browser.execute_script(
        "const imgs = [...document.querySelectorAll('#slides img')];"
        "return imgs.length > 0 && imgs.every(i => i.complete && i.naturalWidth > 0);")


def test_the_page_shows_every_slide_and_follows_an_edit(page, tmp_path):
    from selenium.webdriver.common.by import By

    browser, deck = page
    shown(browser, lambda b: len(titles(b)) == 3)
    assert titles(browser) == ["Første lysbilde", "Andre lysbilde", "Tredje lysbilde"]
    shown(browser, findings)
    assert [f.split(":")[1].strip() for f in findings(browser)] == ["todo"]
    if shutil.which("soffice") and shutil.which("pdftoppm"):
        shown(browser, images_loaded)
        first = browser.find_element(By.CSS_SELECTOR, "#slides img")
        assert first.get_attribute("naturalWidth") == "1280"
    png = keep(browser, "serve-page.png", tmp_path)
    assert png.stat().st_size > 10_000
    deck.write_text(DECK.replace("Andre lysbilde", "Andre, endret på disken"), "utf-8")
    shown(browser, lambda b: "Andre, endret på disken" in titles(b))
    assert len(titles(browser)) == 3


def test_a_spec_error_shows_on_the_page_over_the_last_good_slides(page, tmp_path):
    from selenium.webdriver.common.by import By

    browser, deck = page
    shown(browser, lambda b: len(titles(b)) == 3)
    error = browser.find_element(By.ID, "error")
    assert not error.is_displayed()
    deck.write_text(DECK.replace("  - kind: bullets\n    title: Andre",
                                 "  - kind: bulets\n    title: Andre"), "utf-8")
    shown(browser, lambda b: b.find_element(By.ID, "error").is_displayed())
    assert browser.find_element(By.ID, "error-where").text == "lite.yaml:6"
    assert browser.find_element(By.ID, "error-line").text == "  - kind: bulets"
    assert "did you mean 'bullets'" in browser.find_element(By.ID, "error-messages").text
    assert titles(browser) == ["Første lysbilde", "Andre lysbilde", "Tredje lysbilde"]
    keep(browser, "serve-error.png", tmp_path)
    deck.write_text(DECK, "utf-8")
    shown(browser, lambda b: not b.find_element(By.ID, "error").is_displayed())
    assert titles(browser) == ["Første lysbilde", "Andre lysbilde", "Tredje lysbilde"]


@pytest.fixture
def no_libreoffice(monkeypatch, tmp_path):
    """As on a machine without LibreOffice and poppler (the browser is found by its path)."""
    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


def test_without_libreoffice_the_page_shows_titles_and_how_to_install(no_libreoffice, page,
                                                                      tmp_path):
    from selenium.webdriver.common.by import By

    browser, _ = page
    shown(browser, lambda b: len(titles(b)) == 3 and findings(b))
    note = browser.find_element(By.ID, "note")
    assert note.is_displayed() and "apt-get install libreoffice-impress" in note.text
    blanks = browser.execute_script(
        "return [...document.querySelectorAll('#slides .blank')].map(e => e.textContent)")
    assert blanks == ["Første lysbilde", "Andre lysbilde", "Tredje lysbilde"]
    assert not browser.find_elements(By.CSS_SELECTOR, "#slides img")
    keep(browser, "serve-no-libreoffice.png", tmp_path)
