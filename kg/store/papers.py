"""papers.sqlite: the stored papers, the source of truth of the graph, and the
extraction cache.

    papers(seq, id, data, extraction)  one row per paper: `data` the Paper as JSON,
                                       `seq` its order of arrival, `extraction` the
                                       cache key of its record
    match_keys(key, paper)             the keys a paper is found by (explicit ids, its
                                       normalized title): the merge rule's index
    extractions(key, record)           extraction records by cache key (extractor
                                       version + text), kept across builds

WAL journal; every write is a transaction, so a killed build leaves the last commit.
Reads stream in pages of PAGE rows: memory does not grow with the store.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.inputs.identity import explicit_ids, match_keys, merge, same_work
from kg.model import Paper, Problem, title_id
from kg.store.folder import StoreError

PAGE = 500
SCHEMA = """
CREATE TABLE IF NOT EXISTS papers (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,
                                   data TEXT NOT NULL, extraction TEXT);
CREATE INDEX IF NOT EXISTS papers_extraction ON papers (extraction);
CREATE TABLE IF NOT EXISTS match_keys (key TEXT NOT NULL, paper TEXT NOT NULL,
                                       PRIMARY KEY (key, paper)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS match_keys_paper ON match_keys (paper);
CREATE TABLE IF NOT EXISTS extractions (key TEXT PRIMARY KEY, record TEXT NOT NULL)
    WITHOUT ROWID;
"""
PAPER_FIELDS = {field.name for field in dataclasses.fields(Paper)}


def paper_to_json(paper: Paper) -> str:
    return json.dumps(dataclasses.asdict(paper), ensure_ascii=False)


def paper_from_json(text: str) -> Paper:
    return Paper(**{name: value for name, value in json.loads(text).items()
                    if name in PAPER_FIELDS})


def update(stored: Paper, incoming: Paper) -> Paper:
    """The stored paper as the incoming record of the same work updates it: the incoming
    fields win and the stored ones fill what it lacks, sources and references of both
    (stored first; one reference per cited id). A stub known only as a cited work never
    overwrites a paper read in full. The stored key stays, so links to it hold; the
    incoming DOI/arXiv id are kept as fields."""
    if incoming.external and not stored.external:
        merge(stored, incoming)
        return stored
    for namespace, key in explicit_ids(incoming).items():
        field = {"doi": "doi", "arXiv": "arxiv_id"}.get(namespace)
        if field and getattr(incoming, field) is None:
            setattr(incoming, field, key.split(":", 1)[1])
    merge(incoming, stored)
    incoming.sources = stored.sources + [s for s in incoming.sources if s not in stored.sources]
    incoming.references = one_per_id(incoming.references)
    incoming.id = stored.key
    return incoming


def one_per_id(references: list[dict]) -> list[dict]:
    """The references, the first one of each cited id (enriched ones come first)."""
    ids = {}
    for reference in references:
        ids.setdefault(reference.get("id") or id(reference), reference)
    return list(ids.values())


def where(paper: Paper) -> tuple[str, int | None]:
    """The file and line a paper was read from (its first source)."""
    source = paper.sources[0] if paper.sources else ""
    path, _, line = source.rpartition(":")
    return (path, int(line)) if line.isdigit() else (source, None)


class PaperStore:
    """The papers database of one store; use as a context manager (closes it)."""

    def __init__(self, path: Path) -> None:
        """Open (or create) the database; StoreError (one line) if it is damaged."""
        self.db = sqlite3.connect(path, isolation_level=None)
        try:
            self.db.execute("PRAGMA busy_timeout=60000")
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(SCHEMA)
            self.db.execute("SELECT seq, id, data, extraction FROM papers LIMIT 1").fetchall()
            self.db.execute("SELECT key, record FROM extractions LIMIT 1").fetchall()
        except sqlite3.DatabaseError as error:
            self.db.close()
            raise StoreError(f"{path}: damaged or not a kg store ({error}); move it away "
                             "and build again") from error

    def __enter__(self) -> PaperStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside commit together, or not at all."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM papers").fetchone()[0]

    def clear(self) -> None:
        """Remove every paper (the extraction cache stays)."""
        self.db.execute("DELETE FROM papers")
        self.db.execute("DELETE FROM match_keys")

    def upsert(self, paper: Paper) -> Problem | None:
        """Store the paper; the same work already stored (kg.inputs.identity.same_work,
        found by its match keys) is updated (see `update`) and keeps its key. A paper whose
        id a different work already has is stored apart under its title's key, and said
        (the Problem returned)."""
        problem = None
        holder = self.get(paper.key)
        if holder is not None and paper.id and not same_work(holder, paper):
            problem = Problem(*where(paper), f"id {paper.key!r} is also the id of "
                              f"{holder.title!r}, a different title: kept as two papers")
            paper.id = None
        keys = match_keys(paper)
        rows = self.db.execute(
            f"SELECT DISTINCT p.seq, p.data FROM match_keys m JOIN papers p ON p.id = m.paper"
            f" WHERE m.key IN ({','.join('?' * len(keys))}) ORDER BY p.seq", keys).fetchall()
        same = [(seq, stored) for seq, data in rows
                if same_work(stored := paper_from_json(data), paper)]
        if not same:
            self.insert(paper, keys)
            return problem
        (seq, stored), *others = same
        for other_seq, other in others:  # the new record joins works stored apart
            merge(stored, other)
            self.db.execute("DELETE FROM papers WHERE seq = ?", (other_seq,))
            self.db.execute("DELETE FROM match_keys WHERE paper = ?", (other.key,))
        kept = update(stored, paper)
        self.db.execute("UPDATE papers SET data = ? WHERE seq = ?", (paper_to_json(kept), seq))
        self.add_keys(kept, keys)
        return problem

    def get(self, key: str) -> Paper | None:
        row = self.db.execute("SELECT data FROM papers WHERE id = ?", (key,)).fetchone()
        return paper_from_json(row[0]) if row else None

    def insert(self, paper: Paper, keys: list[str]) -> None:
        """A new row; a key another work has (the same title, yet another work: web pages
        all titled 'Online reference') gets -2, -3, …"""
        taken, number = paper.key, 1
        while self.get(taken) is not None:
            number += 1
            taken = f"{title_id(paper.title)}-{number}"
        if taken != paper.key:
            paper.id = taken
        self.db.execute("INSERT INTO papers (id, data) VALUES (?, ?)",
                        (paper.key, paper_to_json(paper)))
        self.add_keys(paper, keys)

    def add_keys(self, paper: Paper, extra: list[str] = ()) -> None:
        """Index the paper under its match keys (and `extra` ones it was found by)."""
        self.db.executemany("INSERT OR IGNORE INTO match_keys (key, paper) VALUES (?, ?)",
                            [(key, paper.key) for key in {*match_keys(paper), *extra}])

    def put(self, paper: Paper) -> Paper:
        """Store the paper exactly as given, in place of the stored one with its key."""
        updated = self.db.execute("UPDATE papers SET data = ? WHERE id = ?",
                                  (paper_to_json(paper), paper.key)).rowcount
        if not updated:
            self.db.execute("INSERT INTO papers (id, data) VALUES (?, ?)",
                            (paper.key, paper_to_json(paper)))
        self.db.execute("DELETE FROM match_keys WHERE paper = ?", (paper.key,))
        self.add_keys(paper)
        return paper

    def pages(self, query: str, params: tuple = ()) -> Iterator[tuple]:
        """Rows of `query` (its first column `seq`, with `seq > ?` then `LIMIT ?` as its
        last parameters), fetched PAGE at a time in seq order."""
        last = -1
        while rows := self.db.execute(query, (*params, last, PAGE)).fetchall():
            yield from rows
            last = rows[-1][0]

    def papers(self) -> Iterator[Paper]:
        """Every stored paper, in order of arrival."""
        for _, data in self.pages("SELECT seq, data FROM papers WHERE seq > ? "
                                  "ORDER BY seq LIMIT ?"):
            yield paper_from_json(data)

    def papers_with_records(self) -> Iterator[tuple[Paper, dict | None]]:
        """Every stored paper with its extraction record (None if it has none yet)."""
        for _, data, record in self.pages(
                "SELECT p.seq, p.data, e.record FROM papers p LEFT JOIN extractions e "
                "ON e.key = p.extraction WHERE p.seq > ? ORDER BY p.seq LIMIT ?"):
            yield paper_from_json(data), None if record is None else json.loads(record)

    def set_extraction_keys(self, key_of: Callable[[Paper], str]) -> None:
        """Point each paper at the cache key `key_of(paper)` of its record."""
        changed = [(key, seq) for seq, data, stored in self.pages(
            "SELECT seq, data, extraction FROM papers WHERE seq > ? ORDER BY seq LIMIT ?")
            if (key := key_of(paper_from_json(data))) != stored]
        with self.transaction():
            self.db.executemany("UPDATE papers SET extraction = ? WHERE seq = ?", changed)

    def missing_query(self, select: str) -> str:
        return (f"SELECT {select} FROM papers p LEFT JOIN extractions e ON e.key = p.extraction "
                "WHERE e.key IS NULL")

    def count_missing(self) -> int:
        return self.db.execute(self.missing_query("count(*)")).fetchone()[0]

    def missing(self) -> Iterator[tuple[str, Paper]]:
        """(cache key, paper) of each paper whose record is not in the cache."""
        for _, key, data in self.pages(self.missing_query("p.seq, p.extraction, p.data")
                                       + " AND p.seq > ? ORDER BY p.seq LIMIT ?"):
            yield key, paper_from_json(data)

    def save_records(self, rows: list[tuple[str, dict]]) -> None:
        """Cache extraction records (cache key, record) in one commit."""
        with self.transaction():
            self.db.executemany("INSERT OR REPLACE INTO extractions (key, record) VALUES (?, ?)",
                                [(key, json.dumps(record, ensure_ascii=False))
                                 for key, record in rows])

    def prune_records(self) -> None:
        """Drop cached records that no stored paper points at any more."""
        with self.transaction():
            self.db.execute("DELETE FROM extractions WHERE key NOT IN "
                            "(SELECT extraction FROM papers WHERE extraction IS NOT NULL)")
