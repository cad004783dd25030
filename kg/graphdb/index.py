"""The SQLite side of a graph generation (index.sqlite): what Cypher on LadybugDB
cannot index without extensions.

    keys      (key, id, label, degree): every lookup key of every node
              (kg.query.names.lookup_keys), for exact and prefix name lookup
    search    FTS5 full-text index, BM25-ranked: a node's name (titles, names,
              aliases) and body (abstracts)
    columns   the catalogue: which node and edge columns hold JSON text
    counts    nodes per label and edges per type, counted as they were written

SQLite keeps it on disk and can add or delete rows at any time (FTS5 is
incremental); a reader opens it read-only.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from pathlib import Path

INDEX_FILE = "index.sqlite"
SCHEMA = """
CREATE TABLE keys (key TEXT NOT NULL, id TEXT NOT NULL, label TEXT NOT NULL,
                   degree INTEGER NOT NULL);
CREATE TABLE columns (kind TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL);
CREATE TABLE counts (kind TEXT NOT NULL, name TEXT NOT NULL, count INTEGER NOT NULL);
CREATE VIRTUAL TABLE search USING fts5(name, body, id UNINDEXED, label UNINDEXED,
                                       tokenize = 'porter unicode61');
"""
TABLES = ("keys", "columns", "counts", "search")  # the tables of SCHEMA
KEY_INDEXES = ("CREATE INDEX keys_by_key ON keys (key)", "CREATE INDEX keys_by_id ON keys (id)")
NAME_WEIGHT, BODY_WEIGHT = 10.0, 1.0  # a word in a name counts ten in the body
WORD = re.compile(r"\w+")
NODE_COLUMNS = "id, label, degree"


def create(folder: Path) -> sqlite3.Connection:
    """A new, empty index in `folder`, open for writing."""
    connection = sqlite3.connect(folder / INDEX_FILE)
    connection.executescript(SCHEMA)
    return connection


def add_nodes(connection: sqlite3.Connection, rows: Iterable[tuple]) -> None:
    """Add nodes: (id, label, degree, keys, name text, body text) each."""
    for node, label, degree, keys, name, body in rows:
        connection.executemany("INSERT INTO keys VALUES (?, ?, ?, ?)",
                               [(key, node, label, degree) for key in keys])
        connection.execute("INSERT INTO search (name, body, id, label) VALUES (?, ?, ?, ?)",
                           (name, body, node, label))


def finish(connection: sqlite3.Connection, json_columns: dict[str, list[str]],
           counts: dict[str, dict[str, int]]) -> None:
    """Index the keys, record the JSON columns and the counts (kind -> name -> count),
    commit and close."""
    connection.executemany("INSERT INTO counts VALUES (?, ?, ?)",
                           [(kind, name, count) for kind, found in counts.items()
                            for name, count in found.items()])
    for statement in KEY_INDEXES:
        connection.execute(statement)
    connection.executemany("INSERT INTO columns VALUES (?, ?, 'JSON')",
                           [(kind, name) for kind, names in json_columns.items()
                            for name in names])
    connection.execute("INSERT INTO search (search) VALUES ('optimize')")
    connection.commit()
    connection.close()


def open_index(folder: Path) -> sqlite3.Connection:
    """The index of the generation in `folder`, read-only. sqlite3.Error if it is not
    there, is not SQLite, or lacks a table of SCHEMA (an index of an older kg)."""
    uri = (folder / INDEX_FILE).resolve().as_uri() + "?mode=ro"
    connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
    connection.row_factory = sqlite3.Row
    try:
        found = {row["name"] for row in connection.execute("SELECT name FROM sqlite_master")}
        if missing := [table for table in TABLES if table not in found]:
            raise sqlite3.DatabaseError(f"{INDEX_FILE} has no {' or '.join(missing)} table")
    except sqlite3.Error:
        connection.close()
        raise
    return connection


def counts(connection: sqlite3.Connection) -> list[dict]:
    """{kind ("nodes" or "edges"), name, count} of every label and type written."""
    return [dict(row) for row in connection.execute("SELECT kind, name, count FROM counts")]


def json_columns(connection: sqlite3.Connection, kind: str) -> list[str]:
    return [row["name"] for row in connection.execute(
        "SELECT name FROM columns WHERE kind = ? AND type = 'JSON'", (kind,))]


def with_key(connection: sqlite3.Connection, node: str, keys: Iterable[str]) -> list[dict]:
    """Nodes whose id is `node` or having one of `keys`: {id, label, degree} each, once."""
    keys = [key for key in keys if key]
    marks = ", ".join("?" * len(keys))
    return [dict(row) for row in connection.execute(
        f"SELECT DISTINCT {NODE_COLUMNS} FROM keys WHERE id = ? OR key IN ({marks})",
        [node, *keys])]


def label_filter(labels: list[str] | None) -> tuple[str, list[str]]:
    """An SQL condition (and its parameters) keeping rows of `labels`; none: all."""
    if not labels:
        return "", []
    return f" AND label IN ({', '.join('?' * len(labels))})", list(labels)


def with_prefix(connection: sqlite3.Connection, prefix: str, labels: list[str] | None,
                limit: int) -> list[dict]:
    """Up to `limit` nodes (of `labels`, if given) with a key starting with `prefix`:
    {id, label, degree} each, busiest first."""
    if not prefix:
        return []
    where, params = label_filter(labels)
    return [dict(row) for row in connection.execute(
        f"SELECT {NODE_COLUMNS} FROM keys WHERE key >= ? AND key < ?{where} "
        "GROUP BY id ORDER BY degree DESC, id LIMIT ?",
        (prefix, prefix + "\U0010ffff", *params, limit))]


def fts_query(text: str) -> str:
    """`text` as an FTS5 query: each word a quoted term, all required; the last one
    also as a prefix ("diffus" finds diffusion). Empty: no words."""
    words = WORD.findall(text.lower())
    if not words:
        return ""
    *whole, last = (word.replace('"', "") for word in words)
    return " ".join([*(f'"{word}"' for word in whole), f'"{last}"*'])


def search(connection: sqlite3.Connection, text: str, labels: list[str] | None,
           limit: int) -> list[dict]:
    """The best `limit` nodes for `text` by BM25 (names weigh more than abstracts),
    of `labels` if given: {id, label, score} each, best first; score higher is better."""
    query = fts_query(text)
    if not query:
        return []
    where, params = label_filter(labels)
    rows = connection.execute(
        f"SELECT id, label, -bm25(search, {NAME_WEIGHT}, {BODY_WEIGHT}) AS score FROM search "
        f"WHERE search MATCH ?{where} ORDER BY bm25(search, {NAME_WEIGHT}, {BODY_WEIGHT}), id "
        "LIMIT ?", [query, *params, limit])
    return [dict(row) for row in rows]
