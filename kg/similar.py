"""`kg similar PAPER`: related papers, as Connected Papers finds them, each with its reason.

A paper is related to another by what they share, each shared thing weighted by its
rarity, ln(1 + N/df) for N papers read in full and df the papers that have it:
- bibliographic coupling: works both cite (df: the papers citing the work);
- co-citation: papers citing both (df: the works that paper cites);
- a direct citation, either way (weighted as if df were 1);
- methods, datasets and tasks both propose or use (df: the papers naming it), each
  also weighted by how central it is to the paper asked about: 1 + ln(the times
  that paper names it), as a TF-IDF query vector weighs its terms.
Citation evidence counts CITATION_WEIGHT times an entity's, so where citations exist
they lead, and where they do not, shared rare methods, datasets and tasks rank.
Entities named by more than COMMON_SHARE of the papers say little and are skipped.

The questions are Cypher in Neo4j's spelling that both stores run (`run(query,
params) -> (columns, rows)`, a backend's read-only Cypher); the sums are made here.
Only papers read in full are listed, not external works known by a citation.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from kg.model import ADDRESSES, DATASET, EVALUATED_ON, METHOD, PROPOSES, TASK, USES

Run = Callable[[str, dict], tuple[list[str], list[dict]]]

CITATION_WEIGHT = 2.0
COMMON_SHARE = 0.2
ROLES = [PROPOSES, USES, EVALUATED_ON, ADDRESSES]
LABELS = [METHOD, DATASET, TASK]
REASONS_SHOWN = 3  # names per reason in the one-line reason

PAPERS = "MATCH (p:Paper) WHERE NOT p.external RETURN count(p) AS papers"

SHARED = """
MATCH (p:Paper {id: $id})-[r]->(e)
WHERE type(r) IN $roles AND labels(e)[0] IN $labels
WITH e, sum(coalesce(r.count, 1)) AS tf
MATCH (e)<-[s]-(x:Paper)
WHERE type(s) IN $roles
WITH e, tf, count(DISTINCT x) AS df
WHERE df <= $most
MATCH (e)<-[t]-(q:Paper)
WHERE type(t) IN $roles AND q.id <> $id
RETURN q.id AS id, q.name AS name, q.external AS external, collect(e.name) AS names,
       collect(df) AS dfs, collect(tf) AS tfs, sum(coalesce(t.count, 1)) AS mentions
"""

BOTH_CITE = """
MATCH (p:Paper {id: $id})-[:CITES]->(w:Paper)
MATCH (w)<-[:CITES]-(x:Paper)
WITH w, count(DISTINCT x) AS df
MATCH (w)<-[:CITES]-(q:Paper)
WHERE q.id <> $id
RETURN q.id AS id, q.name AS name, q.external AS external, collect(w.name) AS names,
       collect(df) AS dfs
"""

CITED_TOGETHER = """
MATCH (p:Paper {id: $id})<-[:CITES]-(c:Paper)
MATCH (c)-[:CITES]->(y:Paper)
WITH c, count(DISTINCT y) AS df
MATCH (c)-[:CITES]->(q:Paper)
WHERE q.id <> $id
RETURN q.id AS id, q.name AS name, q.external AS external, collect(c.name) AS names,
       collect(df) AS dfs
