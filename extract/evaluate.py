"""Scoring extraction against hand annotations: kg's gold papers (docs/annotation.md)
and the public benchmarks SciERC and SciER (extract.benchmarks), read directly.

Entity level, per paper, alias-aware: a predicted entity matches a gold entity of
the same type when any of their names (name or alias) share a name key (a term's
last word counts in the singular: 'neural networks' matches 'neural network', 'LLMs'
matches 'LLM').
Each gold entity matches at most one prediction. Every type a file annotates is
scored: all five on kg's gold and SciERC, Method/Dataset/Task on SciER.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from kg.extract import DEFAULT_ENTITIES, DEFAULT_MODEL, extract_papers
from kg.extract.benchmarks import Annotated, first_record, json_lines, read_benchmark
from kg.extract.tags import singular

from kg.model import (
    CONCEPT,
    DATASET,
    ENTITY_LABELS,
    METHOD,
    METRIC,
    PROPOSES,
    TASK,
    Paper,
    name_key,
)

SCORED_TYPES = ENTITY_LABELS
# The types the public benchmarks' headline F1 counts (the issue's targets).
HEADLINE_TYPES = (METHOD, DATASET, TASK, METRIC)


def read_gold(path: str | Path) -> list[dict]:
    """Gold records, one JSON object per line (see docs/annotation.md).

    Raises ValueError naming the file and line of a record that is not JSON or lacks a
    title, an abstract, entities (a name and a type each, aliases a list of names) or
    abbreviations (a short and a long form each).
    """
    records = []
    for number, record in json_lines(path):
        if not (isinstance(record.get("title"), str)
                and isinstance(record.get("abstract"), str)
                and isinstance(record.get("entities"), list)
                and isinstance(record.get("abbreviations"), list)
                and all(isinstance(a, dict) and isinstance(a.get("short"), str) and
                        isinstance(a.get("long"), str) for a in record["abbreviations"])
                and all(isinstance(e, dict) and isinstance(e.get("name"), str) and
                        isinstance(e.get("type"), str) and
                        isinstance(e.get("aliases", []), list) and
                        all(isinstance(alias, str) for alias in e.get("aliases", []))
                        for e in record["entities"])):
            raise ValueError(f"{path}:{number}: a gold record has a title, an abstract, "
                             "entities (a name, a type and a list of aliases each) and "
                             "abbreviations (a short and a long form each)")
        records.append(record)
    return records


def name_keys(name: str) -> set[str]:
    """The name's key, and also with its last word singular (docs/annotation.md: plurals
    take the singular form): a word's ('neural networks', 'Structural Equation Models')
    or an acronym's ('LLMs', 'recurrent GNNs', 'ResNets')."""
    words = name.split()
    if not words:
        return {name_key(name)}
    last = words[-1]
    if re.fullmatch(r"[A-Z]\w*[A-Z]\d*s", last):
        one = last[:-1]
    elif last.isalpha() and last[1:].islower():
        one = singular(last.lower())
    else:
        return {name_key(name)}
    return {name_key(name), name_key(" ".join([*words[:-1], one]))}


def keys(entity: dict) -> set[str]:
    return set().union(*(name_keys(n) for n in [entity["name"], *entity.get("aliases", [])])) \
        - {""}


def match_count(predicted: list[dict], gold: list[dict]) -> int:
    """How many gold entities a distinct prediction matches."""
    unused = [keys(p) for p in predicted]
    matched = 0
    for item in gold:
        wanted = keys(item)
        hit = next((i for i, names in enumerate(unused) if names & wanted), None)
        if hit is not None:
            unused.pop(hit)
            matched += 1
    return matched


def scores(true_positives: int, predicted: int, gold: int) -> dict:
    precision = true_positives / predicted if predicted else 0.0
    recall = true_positives / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
            "tp": true_positives, "predicted": predicted, "gold": gold}


class Tally:
    """True positives, predictions and gold items, summed over papers."""

    def __init__(self) -> None:
        self.tp = self.predicted = self.gold = 0

    def add(self, predicted: list[dict], gold: list[dict]) -> None:
        self.tp += match_count(predicted, gold)
        self.predicted += len(predicted)
        self.gold += len(gold)

    def scores(self) -> dict:
        return scores(self.tp, self.predicted, self.gold)


def abbreviation_hits(predicted: list[dict], gold: list[dict]) -> int:
    found = {(a["short"].rstrip("s"), name_key(a["long"])) for a in predicted}
    return sum((a["short"].rstrip("s"), name_key(a["long"])) in found for a in gold)


def differences(title: str, label: str, predicted: list[dict], wanted: list[dict]) -> list[dict]:
    """What one paper's prediction of one type missed and added: [] or one error record."""
    missed = [e["name"] for e in wanted if not any(keys(e) & keys(p) for p in predicted)]
    extra = [e["name"] for e in predicted if not any(keys(e) & keys(g) for g in wanted)]
    return [{"title": title, "type": label, "missed": missed, "extra": extra}] \
        if missed or extra else []


def evaluate(gold_records: Iterable[dict], model: str = DEFAULT_MODEL,
             entities: str = DEFAULT_ENTITIES) -> dict:
    """Precision, recall and F1 per type, PROPOSES F1 and role accuracy, abbreviation recall.

    Returns {"papers", "types": {type: scores}, "proposes": scores,
    "role_accuracy", "abbreviation_recall", "errors": per-paper misses and extras}.
    """
    gold_records = list(gold_records)
    papers = [Paper(title=g["title"], abstract=g["abstract"]) for g in gold_records]
    return score_records(gold_records, extract_papers(papers, model, entities=entities))


