"""A fake SSB for tests: serves the recorded fixtures in tests/fixtures/ssb through httpx's
MockTransport, answers POST /tables/{id}/data with the slice of a recorded cube that the
selection asks for (so paging can be tested), and can be told to fail first."""

from __future__ import annotations

import copy
import json
import math
from itertools import product
from pathlib import Path

import httpx

FIXTURES = Path(__file__).parent / "fixtures" / "ssb"
CUBES = {("07459", "agg_KommSummer"): "07459-kommsummer.json",
         ("06913", "agg_KommSummerHist"): "06913-kommsummerhist.json",
         ("09817", None): "09817-plain.json", ("09429", None): "09429-plain.json"}


def fixture(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text("utf-8"))


class FakeSsb:
    def __init__(self):
        self.requests: list[httpx.Request] = []
        self.script: list[httpx.Response] = []  # answered first, in order, before the real ones
        self.cubes: dict[tuple[str, str | None], dict] = {k: fixture(v)
                                                          for k, v in CUBES.items()}
        self.metadata: dict[str, dict] = {t: fixture(f"{t}-metadata.json")
                                          for t in ("07459", "06913", "09817", "09429")}
        self.klass = {("131", "changes"): fixture("klass-131-changes.json"),
                      ("131", "codesAt"): fixture("klass-131-codesAt.json"),
                      ("104", "codesAt"): fixture("klass-104-codesAt.json"),
                      ("131", "codesAt", "2019-12-31"): fixture("klass-131-codesAt-2019.json"),
                      ("131", "codesAt", "2023-12-31"): fixture("klass-131-codesAt-2023.json")}
        self.transport = httpx.MockTransport(self.handle)

    def fail_next(self, *responses: httpx.Response) -> None:
        self.script += responses

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.script:
            return self.script.pop(0)
        parts = request.url.path.split("/")  # /api/pxwebapi/v2/tables/07459/data
        if "klass" in parts:  # /api/klass/v1/classifications/131/changes
            key = (parts[-2], parts[-1])
            dated = (*key, request.url.params.get("date"))
            return httpx.Response(200, json=self.klass.get(dated, self.klass.get(key)))
        if parts[-1] == "config":
            return httpx.Response(200, json=fixture("config.json"))
        table = parts[-2]
        if parts[-1] == "metadata" and table in self.metadata:
            return httpx.Response(200, json=self.metadata[table])
        if parts[-1] == "data" and request.method == "POST":
            return self._data(table, json.loads(request.content))
        return httpx.Response(404, json={"type": "Not found", "title": "No such table",
                                         "status": 404})

    @property
    def data_requests(self) -> list[dict]:
        return [json.loads(r.content) for r in self.requests if r.url.path.endswith("/data")]

    def _data(self, table: str, body: dict) -> httpx.Response:
        selection = {s["variableCode"]: s for s in body["selection"]}
        codelist = selection.get("Region", {}).get("codeList")
        cube = self.cubes.get((table, codelist))
        if cube is None:
            return _error(400, "Non-existent codelist")
        for dim in cube["id"]:
            if dim not in selection:
                return _error(400, "Missing selection for mandantory variable")
            codes = selection[dim]["valueCodes"]
            if len(set(codes)) != len(codes):
                return httpx.Response(500, content=b"")  # as SSB does
            if any(c not in cube["dimension"][dim]["category"]["index"] for c in codes):
                return _error(400, "Non-existent value")
        return httpx.Response(200, json=slice_cube(cube, {d: selection[d]["valueCodes"]
                                                          for d in cube["id"]}))


def _error(status: int, title: str) -> httpx.Response:
    return httpx.Response(status, json={"type": "Parameter error", "title": title,
                                        "status": status})


def slice_cube(cube: dict, codes: dict[str, list[str]]) -> dict:
    """The cells of `cube` for the codes asked, in SSB's structure and row-major order."""
    return _reshaped(cube, codes, fill=None)


def add_year(cube: dict, year: str, value_of) -> dict:
    """The cube with one more year; value_of(region, contents) gives its (test-only) figures."""
    codes = {d: list(cube["dimension"][d]["category"]["index"]) for d in cube["id"]}
    codes["Tid"].append(year)
    return _reshaped(cube, codes, fill=lambda cell: value_of(cell["Region"],
                                                             cell["ContentsCode"]))


def _reshaped(cube: dict, codes: dict[str, list[str]], fill) -> dict:
    """A copy of cube over `codes` (dimension → codes, in order): cells the cube has are copied
    with their status, others come from fill(codes of the cell); a null gets SSB's '..'."""
    ids = cube["id"]
    positions = [cube["dimension"][d]["category"]["index"] for d in ids]
    strides = [math.prod(cube["size"][i + 1:]) for i in range(len(ids))]
    old_status = cube.get("status", {})
    values, status = [], {}
    for combo in product(*(codes[d] for d in ids)):
        if all(c in positions[i] for i, c in enumerate(combo)):
            flat = sum(positions[i][c] * strides[i] for i, c in enumerate(combo))
            value, symbol = cube["value"][flat], old_status.get(str(flat))
        else:
            value, symbol = fill(dict(zip(ids, combo, strict=True))), None
        if value is None:
            symbol = symbol or ".."
        if symbol:
            status[str(len(values))] = symbol
        values.append(value)
    out = copy.deepcopy(cube)
    for d in ids:
        category = out["dimension"][d]["category"]
        labels = category["label"]
        category["index"] = {c: i for i, c in enumerate(codes[d])}
        category["label"] = {c: labels.get(c, c) for c in codes[d]}
    out["size"] = [len(codes[d]) for d in ids]
    out["value"] = values
    out.pop("status", None)
    if status:
        out["status"] = status
    return out
