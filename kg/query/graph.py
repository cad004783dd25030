"""kg's questions, each written once, asked of either store through a Backend.

A Graph wraps an open Backend; its methods are named like the commands and
return the dataclasses of kg.query.results. The Cypher comes from cypher/lookup
and cypher/queries; limits and aggregation (co-occurrence counts, rankings) happen
in the store, so an answer reads what it shows, not the graph.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from itertools import pairwise
from typing import TYPE_CHECKING

from kg.model import (
    BUILDS_ON,
    CITES,
    CO_OCCURRING,
    CONCEPT,
    EDGE_TYPES,
    ENTITY_LABELS,
    NODE_LABELS,
    PAPER,
    REFERENCE,
    name_key,
    normalize_title,
)
from kg.neo4j.cypher import fill, read
from kg.query.backend import Backend
from kg.query.names import names_fit, preference
from kg.query.results import Citations, Neighbors, Node, Path, SearchHits, Shown, Stats, Top
from kg.similar import Similar, similar

if TYPE_CHECKING:
    import networkx as nx

CO_OCCURS = "CO_OCCURS"  # derived at query time, never stored
CITATION_RELATIONS = (CITES, BUILDS_ON)
SUGGESTIONS = 5
NO_LIMIT = 1 << 62  # LIMIT wants a number
SLACK = 2  # per-direction rows fetched per row wanted: room for a node joined twice


class NotFound(Exception):
    """No node has that name; `suggestions` holds the best search hits for it."""

    def __init__(self, name: str, suggestions: list[str]):
        super().__init__(f"no node named {name!r}")
        self.name, self.suggestions = name, suggestions


class NoWork(NotFound):
    """No paper or reference has that name."""


def spelled(label: str | None) -> str | None:
    """`label` as kg.model spells it ("method" -> "Method"); ValueError if unknown."""
    if label is None:
        return None
    for known in NODE_LABELS:
        if known.lower() == label.lower():
            return known
    raise ValueError(f"unknown type {label!r}: one of {', '.join(NODE_LABELS)}")


def public(node: dict) -> Node:
    """A node row ({id, name, label, ...}) as answers show it: id, name, type."""
    return {"id": node["id"], "name": node["name"], "type": node["label"]}


def first(sentences: list[str] | None) -> str:
    return (sentences or [""])[0]


def edge_order(row: dict) -> tuple:
    """Edges at a node are walked out-edges first, by neighbour id, then by relation
    type: so any store, whatever order it keeps edges in, gives the same answer."""
    rank = EDGE_TYPES.index(row["relation"]) if row["relation"] in EDGE_TYPES else len(EDGE_TYPES)
    return row["direction"] != "out", row["id"], rank, row["relation"]


def neighbor_order(row: dict) -> tuple:
    """The order of `neighbors` rows: nearest first, papers first, concepts last, then
    by type, by weight, by name."""
    return (row["depth"], row["type"] != PAPER, row["type"] == CONCEPT, row["type"],
            -row["count"], row["name"].lower())


def citation_order(row: dict) -> tuple:
    """Explicit before inferred, papers before references, then by name."""
    return row["inferred"], row["type"] != PAPER, row["name"].lower(), row["relation"], row["id"]


def hop_order(edge: dict) -> tuple:
    """Among edges joining two nodes, the one that best explains the step: explicit
    before inferred, the most often named, outgoing, by type."""
    return edge["inferred"], -edge["count"], edge["direction"] != "out", edge["relation"]


def in_label_order(counts: Counter[str]) -> dict[str, int]:
    """The non-zero counts per label, in kg.model's order of labels."""
    return {label: counts[label] for label in NODE_LABELS if counts[label]}


def by_type(rows: list[dict]) -> dict[str, int]:
    """How many of `rows` are of each type (label), in kg.model's order."""
    return in_label_order(Counter(row["type"] for row in rows))


