"""Run by a Python that has LibreOffice's `uno` module (Debian's python3-uno), never imported by
slidegen itself: connects to the soffice of a session, then converts on request. One request a
line on stdin as JSON {"pptx": path, "pdf": path, "pages": "2,5"|""}; one answer a line on
stdout, {"ok": true} or {"error": text}. A line protocol over pipes, so the bridge needs nothing
but the standard library and uno, and dies with its parent (stdin closed)."""

import contextlib
import json
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def props(**values):
    out = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name, prop.Value = name, value
        out.append(prop)
    return tuple(out)


def connect(pipe_name, deadline):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    url = f"uno:pipe,name={pipe_name};urp;StarOffice.ComponentContext"
    while True:
        try:
            context = resolver.resolve(url)
            return context.ServiceManager.createInstanceWithContext(
                "com.sun.star.frame.Desktop", context)
        except Exception:  # soffice still starting: its pipe is not there yet
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def convert(desktop, request):
    document = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(request["pptx"]), "_blank", 0,
        props(Hidden=True, ReadOnly=True))
    if document is None:
        raise RuntimeError("LibreOffice could not open the file")
    try:
        pages = request.get("pages") or ""
        # hidden slides too: page n of the PDF is slide n of the deck
        options = {"ExportHiddenSlides": True, **({"PageRange": pages} if pages else {})}
        filter_data = uno.Any("[]com.sun.star.beans.PropertyValue", props(**options))
        document.storeToURL(uno.systemPathToFileUrl(request["pdf"]),
                            props(FilterName="impress_pdf_Export", FilterData=filter_data))
    finally:
        document.close(True)


def main():
    desktop = connect(sys.argv[1], time.monotonic() + float(sys.argv[2]))
    print(json.dumps({"ok": True}), flush=True)  # ready
    for line in sys.stdin:
        try:
            convert(desktop, json.loads(line))
            answer = {"ok": True}
        except Exception as exc:  # noqa: BLE001 - every failure is an answer, not a crash
            answer = {"error": f"{type(exc).__name__}: {exc}"[:500]}
        print(json.dumps(answer), flush=True)
    # stdin closed: slidegen has ended, even if killed without a chance to stop LibreOffice
    with contextlib.suppress(Exception):  # it may be gone already
        desktop.terminate()


if __name__ == "__main__":
    main()