"""

DIRECT = """
MATCH (p:Paper {id: $id})-[:CITES]->(q:Paper)
WHERE q.id <> $id
RETURN q.id AS id, q.name AS name, q.external AS external, 'cited_by_paper' AS how
UNION ALL
MATCH (p:Paper {id: $id})<-[:CITES]-(q:Paper)
WHERE q.id <> $id
RETURN q.id AS id, q.name AS name, q.external AS external, 'cites_paper' AS how
"""

# Reason kind -> how the one-line reason says it. The first two are a direct citation
# between the listed paper and the paper asked about; the others list names.
WORDING = {"cites_paper": "cites it", "cited_by_paper": "cited by it",
           "shares": "shares", "both_cite": "both cite", "cited_together_by": "cited together by"}
DIRECT_KINDS = ("cites_paper", "cited_by_paper")


@dataclass
class Related:
    """One related paper: its score and, per kind of reason (WORDING), the names behind
    it, rarest first (none for a direct citation)."""

    id: str
    title: str
    score: float = 0.0
    mentions: int = 0  # how often it names what it shares: breaks ties
    reasons: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    weights: dict[str, float] = field(default_factory=dict, repr=False)

    @property
    def reason(self) -> str:
        """'shares Muon, AdamW; both cite Muon is Scalable for LLM Training'."""
        parts = []
        for kind, wording in WORDING.items():
            names = self.reasons.get(kind)
            if names is None:
                continue
            if kind in DIRECT_KINDS:
                parts.append(wording)
                continue
            more = len(names) - REASONS_SHOWN
            parts.append(f"{wording} {', '.join(names[:REASONS_SHOWN])}"
                         + (f" and {more} more" if more > 0 else ""))
        return "; ".join(parts)

    def add(self, kind: str, name: str | None, weight: float) -> None:
        self.score += weight
        names = self.reasons[kind]
        if name is not None and name not in names:
            names.append(name)
            self.weights[f"{kind}\0{name}"] = weight

    def sort_reasons(self) -> None:
        for kind, names in self.reasons.items():
            names.sort(key=lambda name: (-self.weights[f"{kind}\0{name}"], name.lower()))

    def to_dict(self) -> dict:
        return {"id": self.id, "title": self.title, "score": round(self.score, 3),
                "reason": self.reason,
                "reasons": {kind: True if kind in DIRECT_KINDS else names
                            for kind, names in self.reasons.items()}}


@dataclass
class Similar:
    """The papers related to `paper` ({id, title}), most related first."""

    paper: dict
    related: list[Related]

    def to_dict(self) -> dict:
        return {"paper": self.paper, "related": [item.to_dict() for item in self.related]}


def rarity(papers: int, df: int) -> float:
    """The weight of something `df` of `papers` papers have: rarer weighs more."""
    return math.log(1 + papers / max(df, 1))


def similar(run: Run, paper: dict, limit: int = 10) -> Similar:
    """The `limit` papers most related to `paper` ({"id", "title"}), with their reasons
    (see the module docstring). `run` is a backend's read-only Cypher."""
    papers = run(PAPERS, {})[1][0]["papers"] or 1
    found: dict[str, Related] = {}

    def note(row: dict, kind: str, name: str | None, weight: float) -> None:
        if not row["external"]:
            found.setdefault(row["id"], Related(row["id"], row["name"])).add(kind, name, weight)

    params = {"id": paper["id"]}
    for row in run(DIRECT, params)[1]:
        note(row, row["how"], None, CITATION_WEIGHT * rarity(papers, 1))
    for query, kind in ((BOTH_CITE, "both_cite"), (CITED_TOGETHER, "cited_together_by")):
        for row in run(query, params)[1]:
            for name, df in zip(row["names"], row["dfs"], strict=True):
                note(row, kind, name, CITATION_WEIGHT * rarity(papers, df))
    shared = {**params, "roles": ROLES, "labels": LABELS,
              "most": max(2, int(COMMON_SHARE * papers))}
    for row in run(SHARED, shared)[1]:
        for name, df, tf in zip(row["names"], row["dfs"], row["tfs"], strict=True):
            note(row, "shares", name, rarity(papers, df) * (1 + math.log(tf)))
        if not row["external"]:
            found[row["id"]].mentions = row["mentions"]
    ranked = sorted(found.values(), key=lambda item: (-item.score, -item.mentions,
                                                      item.title.lower(), item.id))
    for item in ranked[:limit]:
        item.sort_reasons()
    return Similar({"id": paper["id"], "title": paper["title"]}, ranked[:limit])
