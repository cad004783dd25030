"""The Cypher that kg runs, read from the .cypher files of cypher/ (the package data
of kg.cypher, so a regular install has them too).

Load queries are written for one label or relationship type with placeholders
(`_Label_`, `_From_`, `_To_`, `_TYPE_`); `fill` puts in names from the fixed
whitelists of kg.model, never from data. Every value is a `$parameter`.
"""

from __future__ import annotations

from importlib.resources import files

from kg.model import EDGE_TYPES, NODE_LABELS

CYPHER_DIR = files("kg.cypher")
QUERIES_DIR = CYPHER_DIR / "queries"
SLOTS = {"Label": NODE_LABELS, "From": NODE_LABELS, "To": NODE_LABELS, "TYPE": EDGE_TYPES}


def read(name: str) -> str:
    """The text of cypher/<name>.cypher, e.g. read("load/nodes")."""
    return (CYPHER_DIR / f"{name}.cypher").read_text(encoding="utf-8")


def statements(text: str) -> list[str]:
    """The statements of a Cypher script: `//` comment lines dropped, split at `;`."""
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    return [statement.strip() for statement in code.split(";") if statement.strip()]


def fill(text: str, **names: str) -> str:
    """`text` with each placeholder _Slot_ replaced by a label or type from the whitelist.

    fill(q, Label="Method") -> q with `_Label_` as `Method`; ValueError for a name
    that is not in kg.model's NODE_LABELS (or EDGE_TYPES for TYPE).
    """
    for slot, name in names.items():
        if name not in SLOTS[slot]:
            raise ValueError(f"{name!r} is not a known {slot.lower()}: not in kg.model")
        text = text.replace(f"_{slot}_", name)
    return text
