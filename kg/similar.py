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
ROLE_TYPES = "|".join(ROLES)

# What the paper asked about has that others may share, each with its df (and, for an
# entity, tf: the times the paper names it); then the papers that share any of it.
# Two steps, each started from a bound node: one pattern through both ran 10 times
# slower on LadybugDB at 50k papers.
CITED = """
MATCH (p:Paper {id: $id})-[:CITES]->(w:Paper)
MATCH (w)<-[:CITES]-(x:Paper)
RETURN w.id AS id, w.name AS name, count(DISTINCT x) AS df, 1 AS tf
"""
CITING_TOO = """
MATCH (q:Paper)-[:CITES]->(w:Paper)
WHERE w.id IN $ids AND q.id <> $id
RETURN q.id AS id, collect(w.id) AS shared, 0 AS mentions
"""
CITING = """
MATCH (p:Paper {id: $id})<-[:CITES]-(c:Paper)
MATCH (c)-[:CITES]->(y:Paper)
RETURN c.id AS id, c.name AS name, count(DISTINCT y) AS df, 1 AS tf
"""
CITED_TOO = """
MATCH (c:Paper)-[:CITES]->(q:Paper)
WHERE c.id IN $ids AND q.id <> $id
RETURN q.id AS id, collect(c.id) AS shared, 0 AS mentions
"""
NAMED = f"""
MATCH (p:Paper {{id: $id}})-[r:{ROLE_TYPES}]->(e)
WHERE labels(e)[0] IN $labels
WITH e, sum(coalesce(r.count, 1)) AS tf
MATCH (e)<-[:{ROLE_TYPES}]-(x:Paper)
RETURN e.id AS id, e.name AS name, count(DISTINCT x) AS df, tf
"""
NAMING_TOO = f"""
MATCH (q:Paper)-[t:{ROLE_TYPES}]->(e)
WHERE e.id IN $ids AND q.id <> $id
RETURN q.id AS id, collect(e.id) AS shared, sum(coalesce(t.count, 1)) AS mentions
"""
# Reason kind -> (what is shared, who shares it, the weight of citation evidence).
SHARING = {"both_cite": (CITED, CITING_TOO, CITATION_WEIGHT),
           "cited_together_by": (CITING, CITED_TOO, CITATION_WEIGHT),
           "shares": (NAMED, NAMING_TOO, 1.0)}

DIRECT = """
MATCH (p:Paper {id: $id})-[:CITES]->(q:Paper)
WHERE q.id <> $id
RETURN q.id AS id, 'cited_by_paper' AS how
UNION ALL
MATCH (p:Paper {id: $id})<-[:CITES]-(q:Paper)
WHERE q.id <> $id
RETURN q.id AS id, 'cites_paper' AS how
"""
TITLES = """
MATCH (q:Paper) WHERE q.id IN $ids RETURN q.id AS id, q.name AS name, q.external AS external
"""

# Reason kind -> how the one-line reason says it. The first two are a direct citation
# between the listed paper and the paper asked about; the others list names.
WORDING = {"cites_paper": "cites the paper", "cited_by_paper": "cited by the paper",
           "shares": "shares", "both_cite": "both cite", "cited_together_by": "cited together by"}
DIRECT_KINDS = ("cites_paper", "cited_by_paper")


@dataclass
class Related:
    """One related paper: its score and, per kind of reason (WORDING), the names behind
    it, rarest first (none for a direct citation)."""

    id: str = ""
    title: str = ""
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
    found: dict[str, Related] = defaultdict(Related)
    params = {"id": paper["id"]}
    for row in run(DIRECT, params)[1]:
        found[row["id"]].add(row["how"], None, CITATION_WEIGHT * rarity(papers, 1))
    for kind, (shared_query, sharers_query, weight) in SHARING.items():
        asked = {**params, "labels": LABELS} if kind == "shares" else params
        things = {row["id"]: row for row in run(shared_query, asked)[1]
                  if kind != "shares" or row["df"] <= max(2, COMMON_SHARE * papers)}
        if not things:
            continue
        for row in run(sharers_query, {**params, "ids": list(things)})[1]:
            related = found[row["id"]]
            related.mentions += row["mentions"]
            for key in row["shared"]:
                thing = things[key]
                related.add(kind, thing["name"], weight * rarity(papers, thing["df"])
                            * (1 + math.log(thing["tf"])))
    return Similar({"id": paper["id"], "title": paper["title"]}, best(run, found, limit))


def best(run: Run, found: dict[str, Related], limit: int) -> list[Related]:
    """The `limit` most related papers read in full, with their titles: the ranking is
    made on ids, and only its head is looked up (external works skipped)."""
    # Scores are sums of floats in the order a store returns rows: rounded, so that the last
    # bit never breaks a tie differently on the two stores.
    ranked = sorted(found.items(),
                    key=lambda item: (-round(item[1].score, 9), -item[1].mentions, item[0]))
    chosen: list[Related] = []
    for start in range(0, len(ranked), 2 * limit):
        head = dict(ranked[start:start + 2 * limit])
        papers = {row["id"]: row for row in run(TITLES, {"ids": list(head)})[1]}
        for key, related in head.items():
            if key in papers and not papers[key]["external"] and len(chosen) < limit:
                related.id, related.title = key, papers[key]["name"]
                related.sort_reasons()
                chosen.append(related)
        if len(chosen) == limit:
            break
    return chosen
