"""The tables of a graph generation: which columns they get and how values travel.

Every node table has the same columns and so has every relationship table, so that
a query over several labels (`MATCH (n)-[r]-(m)`) can read any property of any of
them (null where a node has none). The columns are a fixed base set, which the
questions of kg.query rely on, plus whatever else the data brings, typed by what
it holds: str STRING, int INT64, float DOUBLE, bool BOOLEAN, a list of str STRING[],
anything else JSON text (the catalogue remembers to decode it).

Values are bulk-loaded from CSV, every field read as text and cast in the COPY;
a list is its items joined by SEP, each item with ESC and SEP escaped (ESC "0" and
ESC "1"), so any string, these two characters included, reads back as written. An
empty field is null: "" and [] read back as absent, like None.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from kg.model import CO_OCCURRING, EDGE_TYPES, NODE_LABELS

DB_FILE = "graph.lbug"  # the LadybugDB database in a generation folder
STRING, INT, FLOAT, BOOL, STRINGS, JSON = "STRING", "INT64", "DOUBLE", "BOOLEAN", "STRING[]", "JSON"
SEP = "\x1f"  # joins the items of a list in a CSV field (the ASCII unit separator)
ESC = "\x1e"  # escapes ESC and SEP inside a list item (the ASCII record separator)

# Columns every table has, whatever the data (kg.query's questions read them).
NODE_BASE = {"name": STRING, "aliases": STRINGS, "title": STRING, "abstract": STRING,
             "external": BOOL, "marker": STRING, "resolves_to": STRING,
             "degree": INT, "pagerank": FLOAT, "keys": STRINGS,
             **dict.fromkeys(CO_OCCURRING.values(), INT)}
EDGE_BASE = {"count": INT, "evidence": STRINGS, "inferred": BOOL, "via": STRINGS,
             "found_in": STRING, "marker": STRING}
NODE_RESERVED = ("id", "label")  # the primary key, and the table
EDGE_RESERVED = ("start", "end", "type")  # the endpoints, and the table
PROPERTY_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def kind(value) -> str | None:
    """The column type a value needs; None for None (it says nothing)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return BOOL
    if isinstance(value, int):
        return INT
    if isinstance(value, float):
        return FLOAT
    if isinstance(value, str):
        return STRING
    if isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
        return STRINGS
    return JSON


def widen(known: str | None, new: str | None) -> str | None:
    """The type of a column that held `known` and now holds `new`: ints and floats
    make DOUBLE, any other mix JSON."""
    if known is None or known == new:
        return new or known
    if new is None:
        return known
    if {known, new} == {INT, FLOAT}:
        return FLOAT
    return JSON


class Columns:
    """The columns of one kind of table (nodes or relationships), learnt from the data."""

    def __init__(self, base: dict[str, str], reserved: tuple[str, ...]):
        self.types = dict(base)
        self.base = dict(base)
        self.reserved = reserved

    def learn(self, row: dict) -> None:
        """Widen the columns to hold every property of `row` (odd names are skipped)."""
        for key, value in row.items():
            if key in self.reserved or not PROPERTY_NAME.match(key):
                continue
            new = kind(value)
            if key in self.base:
                if new is not None and widen(self.base[key], new) != self.base[key]:
                    raise ValueError(f"property {key!r} must be {self.base[key]}, not {new}")
                continue
            self.types[key] = widen(self.types.get(key), new)

    def names(self) -> list[str]:
        return [name for name, type_ in self.types.items() if type_ is not None]

    def ddl(self) -> str:
        """The column list of CREATE TABLE: `name` TYPE, ..."""
        return ", ".join(f"`{name}` {column_type(self.types[name])}" for name in self.names())

    def fields(self, row: dict) -> list[str]:
        """The CSV fields of `row` for these columns, in order."""
        return [field(row.get(name), self.types[name]) for name in self.names()]

    def casts(self) -> str:
        """The RETURN list turning a CSV row's text fields into typed values."""
        return ", ".join(cast(name, self.types[name]) for name in self.names())

    def headers(self) -> str:
        """The column list of LOAD WITH HEADERS: every field read as text."""
        return ", ".join(f"`{name}` STRING" for name in self.names())


def column_type(type_: str) -> str:
    return STRING if type_ == JSON else type_


def field(value, type_: str) -> str:
    """One value as CSV text for a column of `type_`; "" for none."""
    if value is None or value == [] or value == "":
        return ""
    if type_ == STRINGS:
        return SEP.join(item.replace(ESC, ESC + "0").replace(SEP, ESC + "1") for item in value)
    if type_ == BOOL:
        return "true" if value else "false"
    if type_ == JSON:
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def cast(name: str, type_: str) -> str:
    """The Cypher that reads text field `name` back as a `type_` value."""
    column = f"`{name}`"
    if type_ == STRINGS:
        return (f"CASE WHEN {column} IS NULL THEN CAST([] AS STRING[]) "
                f"ELSE list_transform(string_split({column}, '{SEP}'), item -> "
                f"replace(replace(item, '{ESC}1', '{SEP}'), '{ESC}0', '{ESC}')) END")
    if type_ in (INT, FLOAT, BOOL):
        return f"CAST({column} AS {type_})"
    return column


def decode(row: dict, json_columns: Iterable[str]) -> dict:
    """A row as read from the database, its JSON columns decoded and nulls dropped."""
    json_columns = set(json_columns)
    return {key: json.loads(value) if key in json_columns else value
            for key, value in row.items() if value is not None}


def checked_label(label: str) -> str:
    if label not in NODE_LABELS:
        raise ValueError(f"{label!r} is not a node label of kg.model")
    return label


def checked_type(type_: str) -> str:
    if type_ not in EDGE_TYPES:
        raise ValueError(f"{type_!r} is not an edge type of kg.model")
    return type_
