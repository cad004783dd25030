"""Questions asked of Neo4j: the same answers kg.query gives for the embedded store.

Each question finds its nodes as kg.query.resolve does and fetches with a query of
cypher/lookup or cypher/queries; what it makes of the rows is kg.query's own:
`neighbors` walks with kg.query.neighborhood, `cites` and `cited_by` sort by
kg.query.citation_order, `top` ranks with kg.query.pagerank and kg.query.ranking.
Everything here reads, in read access mode: the server refuses any write.
"""

from __future__ import annotations

import neo4j
from neo4j.exceptions import ClientError
from neo4j.graph import Node, Path, Relationship

from kg.model import NODE_LABELS, PAPER, REFERENCE, name_key, normalize_title
from kg.neo4j import Neo4jProblem
from kg.neo4j.cypher import read
from kg.query import (
    Edge,
    EdgesAt,
    NotFound,
    NoWork,
    citation_order,
    label_fits,
    names_fit,
    neighborhood,
    pagerank,
    preference,
    ranking,
    suggestions,
)

READ_ONLY = "Neo.ClientError.Statement.AccessMode"
TEXT_WIDTH = 40  # characters of a name shown in a table cell


def run_read(driver: neo4j.Driver, query: str,
             params: dict | None = None) -> tuple[list[str], list[dict]]:
    """Run `query` in a read transaction. Out: its column names and rows (driver values)."""
    def work(tx: neo4j.ManagedTransaction) -> tuple[list[str], list[dict]]:
        result = tx.run(query, params or {})
        return list(result.keys()), [dict(record) for record in result]

    with driver.session(default_access_mode=neo4j.READ_ACCESS) as session:
        return session.execute_read(work)


def rows_of(driver: neo4j.Driver, file: str, **params) -> list[dict]:
    """The rows of the query in cypher/<file>.cypher."""
    return run_read(driver, read(file), params)[1]


def candidates(driver: neo4j.Driver, name: str) -> list[dict]:
    """The nodes that may be the one called `name` (cypher/lookup/find.cypher):
    {id, name, label, aliases, degree, element} each."""
    return rows_of(driver, "lookup/find", name=name, key=name_key(name),
                   title=normalize_title(name))


def choose(rows: list[dict], name: str, label: str | None) -> dict | None:
    """The row of `candidates` that kg.query.resolve would choose for `name` and
    `label`; None if none fits."""
    found = ([row for row in rows if row["id"] == name and label_fits(row["label"], label)]
             or [row for row in rows if names_fit(name, label, row)])
    return min(found, key=lambda row: preference(row["label"], row["degree"], row["id"]),
               default=None)


def resolve(driver: neo4j.Driver, name: str, label: str | None = None) -> dict:
    """The node called `name`, chosen as kg.query.resolve chooses.

    Out: {id, name, label, aliases, degree, element}. Raises NotFound with the
    closest names when there is none.
    """
    node = choose(candidates(driver, name), name, label)
    if node is None:
        names = [n for row in rows_of(driver, "lookup/names") for n in [row["name"],
                                                                         *row["aliases"]]]
        raise NotFound(name, suggestions(name, names))
    return node


def resolve_work(driver: neo4j.Driver, name: str) -> dict:
    """The Paper (else the Reference) called `name`, as kg.query.resolve_work finds it.

    Out: a row as `resolve` gives. Raises NoWork with the closest paper titles and
    reference names.
    """
    rows = candidates(driver, name)
    for label in (PAPER, REFERENCE):
        if node := choose(rows, name, label):
            return node
    raise NoWork(name, suggestions(name, (row["name"] for row in rows_of(driver, "lookup/names")
                                          if row["label"] in (PAPER, REFERENCE))))


def public(node: dict) -> dict:
    """A row of `resolve` as kg.query.describe shows a node: id, name, type."""
    return {"id": node["id"], "name": node["name"], "type": node["label"]}


def neo4j_edges(driver: neo4j.Driver, elements: dict[str, str]) -> EdgesAt:
    """EdgesAt for Neo4j. `elements` maps node ids to element ids, starting with the
    first node's; it learns the element id of every node it meets, to fetch by it."""
    def edges_at(nodes: list[str]) -> dict[str, list[Edge]]:
        edges: dict[str, list[Edge]] = {node: [] for node in nodes}
        for row in rows_of(driver, "lookup/edges", nodes=[elements[node] for node in nodes]):
            elements[row["id"]] = row["element"]
            edges[row["node"]].append(Edge({"id": row["id"], "name": row["name"],
                                            "type": row["type"]}, row["relation"],
                                           row["direction"], row["count"], row["inferred"],
                                           row["evidence"]))
        return edges
    return edges_at


def neighbors(driver: neo4j.Driver, name: str, label: str | None = None, depth: int = 1,
              limit: int | None = None, types: list[str] | None = None) -> dict:
    """kg.query.neighbors, asked of Neo4j: the same dict, rows in the same order."""
    node = resolve(driver, name, label)
    return neighborhood(public(node), neo4j_edges(driver, {node["id"]: node["element"]}), depth,
                        limit, types)


