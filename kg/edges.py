"""Typed edges as the graph derivation collects them: one per (start, end, type).

An edge named twice is one edge whose `count` adds up and whose `evidence` keeps
the first MAX_EVIDENCE distinct sentences. The edge dicts are the ones the graph
writer takes: {"start", "end", "type", "count", "evidence", ...attributes}.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

MAX_EVIDENCE = 3  # sentences kept per edge


class Edges:
    """Edges keyed by (start, end, type), in the order they were first added."""

    def __init__(self) -> None:
        self.by_key: dict[tuple[str, str, str], dict] = {}

    def get(self, start: str, end: str, relation: str) -> dict | None:
        return self.by_key.get((start, end, relation))

    def add(self, start: str, end: str, relation: str, evidence: Iterable[str] = (),
            count: int = 1, **attributes) -> dict:
        """Add an edge, or add to its count and evidence if it is there already
        (its other attributes then stay as first given); return its dict."""
        data = self.by_key.get((start, end, relation))
        if data is None:
            data = {"start": start, "end": end, "type": relation, "count": count,
                    "evidence": list(dict.fromkeys(evidence))[:MAX_EVIDENCE], **attributes}
            self.by_key[start, end, relation] = data
        else:
            data["count"] += count
            data["evidence"] = (data["evidence"] + [e for e in evidence
                                                    if e not in data["evidence"]])[:MAX_EVIDENCE]
        return data

    def __iter__(self) -> Iterator[dict]:
        return iter(self.by_key.values())

    def __len__(self) -> int:
        return len(self.by_key)
