"""How nodes are found by name: the keys a node is known by and which node wins
when a name fits several. Plain string handling shared by both stores."""

from __future__ import annotations

from kg.model import PAPER, name_key, normalize_title

# When a name fits several nodes, the more specific label wins.
LABEL_PREFERENCE = ("Method", "Dataset", "Task", "Metric", "Paper", "Concept", "Author",
                    "Reference")


def node_names(data: dict) -> list[str]:
    """A node's name and aliases."""
    return [data.get("name", ""), *(data.get("aliases") or [])]


def lookup_keys(data: dict) -> list[str]:
    """The keys a node is found by: the name key of its name and of each alias, each of
    them in lower case (what Cypher's toLower($name) meets), and for a paper its
    normalized title. Both stores keep these with the node, as `keys`."""
    keys = {key for n in node_names(data) for key in (name_key(n), n.lower())}
    if data.get("label") == PAPER:
        keys.add(normalize_title(data.get("name", "")))
    return sorted(key for key in keys if key)


def label_fits(node_label: str, label: str | None) -> bool:
    return label is None or node_label.lower() == label.lower()


def names_fit(name: str, label: str | None, data: dict) -> bool:
    """Is the node with attributes `data` (label, name, aliases) one called `name`?"""
    return label_fits(data["label"], label) and (
        any(name_key(n) == name_key(name) for n in node_names(data))
        or data["label"] == PAPER and normalize_title(data["name"]) == normalize_title(name))


def preference(label: str, degree: int, node: str) -> tuple:
    """Sort key among nodes of one name: the more specific label, then the busier node."""
    rank = LABEL_PREFERENCE.index(label) if label in LABEL_PREFERENCE else len(LABEL_PREFERENCE)
    return rank, -degree, node
