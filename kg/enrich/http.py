"""One polite HTTP client for the bibliographic APIs: JSON GETs with an on-disk
response cache, and retries with backoff on 429 and 5xx that honour Retry-After.

`Client.get(url, params)` returns the decoded JSON body, or None when the API says
404 (no such work). Anything else that is not an answer (the host unreachable,
errors that outlast the retries, a body that is not JSON) raises `EnrichError`
with one line saying what happened. Answers (200 and 404) are cached by URL and
parameters, so a second run, or one that resumes after a failure, asks again
only what it has not been answered yet.
"""

from __future__ import annotations

import email.utils
import json
import sqlite3
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from urllib.parse import urlencode

import httpx

RETRY_STATUSES = {429, 500, 502, 503, 504}
TRIES = 5  # one request and up to four retries
FIRST_BACKOFF = 0.5  # seconds, doubled each retry when the server gives no Retry-After
LONGEST_WAIT = 60.0  # a Retry-After beyond this is capped: the user sees a stalled bar otherwise
TIMEOUT = 30.0
USER_AGENT = "kg (citation knowledge graph; https://pypi.org/project/kg/)"


class EnrichError(Exception):
    """The API could not be used; the message is one line for the user."""


def retry_after(value: str | None, now: float) -> float | None:
    """Seconds a Retry-After header asks to wait (a number or an HTTP date), None if absent
    or unreadable."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - now)


class ResponseCache:
    """Answers by request key, in an SQLite file (created on first use)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.db: sqlite3.Connection | None = None

    def connect(self) -> sqlite3.Connection:
        if self.db is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path)
            # A cache, not a record: no sync to disk per answer (that cost 25 ms each).
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=OFF")
            self.db.execute("CREATE TABLE IF NOT EXISTS responses "
                            "(key TEXT PRIMARY KEY, status INTEGER, body TEXT)")
        return self.db

    def get(self, key: str) -> tuple[int, str] | None:
        if self.path is None:
            return None
        row = self.connect().execute("SELECT status, body FROM responses WHERE key = ?",
                                     (key,)).fetchone()
        return (row[0], row[1]) if row else None

    def put(self, key: str, status: int, body: str) -> None:
        if self.path is not None:
            with self.connect() as db:
                db.execute("INSERT OR REPLACE INTO responses VALUES (?, ?, ?)", (key, status, body))

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None


class Client:
    """GETs JSON from one API.

    `name` is how messages call the API ('OpenAlex'); `params` are sent with every
    request but are not part of the cache key (a contact address); `headers` likewise
    (an API key, never printed). `cache` is the SQLite file of answers (None: no cache).
    `sleep` waits between retries (tests pass one that records the waits). `interval`
    is the least time between two requests sent (an API's documented rate).
    """

    def __init__(self, name: str, cache: Path | None = None, params: Mapping[str, str] = (),
                 headers: Mapping[str, str] = (),
                 sleep: Callable[[float], None] = time.sleep, interval: float = 0.0) -> None:
        self.name = name
        self.params = dict(params)
        self.cache = ResponseCache(cache)
        self.sleep = sleep
        self.http = httpx.Client(headers={"User-Agent": USER_AGENT, **dict(headers)},
                                 timeout=TIMEOUT, follow_redirects=True)
        self.requests = 0  # sent over the network, cache hits not counted
        self.interval, self.last_sent = interval, -interval

    def get(self, url: str, params: Mapping[str, str] = ()) -> dict | list | None:
        """The JSON answer to GET url?params; None for a 404. Raises EnrichError."""
        key = f"{url}?{urlencode(sorted(dict(params).items()))}"
        cached = self.cache.get(key)
        if cached is None:
            status, body = self.fetch(url, {**dict(params), **self.params})
            self.cache.put(key, status, body)
        else:
            status, body = cached
        if status == 404:
            return None
        try:
            return json.loads(body)
        except ValueError as error:
            raise EnrichError(f"{self.name} sent an answer that is not JSON for {url}") from error

    def fetch(self, url: str, params: dict[str, str]) -> tuple[int, str]:
        """(status, body) of a 200 or 404, after retrying what can be retried: 429, 5xx
        and a dropped or timed-out connection. A refused connection is not retried."""
        wait = 0.0
        for attempt in range(TRIES):
            if attempt:
                self.sleep(min(LONGEST_WAIT, wait))
            backoff = FIRST_BACKOFF * 2 ** attempt
            self.keep_pace()
            try:
                self.requests += 1
                response = self.http.get(url, params=params)
            except httpx.TransportError as error:
                problem = f"cannot reach {self.name} at {url} ({type(error).__name__})"
                if isinstance(error, httpx.ConnectError):
                    break
                wait = backoff
                continue
            if response.status_code in (200, 404):
                return response.status_code, response.text
            problem = f"{self.name} answered HTTP {response.status_code} for {url}"
            if response.status_code not in RETRY_STATUSES:
                break
            asked = retry_after(response.headers.get("Retry-After"), time.time())
            wait = backoff if asked is None else asked
        else:
            problem += f", {TRIES} times"
        raise EnrichError(problem)

    def keep_pace(self) -> None:
        """Wait until `interval` has passed since the last request was sent."""
        early = self.last_sent + self.interval - time.monotonic()
        if early > 0:
            self.sleep(early)
        self.last_sent = time.monotonic()

    def close(self) -> None:
        self.http.close()
        self.cache.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