def by_label(nodes: Iterable[dict]) -> dict[str, list[str]]:
    """Node ids grouped by label (queries match one label at a time, by its id index)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for node in nodes:
        groups[node["label"]].append(node["id"])
    return groups


class Graph:
    """kg's questions asked of one store (`backend`); a context manager."""

    def __init__(self, backend: Backend):
        self.backend = backend

    def close(self) -> None:
        self.backend.close()

    def __enter__(self) -> Graph:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # Reading -----------------------------------------------------------------

    def rows(self, file: str, names: dict[str, str] | None = None, **params) -> list[dict]:
        """The rows of cypher/<file>.cypher, its placeholders filled with `names`."""
        return self.backend.run(fill(read(file), **(names or {})), params)[1]

    def details(self, nodes: Iterable[dict]) -> dict[str, dict]:
        """{id, name, label, aliases, degree} of `nodes` ({id, label} each), by id."""
        found = {}
        for label, ids in by_label(nodes).items():
            rows = self.rows("lookup/nodes", {"Label": label}, ids=ids)
            found.update((row["id"], row) for row in rows)
        return found

    def edges_at(self, nodes: list[dict]) -> dict[str, list[dict]]:
        """node id -> the edges at it {node, direction, relation, id, name, type, count,
        inferred, evidence}, in edge_order."""
        edges: dict[str, list[dict]] = {node["id"]: [] for node in nodes}
        for label, ids in by_label(nodes).items():
            for row in self.rows("lookup/edges", {"Label": label}, ids=ids):
                edges[row["node"]].append(row)
        for rows in edges.values():
            rows.sort(key=edge_order)
        return edges

    # Finding nodes by name ---------------------------------------------------

    def resolve(self, name: str, label: str | None = None) -> dict:
        """The node called `name`: {id, name, label, aliases, degree, matched_by}.

        Tried in turn: its id, its name or an alias or a paper's title (any case,
        spacing and punctuation; among several the more specific label, then the
        busier node); a unique prefix of a name; the best full-text hit. Raises
        NotFound with names to suggest; an empty or punctuation-only name matches
        nothing.
        """
        labels = [spelled(label)] if label else None
        found = self.named(name, labels) or self.guessed(name, labels)
        if found is None:
            raise NotFound(name, self.suggestions(name, labels) if name_key(name) else [])
        return found

    def resolve_work(self, name: str) -> dict:
        """The Paper (else the Reference) called `name`: a title, id or marker; else
        the paper (or reference) a prefix or the full-text search finds."""
        found = (self.named(name, [PAPER]) or self.named(name, [REFERENCE])
                 or self.guessed(name, [PAPER]) or self.guessed(name, [REFERENCE]))
        if found is None:
            raise NoWork(name, self.suggestions(name, [PAPER, REFERENCE])
                         if name_key(name) else [])
        return found

    def named(self, name: str, labels: list[str] | None) -> dict | None:
        """The node (of `labels`) whose id, name, alias or title is `name`, or None."""
        key = name_key(name)
        if not key:
            return None
        candidates = self.details(self.backend.find(name, [key, normalize_title(name)]))
        fits = [row for row in candidates.values() if not labels or row["label"] in labels]
        fits = ([row for row in fits if row["id"] == name]
                or [row for row in fits if names_fit(name, None, row)])
        if not fits:
            return None
        best = min(fits, key=lambda row: preference(row["label"], row["degree"], row["id"]))
        return {**best, "matched_by": "name"}

    def guessed(self, name: str, labels: list[str] | None) -> dict | None:
        """The one node (of `labels`) with a name starting like `name`, else the best
        full-text hit for it, else None."""
        key = name_key(name)
        if not key:
            return None
        prefixed = self.backend.prefixed(key, labels, 2)
        if len(prefixed) == 1:
            return {**self.details(prefixed)[prefixed[0]["id"]], "matched_by": "prefix"}
        hits = self.backend.search(name, labels, 1)
        if hits:
            return {**self.details(hits)[hits[0]["id"]], "matched_by": "search"}
        return None

    def suggestions(self, name: str, labels: list[str] | None) -> list[str]:
        """Names to offer for a name that matched nothing: the best hits for each of
        its words, then the busiest names sharing its first three letters."""
        hits = [hit for word in name.split() for hit in self.backend.search(word, labels, 2)]
        hits += self.backend.prefixed(name_key(name)[:3], labels, SUGGESTIONS)
        found = self.details(hits)
        names = [found[hit["id"]]["name"] for hit in hits if hit["id"] in found]
        return list(dict.fromkeys(names))[:SUGGESTIONS]

    # The questions -----------------------------------------------------------

    def neighbors(self, name: str, label: str | None = None, depth: int = 1,
                  limit: int | None = None, types: list[str] | None = None) -> Neighbors:
        """The nodes within `depth` hops of the node called `name`, walked breadth-first.

        Rows {id, name, type, relation, direction, depth, via, count, inferred,
        evidence}: papers first, then by type and weight. At depth 1 an entity also
        gets the entities named in its papers (CO_OCCURS, `count` = papers shared),
        counted by the store. `types` keeps only neighbours of those labels; `limit`
        caps the list (None or 0: no cap), and `totals` counts the rows per type
        without it. `match` is the node found, with its aliases.
        """
        limit = limit or None
        start = self.resolve(name, label)
        wanted = {t.lower() for t in types} if types else None
        if depth == 1:
            rows = self.first_neighbors(start, wanted, limit)
            if start["label"] != PAPER and (limit is None or len(rows) < limit):
                rows += self.co_occurring(start, wanted, None if limit is None
                                          else limit - len(rows))
            cut = limit is not None and len(rows) >= limit
            totals = self.neighbor_totals(start, wanted) if cut else by_type(rows)
        else:
            rows = self.walk(start, depth)
            if wanted:
                rows = [row for row in rows if row["type"].lower() in wanted]
            rows.sort(key=neighbor_order)
            totals = by_type(rows)
        match = {**public(start), "aliases": start["aliases"]}
        if start["matched_by"] != "name":
            match["matched_by"] = start["matched_by"]
        return Neighbors(match, rows[:limit] if limit else rows, totals)

    def neighbor_totals(self, start: dict, wanted: set[str] | None) -> dict[str, int]:
        """Depth-1 `neighbors` rows per type, without a limit (for when the limit cut
        the rows): the nodes joined to `start`, counted by the store, and (for an
        entity) those named in its papers, as counted when the graph was written
        (kg.model.CO_OCCURRING)."""
        totals: Counter[str] = Counter()
        labels = [label for label in NODE_LABELS if not wanted or label.lower() in wanted]
        for row in self.rows("lookup/neighbor_totals", {"Label": start["label"]},
                             id=start["id"], labels=labels):
            totals[row["type"]] += row["count"]
        if start["label"] != PAPER:
            (row,) = self.rows("lookup/node", {"Label": start["label"]}, ids=[start["id"]])
            for label in ENTITY_LABELS:
                if label in labels:
                    totals[label] += row["n"].get(CO_OCCURRING[label]) or 0
        return in_label_order(totals)

    def first_neighbors(self, start: dict, wanted: set[str] | None,
                        limit: int | None) -> list[dict]:
        """The depth-1 rows of `neighbors`, sorted and cut to `limit` by the store
        (cypher/queries/neighbors.cypher); one row per node, by its first edge in
        edge_order."""
        labels = [label for label in NODE_LABELS if not wanted or label.lower() in wanted]
        found = self.rows("queries/neighbors", {"Label": start["label"]}, id=start["id"],
                          labels=labels, limit=NO_LIMIT if limit is None else limit * SLACK)
        rows = list({row["id"]: row for row in sorted(found, key=edge_order,
                                                      reverse=True)}.values())
        rows = [{"id": row["id"], "name": row["name"], "type": row["type"],
                 "relation": row["relation"], "direction": row["direction"], "depth": 1,
                 "via": start["name"], "count": row["count"], "inferred": row["inferred"],
                 "evidence": first(row["evidence"])}
                for row in sorted(rows, key=edge_order)]
        rows.sort(key=neighbor_order)
        return rows[:limit] if limit else rows

    def walk(self, start: dict, depth: int) -> list[dict]:
        """Rows of `neighbors` within `depth` hops, breadth-first: each node once, by
        the first edge that reaches it in edge_order."""
        seen, rows, level = {start["id"]}, [], [start]
        for hops in range(1, depth + 1):
            if not level:
                break
            found = self.edges_at(level)
            reached = []
            for node in level:
                for edge in found[node["id"]]:
                    if edge["id"] in seen:
                        continue
                    seen.add(edge["id"])
                    reached.append({"id": edge["id"], "label": edge["type"], "name": edge["name"]})
                    rows.append({"id": edge["id"], "name": edge["name"], "type": edge["type"],
                                 "relation": edge["relation"], "direction": edge["direction"],
                                 "depth": hops, "via": node["name"], "count": edge["count"],
                                 "inferred": edge["inferred"], "evidence": first(edge["evidence"])})
            level = reached
        return rows

    def co_occurring(self, start: dict, wanted: set[str] | None,
                     limit: int | None) -> list[dict]:
        """Rows of `neighbors` (relation CO_OCCURS) for the entities named in the same
        papers as `start` but not joined to it, counted and limited by the store
        (cypher/queries/co_occurring.cypher)."""
        labels = [label for label in ENTITY_LABELS if not wanted or label.lower() in wanted]
        if not labels:
            return []
        found = self.rows("queries/co_occurring", {"Label": start["label"]}, id=start["id"],
                          labels=labels, limit=NO_LIMIT if limit is None else limit)
        papers = self.details({"id": row["first"], "label": PAPER} for row in found)
        return [{"id": row["id"], "name": row["name"], "type": row["type"],
                 "relation": CO_OCCURS, "direction": "both", "depth": 2,
                 "via": papers[row["first"]]["name"], "count": row["count"], "inferred": True,
                 "evidence": f"named together in {row['count']} paper(s)"} for row in found]

    def show(self, name: str, label: str | None = None, limit: int | None = None) -> Shown:
        """One node in full: its properties, degree, and the edges at it with all their
        evidence sentences, in edge order (out before in, by the id at the other end);
        `limit` caps the edges listed (`degree` counts them all)."""
        node = self.resolve(name, label)
        (row,) = self.rows("lookup/node", {"Label": node["label"]}, ids=[node["id"]])
        found = self.rows("lookup/edges_at", {"Label": node["label"]}, id=node["id"],
                          limit=NO_LIMIT if limit is None else limit * SLACK)
        properties = {key: value for key, value in row["n"].items()
                      if key not in ("label", "name", "id", "degree", "pagerank",
                                     *CO_OCCURRING.values())
                      and value not in (None, [], "", False)}
        edges = [{"id": edge["id"], "name": edge["name"], "type": edge["type"],
                  "relation": edge["relation"], "direction": edge["direction"],
                  "evidence": edge["evidence"]} for edge in sorted(found, key=edge_order)]
        return Shown({**public(node), **properties}, node["degree"], edges[:limit])

    def stats(self) -> Stats:
        """Nodes per label (in kg.model's order) and edges per type (by name)."""
        found = {(row["kind"], row["name"]): row["count"] for row in self.backend.counts()}
        labels = sorted((name for kind, name in found if kind == "nodes"),
                        key=lambda label: (NODE_LABELS.index(label) if label in NODE_LABELS
                                           else len(NODE_LABELS), label))
        return Stats({label: found["nodes", label] for label in labels},
                     {name: found["edges", name]
                      for name in sorted(name for kind, name in found if kind == "edges")})

    def citations(self, name: str, direction: str) -> Citations:
        node = self.resolve_work(name)
        rows = self.rows(f"queries/{direction}", {"Label": node["label"]}, id=node["id"])
        for row in rows:
            row["evidence"] = first(row["evidence"])
        return Citations(public(node), sorted(rows, key=citation_order), direction)

    def cites(self, name: str) -> Citations:
        """What the paper called `name` cites, explicitly (CITES) or by inference
        (BUILDS_ON); a Reference resolved to a paper is listed as that paper."""
        return self.citations(name, "cites")

    def cited_by(self, name: str) -> Citations:
        """The papers that cite the paper or Reference called `name`, or build on it."""
        return self.citations(name, "cited_by")

    def path(self, source: str, target: str) -> Path:
        """A shortest chain of edges, each walked either way, between two named nodes;
        each hop by the edge that best explains it (hop_order). `hops` is None when
        nothing joins the two, [] from a node to itself."""
        start, end = self.resolve(source), self.resolve(target)
        if start["id"] == end["id"]:
            return Path(public(start), public(end), [])
        if start["degree"] <= end["degree"]:  # the search spreads from its first end
            chain = self.backend.shortest_path(start, end)
        else:
            chain = self.backend.shortest_path(end, start)
            chain = chain[::-1] if chain else chain
        if chain is None:
            return Path(public(start), public(end), None)
        nodes = self.details(chain)
        hops = []
        for here, there in pairwise(chain):
            edges = self.rows("lookup/between", {"From": here["label"], "To": there["label"]},
                              a=here["id"], b=there["id"])
            edge = min(edges, key=hop_order)
            hops.append({"from": public(nodes[here["id"]]), "to": public(nodes[there["id"]]),
                         "relation": edge["relation"], "direction": edge["direction"],
                         "inferred": edge["inferred"], "via": edge["via"],
                         "evidence": first(edge["evidence"])})
        return Path(public(start), public(end), hops)

    def top(self, label: str | None = None, by: str = "degree", limit: int = 10) -> Top:
        """The most central nodes, of one label or of all, by "degree" (edges at the
        node) or "pagerank" (stored when the graph was written), highest first."""
        if by not in ("degree", "pagerank"):
            raise ValueError(f"rank by degree or pagerank, not {by!r}")
        labels = [spelled(label)] if label else list(NODE_LABELS)
        rows = self.rows(f"queries/top_{by}", labels=labels, limit=limit)
        return Top(by, label, [{"rank": rank, "id": row["id"], "name": row["name"],
                                "type": row["type"], "score": round(row["score"], 6)}
                               for rank, row in enumerate(rows, start=1)])

    def search(self, text: str, label: str | None = None, limit: int = 10) -> SearchHits:
        """Nodes whose titles, abstracts, names or aliases hold the words of `text` (the
        last word also as a prefix), ranked by the store's full-text index (BM25 on the
        embedded store). Of one label: its `limit` best. Of any: the `limit` best
        papers, then the `limit` best other nodes (a short name outranks a title)."""
        if label:
            groups = [[spelled(label)]]
        else:
            groups = [[PAPER], [other for other in NODE_LABELS if other != PAPER]]
        hits = [hit for labels in groups for hit in self.backend.search(text, labels, limit)]
        found = self.details(hits)
        return SearchHits(text, spelled(label), [{**public(found[hit["id"]]),
                                                  "score": round(hit["score"], 6)}
                                                 for hit in hits if hit["id"] in found])

    def similar(self, paper: str, limit: int = 10) -> Similar:
        """The papers most related to the paper called `paper` (a title, any case, or an
        id), each with its reason: shared citations and citers, citations between them,
        shared methods, datasets and tasks (kg.similar)."""
        node = self.resolve(paper, PAPER)
        return similar(self.backend.run, {"id": node["id"], "title": node["name"]}, limit)

    def cypher(self, query: str, params: dict | None = None) -> tuple[list[str], list[dict]]:
        """A user's read-only query: column names and rows."""
        return self.backend.cypher(query, params)

    # Whole graphs --------------------------------------------------------------

    def nodes(self, label: str) -> Iterator[dict]:
        """Every node of `label`: {"id", "label", ...properties} (for kg load, export),
        read from the store a page at a time, as they are used."""
        return self.backend.nodes(spelled(label))

    def edges(self, type_: str) -> Iterator[dict]:
        """Every edge of type `type_`: {"start", "end", "type", ...properties}, read from
        the store a page at a time, as they are used. ValueError for a type outside
        kg.model."""
        if type_ not in EDGE_TYPES:
            raise ValueError(f"{type_!r} is not a known type: not in kg.model")
        return self.backend.edges(type_)

    def subgraph(self, name: str | None = None, depth: int = 1,
                 types: list[str] | None = None, limit: int | None = None) -> nx.MultiDiGraph:
        """A networkx MultiDiGraph (edges keyed by type, attributes as the store keeps
        them): the whole graph when `name` is None, else the node called `name` and
        its `neighbors` (depth, types, limit as there) with the edges among them; its
        `center` graph attribute is the node's id."""
        from kg.viz.display import Subgraph  # draws itself in Jupyter

        graph = Subgraph()
        if name is None:
            for label in NODE_LABELS:
                graph.add_nodes_from((node.pop("id"), node) for node in self.nodes(label))
            for type_ in EDGE_TYPES:
                graph.add_edges_from((edge.pop("start"), edge.pop("end"), type_, edge)
                                     for edge in self.edges(type_))
            return graph
        around = self.neighbors(name, depth=depth, limit=limit, types=types)
        return self.induced(around.match, around.neighbors)

    def induced(self, center: dict, rows: Iterable[dict]) -> nx.MultiDiGraph:
        """The node `center` and the nodes of `rows` ({id, type} each, as neighbors()
        gives its match and rows) with every property, and the edges among them, as a
        networkx MultiDiGraph whose `center` graph attribute is the centre's id. Nodes
        come in the order given, edges by their ends' places in it, then by type: the
        same graph whatever order a store lists things in."""
        from kg.viz.display import Subgraph  # draws itself in Jupyter

        members = [{"id": node["id"], "label": node["type"]} for node in (center, *rows)]
        place = {node["id"]: number for number, node in enumerate(members)}
        found, edges = {}, []
        for label, ids in by_label(members).items():
            for row in self.rows("lookup/node", {"Label": label}, ids=ids):
                found[row["n"].pop("id")] = row["n"]
            edges += [(row["start"], row["end"], row["r"]["type"], row["r"]) for row in
                      self.rows("lookup/induced", {"Label": label}, ids=ids, members=list(place))]
        graph = Subgraph(center=center["id"])
        graph.add_nodes_from((node, found[node]) for node in place if node in found)
        graph.add_edges_from(sorted(edges, key=lambda edge: (place[edge[0]], place[edge[1]],
                                                             edge[2])))
        return graph
