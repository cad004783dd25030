"""Entities across papers: which names are one entity, and which methods build on which.

Resolution reads what papers name one record at a time (`Mentions`) and keeps only
each distinct (name, aliases, type) with its counts: its memory grows with the
vocabulary of the corpus, not with the number of papers.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache

from kg.edges import Edges
from kg.extract import gazetteer
from kg.extract.names import name_parts, shorter_runs
from kg.extract.tags import singular
from kg.model import CONCEPT, EXTENDS, METHOD, PROPOSES, VARIANT_OF, entity_id, name_key

MIN_CONCEPT_PAPERS = 2  # a concept named in one paper only is not a key concept
NAMES_CACHED = 1 << 18  # name -> key results kept: keys are asked for again and again

key_of = lru_cache(maxsize=NAMES_CACHED)(name_key)


class KeyClusters:
    """Union-find over name keys: names that are aliases of each other share a root."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def root(self, key: str) -> str:
        while self.parent.setdefault(key, key) != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def join(self, keys: list[str]) -> None:
        for key in keys[1:]:
            self.parent[self.root(key)] = self.root(keys[0])


def is_short_name(name: str) -> bool:
    """An acronym-like name ('DLL', 'NorMuon'): one short word with two capitals or more.
    Two papers may spell the same one out differently ('DAN')."""
    return " " not in name and len(name) <= 8 and sum(ch.isupper() for ch in name) >= 2


@lru_cache(maxsize=NAMES_CACHED)
def spelled_key(name: str) -> str:
    """The key of a spelled-out name, singular or plural alike ('Gaussian processes')."""
    *words, last = name.split() or [""]
    return key_of(" ".join([*words, singular(last)]))


def name_keys(entity: dict) -> tuple[list[str], list[str]]:
    """The keys of an entity's (spelled-out names, short names)."""
    names = [entity["name"], *entity["aliases"]]
    spelled = [spelled_key(n) for n in names if not is_short_name(n) and spelled_key(n)]
    short = [key_of(n) for n in names if is_short_name(n) and key_of(n)]
    return spelled, short


def entity_keys(entity: dict) -> list[str]:
    """Every key of an entity, spelled-out names first: the first one finds its cluster."""
    spelled, short = name_keys(entity)
    return list(dict.fromkeys(spelled + short))


def cluster_names(entities: list[dict]) -> KeyClusters:
    """Names of one entity across papers, clustered.

    Spelled-out names join their own entity's names. A short name joins the one
    cluster that spells it out; where two clusters spell it out differently
    ('Deep Attention Network' and 'Domain Adversarial Network' for DAN) it joins
    neither, so the two stay apart.
    """
    clusters = KeyClusters()
    for entity in entities:
        spelled, short = name_keys(entity)
        clusters.join(spelled if spelled else short)
    owners = defaultdict(set)
    for entity in entities:
        spelled, short = name_keys(entity)
        for key in short if spelled else []:
            owners[key].add(clusters.root(spelled[0]))
    for entity in entities:
        for key in name_keys(entity)[1]:
            if len(owners[key]) == 1:
                clusters.join([next(iter(owners[key])), key])
    return clusters


class Mentions:
    """What resolution needs of the papers' records, gathered one record at a time:
    each distinct (name, aliases, type) named, how many times, and (up to
    MIN_CONCEPT_PAPERS of) the papers naming it, in the order first named."""

    def __init__(self) -> None:
        self.seen: dict[tuple[str, tuple[str, ...], str], tuple[list[int], set[str]]] = {}

    def add(self, record: dict) -> None:
        for entity in record["entities"]:
            count, papers = self.seen.setdefault(
                (entity["name"], tuple(entity["aliases"]), entity["type"]), ([0], set()))
            count[0] += 1
            if len(papers) < MIN_CONCEPT_PAPERS:
                papers.add(record["id"])


def resolve_entities(mentions: Mentions) -> dict[str, dict]:
    """Every name key -> its merged entity: {"id", "label", "name", "aliases", "keep"}.

    The name is the one papers use most (the longer on a tie), the label the
    gazetteer's or else the one most papers gave (a specific type winning a tie with
    Concept); a concept named in one paper only, with no alias, is not kept.
    """
    clusters = cluster_names([{"name": name, "aliases": aliases}
                              for name, aliases, _ in mentions.seen])
    merged: dict[str, dict] = defaultdict(lambda: {"names": Counter(), "labels": Counter(),
                                                    "papers": set()})
    for (name, aliases, label), ([count], papers) in mentions.seen.items():
        item = merged[clusters.root(entity_keys({"name": name, "aliases": aliases})[0])]
        item["names"][name] += count
        item["names"].update(dict.fromkeys(aliases, 0))
        item["labels"][label] += count
        item["papers"] |= papers
    resolved = {}
    for root, item in merged.items():
        name = max(item["names"], key=lambda n: (item["names"][n], len(n)))
        known = next(filter(None, map(gazetteer.lookup, item["names"])), None)
        label = known[0] if known else max(item["labels"], key=lambda label: (
            item["labels"][label], label != CONCEPT))
        aliases = sorted({n for n in item["names"] if key_of(n) != key_of(name)})
        keep = label != CONCEPT or len(item["papers"]) >= MIN_CONCEPT_PAPERS or aliases
        resolved[root] = {"id": entity_id(label, name), "label": label, "name": name,
                          "aliases": aliases, "keep": keep}
    return {key: resolved[clusters.root(key)] for key in clusters.parent}


def node_of(entity: dict, entities: dict[str, dict]) -> dict:
    """The resolved entity a record's entity is."""
    return entities[entity_keys(entity)[0]]


def add_variants(methods: dict[str, dict], edges: Edges) -> None:
    """VARIANT_OF between methods whose names build on each other ('NorMuon' on 'Muon').

    `methods`: method node id -> node dict ({"name", "aliases", ...}).
    """
    by_parts = defaultdict(set)
    for node, data in methods.items():
        by_parts[tuple(name_parts(data["name"]))].add(node)
    for node, data in methods.items():
        for run in {run for name in [data["name"], *data["aliases"]] for run in shorter_runs(name)}:
            for base in by_parts.get(run, set()) - {node}:
                edges.add(node, base, VARIANT_OF,
                          [f"The name {data['name']} builds on {methods[base]['name']}."])


def add_extends(record: dict, entities: dict[str, dict], edges: Edges) -> None:
    """EXTENDS from the methods a paper proposes to those its text says they extend."""
    proposed = [node_of(e, entities) for e in record["entities"]
                if e["role"] == PROPOSES and e["type"] == METHOD]
    for name in record["extends"]:
        base = entities.get(key_of(name))
        for node in proposed:
            if base and base["keep"] and node["keep"] and base["id"] != node["id"]:
                edges.add(node["id"], base["id"], EXTENDS,
                          [row["sentence"] for row in record["mentions"]
                           if row["entity"] == name][:1])
