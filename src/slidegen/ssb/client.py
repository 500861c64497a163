"""SSB's PxWebApi v2: table metadata and data as JSON-stat 2.0, within SSB's limits.

SSB allows a number of calls per time window and of cells per call (GET /config says how many;
30 per 60 s and 800 000 cells when this was written). The client paces its calls to stay inside
the window, splits a query that would ask for too many cells, and retries 429 (after the
Retry-After SSB sends) and 5xx answers with backoff. Every failure becomes a FetchError that says
which table and what went wrong; nothing is half-written because callers only write after every
table has arrived.
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections import deque
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

import httpx
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
)

from .._version import __version__
from ..errors import DataError
from .jsonstat import Cube, read_jsonstat

BASE_URL = "https://data.ssb.no/api/pxwebapi/v2"
USER_AGENT = f"slidegen/{__version__} (Distriktssenteret)"

# Network time (README, "Limits"). SSB answers in a second or two; a network that accepts the
# connection and then says nothing once kept `data update` silent for 331 s.
CONNECT_TIMEOUT = 10.0  # seconds to connect
READ_TIMEOUT = 30.0  # seconds without a byte of the answer
DEADLINE = 300.0  # seconds for everything one client asks (a whole `data update`), retries
NOTICE_EVERY = 10.0  # seconds between "waiting for SSB" lines while a call is unanswered


class FetchError(DataError):
    """SSB could not be reached, said no, or answered with something we cannot read."""


class _Transient(Exception):
    """A failure worth another try: 429, 5xx, a dropped connection."""

    def __init__(self, message: str, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


@dataclass
class Limits:
    max_cells: int = 800_000
    max_calls: int = 30
    window: float = 60.0


@dataclass
class Pacer:
    """At most max_calls calls in any `window` seconds: wait before the call that would be one
    too many."""

    limits: Limits
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _calls: deque = field(default_factory=deque)

    def wait(self) -> None:
        now = self.clock()
        while self._calls and now - self._calls[0] >= self.limits.window:
            self._calls.popleft()
        while len(self._calls) >= self.limits.max_calls:  # a loop: /config may lower the limit
            wait = self.limits.window - (now - self._calls[0])
            if wait > 0:
                self.sleep(wait)
                now += wait
            self._calls.popleft()
        self._calls.append(self.clock())


class PxWebClient:
    """Calls to one PxWebApi v2 server. `transport` lets tests serve recorded answers."""

    def __init__(self, base_url: str = BASE_URL, transport: httpx.BaseTransport | None = None,
                 sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic, attempts: int = 5,
                 limits: Limits | None = None, timeout: float = READ_TIMEOUT,
                 connect_timeout: float = CONNECT_TIMEOUT, deadline: float = DEADLINE):
        self.base_url = base_url.rstrip("/")
        self._timeout = httpx.Timeout(timeout, connect=connect_timeout)
        self._http = httpx.Client(transport=transport, timeout=self._timeout,
                                  headers={"User-Agent": USER_AGENT})
        self._deadline = deadline
        self._started: float | None = None  # the first call: the deadline counts from there
        self.progress: Callable[[str], None] | None = None  # told while a call waits
        self._sleep = sleep
        self._attempts = attempts
        self._limits = limits
        self._pacer: Pacer | None = None
        self._clock = clock
        self.calls = 0  # requests sent, retries included (the change report says how many)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> PxWebClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- endpoints ------------------------------------------------------------------------
    def limits(self) -> Limits:
        """SSB's limits from GET /config, asked once; defaults if the server does not say."""
        if self._limits is None:
            config = self.get_json("/config", {}, "the API's configuration")
            # SSB sets the call limit fields to 0, meaning "not said here", not "no limit"
            self._limits = Limits(
                max_cells=int(config.get("maxDataCells") or 800_000),
                max_calls=int(config.get("maxCallsPerTimeWindow") or 30),
                window=float(config.get("timeWindow") or 60))
            if self._pacer is not None:
                self._pacer.limits = self._limits
        return self._limits

    def metadata(self, table: str) -> Cube:
        """The table's dimensions and every code they take (JSON-stat 2.0 without values)."""
        text = self._get(f"/tables/{table}/metadata",
                         {"lang": "no", "outputFormat": "json-stat2"}, f"table {table}")
        return read_jsonstat(_with_empty_values(text), f"SSB table {table} metadata")

    def data(self, table: str, selection: dict[str, list[str]],
             codelists: dict[str, str] | None = None) -> list[Cube]:
        """The cells selected (dimension id → codes), in as many calls as SSB's cell limit
        needs; one cube per call. POST, because 357 kommuner make a GET address longer than
        SSB accepts (about 2 100 characters)."""
        cubes = []
        for page in split_selection(selection, self.limits().max_cells):
            body = {"selection": [
                {"variableCode": dim, "valueCodes": codes,
                 **({"codeList": codelists[dim]} if codelists and dim in codelists else {})}
                for dim, codes in page.items()]}
            text = self._send("POST", f"/tables/{table}/data",
                              {"lang": "no", "outputFormat": "json-stat2"}, f"table {table}",
                              body)
            cubes.append(read_jsonstat(text, f"SSB table {table}"))
        return cubes

    # -- HTTP -----------------------------------------------------------------------------
    def get_json(self, path: str, params: dict, what: str) -> dict:
        text = self._get(path, params, what)
        try:
            doc = json.loads(text)
        except ValueError:
            raise FetchError(f"SSB: {what}: the answer is not JSON; it may be cut off") from None
        if not isinstance(doc, dict):
            raise FetchError(f"SSB: {what}: expected a JSON object")
        return doc

    def _get(self, path: str, params: dict, what: str) -> str:
        return self._send("GET", path, params, what)

    def _send(self, method: str, path: str, params: dict, what: str,
              body: dict | None = None) -> str:
        if self._pacer is None:
            self._pacer = Pacer(self._limits or Limits(), self._clock, self._sleep)
        if self._started is None:
            self._started = time.monotonic()
        retrying = Retrying(stop=stop_after_attempt(self._attempts) | self._past_deadline,
                            sleep=self._sleep, reraise=True,
                            wait=lambda state: min(_wait_retry_after(state),
                                                   max(self._remaining(), 0.0)),
                            retry=retry_if_exception_type(_Transient),
                            before_sleep=lambda state: self._tell_retry(state, what))
        try:
            return retrying(self._once, method, path, params, what, body)
        except _Transient as exc:
            if self._remaining() <= 0:
                raise FetchError(f"SSB: {what}: {exc} (gave up after {self._deadline:.0f} s, "
                                 f"the most a data update waits for SSB)") from None
            raise FetchError(f"SSB: {what}: {exc} (gave up after {self._attempts} tries)"
                             ) from None

    def _remaining(self) -> float:
        return self._deadline - (time.monotonic() - (self._started or time.monotonic()))

    def _past_deadline(self, state: RetryCallState) -> bool:
        return self._remaining() <= 0

    def _tell_retry(self, state: RetryCallState, what: str) -> None:
        exc = state.outcome.exception() if state.outcome else None
        if self.progress is not None and state.next_action is not None:
            self.progress(f"SSB: {what}: {exc}; trying again in "
                          f"{state.next_action.sleep:.0f} s ({state.attempt_number + 1} of "
                          f"{self._attempts})")

    def _once(self, method: str, path: str, params: dict, what: str, body: dict | None) -> str:
        self._pacer.wait()
        self.calls += 1
        remaining = max(self._remaining(), 0.01)  # no call outlives the deadline
        timeout = httpx.Timeout(min(self._timeout.read, remaining),
                                connect=min(self._timeout.connect, remaining))
        try:
            with _waiting(self.progress, what, self._deadline):
                response = self._http.request(method, self.base_url + path, params=params,
                                              json=body, timeout=timeout)
                body = response.text
        except httpx.TimeoutException:
            raise _Transient("no answer in time") from None
        except httpx.TransportError as exc:
            raise _Transient(f"cannot connect ({exc})") from None
        status = response.status_code
        if status == 429:  # without Retry-After: wait for SSB's window to pass
            raise _Transient("too many requests (429)",
                             _retry_after(response) or self._pacer.limits.window)
        if status >= 500:
            raise _Transient(f"server error {status}", _retry_after(response))
        if status >= 400:
            raise FetchError(f"SSB: {what}: HTTP {status}: {_problem(body)}")
        return body