def score_records(gold_records: list[dict], records: Iterable[dict]) -> dict:
    """`evaluate`'s scores of records ({"entities", "abbreviations"} each, as
    kg extracts them or as a second annotator wrote them) against gold_records, in order."""
    # Concepts count where the gold file lists any (kg's gold files do not: annotation.md).
    listed = {e["type"] for g in gold_records for e in g["entities"]}
    annotated = SCORED_TYPES if CONCEPT in listed else HEADLINE_TYPES
    by_type = {label: Tally() for label in annotated}
    proposes = Tally()
    roles_right = roles_compared = abbreviations_found = abbreviations_gold = 0
    errors = []
    for gold, record in zip(gold_records, records, strict=True):
        for label in annotated:
            predicted = [e for e in record["entities"] if e["type"] == label]
            wanted = [e for e in gold["entities"] if e["type"] == label]
            by_type[label].add(predicted, wanted)
            errors += differences(gold["title"], label, predicted, wanted)
        predicted_methods = [e for e in record["entities"] if e["type"] == METHOD]
        gold_methods = [e for e in gold["entities"] if e["type"] == METHOD]
        proposes.add([e for e in predicted_methods if e["role"] == PROPOSES],
                     [e for e in gold_methods if e.get("role") == PROPOSES])
        for item in gold_methods:
            twin = next((p for p in predicted_methods if keys(p) & keys(item)), None)
            if twin is not None:
                roles_compared += 1
                roles_right += (twin["role"] == PROPOSES) == (item.get("role") == PROPOSES)
        abbreviations_found += abbreviation_hits(record["abbreviations"], gold["abbreviations"])
        abbreviations_gold += len(gold["abbreviations"])
    return {
        "papers": len(gold_records),
        "types": {label: tally.scores() for label, tally in by_type.items()},
        "proposes": proposes.scores(),
        "role_accuracy": round(roles_right / roles_compared, 3) if roles_compared else 0.0,
        "abbreviation_recall": round(abbreviations_found / abbreviations_gold, 3)
        if abbreviations_gold else 0.0,
        "errors": errors,
    }


def unique_entities(document: Annotated, label: str) -> list[dict]:
    """A benchmark document's entities of one type, one per name key."""
    seen: dict[str, dict] = {}
    for name, found_label in document.names():
        if found_label == label:
            seen.setdefault(min(name_keys(name)), {"name": name})
    return list(seen.values())


def without_open(predicted: list[dict], wanted: list[dict], open_names: set[str]) -> list[dict]:
    """The predictions to score: one naming only a span the scheme leaves open (a SciERC
    Material that is no named data set: 'images') is neither right nor wrong."""
    named = set().union(*(keys(item) for item in wanted))
    return [item for item in predicted if not keys(item) & open_names or keys(item) & named]


def evaluate_benchmark(documents: list[Annotated], model: str = DEFAULT_MODEL,
                       entities: str = DEFAULT_ENTITIES) -> dict:
    """Per-type and headline (Method/Dataset/Task/Metric, micro) precision, recall, F1 on
    SciERC or SciER documents: each document's text extracted as one paper.

    Returns {"documents", "types": {type: scores}, "headline": scores, "errors": per-document
    misses and extras}.
    """
    papers = [Paper(title="", abstract=document.text) for document in documents]
    records = extract_papers(papers, model, entities=entities)
    by_type = {label: Tally() for label in SCORED_TYPES}
    errors = []
    for document, record in zip(documents, records, strict=True):
        open_names = set().union(*(name_keys(" ".join(document.words[s:e]))
                                   for s, e in document.unknown))
        for label in SCORED_TYPES:
            if label in document.scored_types:
                wanted = unique_entities(document, label)
                predicted = without_open([e for e in record["entities"] if e["type"] == label],
                                         wanted, open_names)
                by_type[label].add(predicted, wanted)
                errors += differences(document.doc_id, label, predicted, wanted)
    scored = {label: tally for label, tally in by_type.items() if tally.gold}
    headline = Tally()
    for label in HEADLINE_TYPES:
        if label in scored:
            headline.tp += scored[label].tp
            headline.predicted += scored[label].predicted
            headline.gold += scored[label].gold
    return {"documents": len(documents),
            "types": {label: tally.scores() for label, tally in scored.items()},
            "headline": headline.scores(), "errors": errors}


def evaluate_file(path: str | Path, model: str = DEFAULT_MODEL,
                  entities: str = DEFAULT_ENTITIES) -> dict:
    """Score extraction against a file of any kind `kg eval` reads: kg's gold JSON Lines
    (title, abstract, entities), SciERC (.json, DyGIE) or SciER (.jsonl); told by content.

    Raises ValueError when it is none of these, naming the file and line of a bad record;
    an error while extracting is no error of the file and is raised as it is.
    """
    _, record = first_record(path)
    is_gold = "title" in record and "entities" in record
    data = read_gold(path) if is_gold else read_benchmark(path)
    if is_gold:
        return {"format": "gold", **evaluate(data, model, entities)}
    kind = "SciERC" if data and data[0].doc_id.startswith("scierc:") else "SciER"
    return {"format": kind, **evaluate_benchmark(data, model, entities)}