def stats(driver: neo4j.Driver) -> dict:
    """Nodes per label and relationships per type, in the shape of kg.query.stats."""
    found = {(row["kind"], row["name"]): row["count"] for row in rows_of(driver, "lookup/counts")}
    labels = sorted({name for kind, name in found if kind == "nodes"},
                    key=lambda label: (NODE_LABELS.index(label) if label in NODE_LABELS
                                       else len(NODE_LABELS), label))
    return {"nodes": {label: found["nodes", label] for label in labels},
            "edges": {name: count for (kind, name), count in found.items() if kind == "edges"}}


def spelled(label: str | None) -> str | None:
    """`label` as kg.model spells it ("method" -> "Method"): the server matches labels
    case by case, kg.query.label_fits ignores case. Unknown labels stay as they are."""
    return next((known for known in NODE_LABELS if label and known.lower() == label.lower()),
                label)


def cites(driver: neo4j.Driver, name: str) -> dict:
    """kg.query.cites, asked of Neo4j (cypher/queries/cites.cypher): the same dict,
    rows in the same order."""
    node = resolve_work(driver, name)
    rows = rows_of(driver, "queries/cites", node=node["element"])
    return {"paper": public(node), "cites": sorted(rows, key=citation_order)}


def cited_by(driver: neo4j.Driver, name: str) -> dict:
    """kg.query.cited_by, asked of Neo4j (cypher/queries/cited_by.cypher): the same
    dict, rows in the same order."""
    node = resolve_work(driver, name)
    rows = rows_of(driver, "queries/cited_by", node=node["element"])
    return {"paper": public(node), "cited_by": sorted(rows, key=citation_order)}


def path(driver: neo4j.Driver, source: str, target: str) -> dict:
    """kg.query.path, asked of Neo4j (cypher/queries/path.cypher): the same dict, its
    hops as long; among equally short chains the server may walk another one.

    A node to itself is no hops, as networkx answers (shortestPath refuses one
    node); `hops` is None when nothing joins the two.
    """
    start, end = resolve(driver, source), resolve(driver, target)
    ends = {"source": public(start), "target": public(end)}
    if start["id"] == end["id"]:
        return {**ends, "hops": []}
    rows = rows_of(driver, "queries/path", source=start["element"], target=end["element"])
    hops = [{key: value for key, value in row.items() if key != "step"} for row in rows]
    return {**ends, "hops": hops or None}


def top(driver: neo4j.Driver, label: str | None = None, by: str = "degree",
        limit: int = 10) -> dict:
    """kg.query.top, asked of Neo4j: the same dict.

    By degree the server counts and orders (cypher/queries/top_degree.cypher); by
    PageRank it lists every node's links (cypher/queries/pagerank_links.cypher) and
    kg.query.pagerank ranks them here, as Neo4j Community has no PageRank of its own.
    """
    if by == "pagerank":
        rows = rows_of(driver, "queries/pagerank_links")
        scores = pagerank({row["id"]: row["links"] for row in rows})
    else:
        rows = rows_of(driver, "queries/top_degree", label=spelled(label), limit=limit)
        scores = {row["id"]: row["score"] for row in rows}
    nodes = [{"id": row["id"], "name": row["name"], "type": row["type"]} for row in rows]
    return ranking(nodes, scores, label, by, limit)


def cypher(driver: neo4j.Driver, query: str,
           params: dict | None = None) -> tuple[list[str], list[dict]]:
    """Run a user's read-only query. Out: column names and rows (driver values).

    The transaction is in read access mode, so the server itself refuses a write:
    that is a Neo4jProblem saying so.
    """
    try:
        return run_read(driver, query, params)
    except ClientError as error:
        if error.code == READ_ONLY:
            raise Neo4jProblem("kg cypher runs read-only queries, and this one writes "
                               f"({error.message})") from None
        raise


def plain(value):
    """A driver value as JSON-ready Python: nodes, relationships and paths as dicts."""
    if isinstance(value, Node):
        return {"labels": sorted(value.labels), **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Relationship):
        return {"type": value.type, **{k: plain(v) for k, v in value.items()}}
    if isinstance(value, Path):
        return {"nodes": [plain(n) for n in value.nodes],
                "relationships": [plain(r) for r in value.relationships]}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def text(value) -> str:
    """A driver value as one short line for a table cell: (Method Muon), -[USES]->."""
    if isinstance(value, Node):
        name = str(value.get("name", value.get("id", "")))
        return f"({'|'.join(sorted(value.labels))} {shorten(name)})"
    if isinstance(value, Relationship):
        return f"[{value.type}]"
    if isinstance(value, Path):
        steps = [text(value.start_node)]
        for relationship, node in zip(value.relationships, value.nodes[1:], strict=True):
            forward = relationship.end_node.element_id == node.element_id
            steps.append(f"-[{relationship.type}]->" if forward else f"<-[{relationship.type}]-")
            steps.append(text(node))
        return "".join(steps)
    if isinstance(value, (list, tuple)):
        return ", ".join(text(item) for item in value)
    return "" if value is None else str(value)


def shorten(name: str) -> str:
    return name if len(name) <= TEXT_WIDTH else name[:TEXT_WIDTH - 1] + "…"