@contextmanager
def _waiting(progress: Callable[[str], None] | None, what: str, deadline: float):
    """Tell progress every NOTICE_EVERY seconds while the call inside has no answer."""
    if progress is None:
        yield
        return
    answered = threading.Event()
    start = time.monotonic()

    def tell() -> None:
        while not answered.wait(NOTICE_EVERY):
            progress(f"waiting for SSB: {what}, {time.monotonic() - start:.0f} s so far "
                     f"(an update gives up after {deadline:.0f} s)")

    teller = threading.Thread(target=tell, daemon=True)
    teller.start()
    try:
        yield
    finally:
        answered.set()
        teller.join()


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After", "").strip()
    return float(value) if value.replace(".", "", 1).isdigit() else None


_exponential = wait_exponential(multiplier=2, min=2, max=60)


def _wait_retry_after(state: RetryCallState) -> float:
    """SSB's Retry-After when it sends one, else 2, 4, 8 … seconds."""
    exc = state.outcome.exception() if state.outcome else None
    if isinstance(exc, _Transient) and exc.retry_after is not None:
        return min(exc.retry_after, 300.0)
    return _exponential(state)


def _problem(body: str) -> str:
    """SSB answers errors with RFC 7807 JSON ({title, detail}); fall back to the text."""
    try:
        doc = json.loads(body)
        if isinstance(doc, dict):
            return str(doc.get("detail") or doc.get("title") or body)[:300]
    except ValueError:
        pass
    return " ".join(body.split())[:300] or "(empty answer)"


def _with_empty_values(text: str) -> str:
    """Metadata is a JSON-stat dataset without cells; give it an empty 'value' so that it
    reads like any other cube (its size says how many cells the whole table has)."""
    try:
        doc = json.loads(text)
    except ValueError:
        return text  # read_jsonstat reports it
    if isinstance(doc, dict):  # SSB sends "value": [] with the whole table's size
        doc["value"] = {}
        doc.pop("status", None)
    return json.dumps(doc)


def split_selection(selection: dict[str, list[str]], max_cells: int
                    ) -> list[dict[str, list[str]]]:
    """Pages of the selection with at most max_cells cells each, splitting the longest
    dimension (usually the regions) into equal chunks."""
    cells = math.prod(len(codes) for codes in selection.values())
    if cells <= max_cells:
        return [selection]
    longest = max(selection, key=lambda d: len(selection[d]))
    per_code = cells // len(selection[longest])
    if per_code > max_cells:
        raise FetchError(f"one {longest} code alone needs {per_code} cells, more than SSB's "
                         f"limit of {max_cells}; narrow the query")
    chunk = max_cells // per_code
    codes = selection[longest]
    return [{**selection, longest: codes[i:i + chunk]} for i in range(0, len(codes), chunk)]
