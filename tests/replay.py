"""A local HTTP server that replays recorded OpenAlex and Semantic Scholar answers
(tests/data/enrich/, written by hand in the APIs' documented shapes), for the tests
of `kg enrich` and of what its citations give. Never the internet."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from kg.graph import build_graph
from kg.model import Paper

DATA = Path(__file__).parent / "data" / "enrich"
NORMUON = "NorMuon: Making Muon more efficient and scalable"
MUON = "Muon is Scalable for LLM Training"
PRACTICAL = "Practical Efficiency of Muon for Pretraining"
KOVALEV = ("Understanding Gradient Orthogonalization for Deep Learning via Non-Euclidean "
           "Trust-Region Optimization")
TURBO = "Turbo-Muon: Accelerating Orthogonality-Based Optimization with Pre-Conditioning"
FANTASTIC = "Fantastic Pretraining Optimizers and Where to Find Them"
AUON = "AuON: A Linear-time Alternative to Semi-Orthogonal Momentum Updates"


class Replay(ThreadingHTTPServer):
    """Answers each request with the next recorded answer of the first route whose path
    and parameters it has; an unrecorded request gets what the real API answers when it
    finds nothing (`missing(path, params)`). Every request is logged."""

    def __init__(self, routes: list[dict], missing) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.routes, self.missing = routes, missing
        self.hits = [0] * len(routes)
        self.log: list[tuple[str, dict, dict]] = []

    def answer(self, path: str, params: dict) -> dict:
        for number, route in enumerate(self.routes):
            wanted = route["request"]
            if wanted["path"] == path and all(params.get(k) == v
                                              for k, v in wanted["params"].items()):
                responses = route["responses"]
                self.hits[number] += 1
                return responses[min(self.hits[number], len(responses)) - 1]
        return self.missing(path, params)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        parts = urlsplit(self.path)
        params = dict(parse_qsl(parts.query))
        self.server.log.append((parts.path, params, dict(self.headers)))
        answer = self.server.answer(parts.path, params)
        body = json.dumps(answer["body"]).encode()
        self.send_response(answer["status"])
        for name, value in answer.get("headers", {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def openalex_page(results: list[dict], per_page: str) -> dict:
    return {"status": 200, "body": {"meta": {"count": len(results), "db_response_time_ms": 12,
                                             "page": 1, "per_page": int(per_page)},
                                    "results": results, "group_by": []}}


def openalex_lists(cited: dict[str, dict]):
    """What OpenAlex answers to list requests not recorded as routes: a batch of ids
    (filter=openalex:W1|W2|…) lists the recorded works among them, a title search
    with no recorded hits an empty page; anything else is a 404."""
    def missing(path: str, params: dict) -> dict:
        if path == "/works" and params.get("filter", "").startswith("openalex:"):
            ids = params["filter"].removeprefix("openalex:").split("|")
            return openalex_page([cited[key] for key in ids if key in cited], params["per-page"])
        if path == "/works" and "search" in params:
            return openalex_page([], params["per-page"])
        return {"status": 404, "body": {"error": "Not Found", "message": "no such work"}}
    return missing


def s2_missing(path: str, params: dict) -> dict:
    if path == "/paper/search/match":
        return {"status": 404, "body": {"error": "Title match not found"}}
    return {"status": 404, "body": {"error": "Paper not found"}}


def serve(routes: list[dict], missing):
    server = Replay(routes, missing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server



@contextmanager
def recorded(name: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Replay]:
    """The replay server of tests/data/enrich/<name>.json ('openalex' or
    'semantic-scholar'), with kg's environment pointing at it."""
    recorded = json.loads((DATA / f"{name}.json").read_text())
    if name == "openalex":
        server = serve(recorded["routes"], openalex_lists(recorded["cited"]))
        monkeypatch.setenv("KG_OPENALEX_URL", server.url)
        monkeypatch.setenv("KG_CONTACT_EMAIL", "kg-tests@example.org")
        monkeypatch.setenv("KG_OPENALEX_API_KEY", "secret-key-456")
    else:
        server = serve(recorded["routes"], s2_missing)
        monkeypatch.setenv("KG_S2_URL", server.url)
        monkeypatch.setenv("KG_S2_API_KEY", "test-key-123")
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def without_extraction(papers: list[Paper]):
    """The graph of `papers` with no extracted entities: citations and authors only."""
    records = [{"id": p.key, "title": p.title, "entities": [], "mentions": [], "extends": []}
               for p in papers]
    return build_graph(papers, records)
