"""Scoring extraction against hand-annotated gold papers (docs/annotation.md).

Entity level, per paper, alias-aware: a predicted entity matches a gold entity of
the same type when any of their names (name or alias) share a name key. Each
gold entity matches at most one prediction. Concepts are not annotated, so not scored.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from kg.extract import DEFAULT_MODEL, extract_papers

from kg.model import DATASET, METHOD, METRIC, PROPOSES, TASK, Paper, name_key

SCORED_TYPES = (METHOD, DATASET, TASK, METRIC)


def read_gold(path: str | Path) -> list[dict]:
    """Gold records, one JSON object per line (see docs/annotation.md)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def keys(entity: dict) -> set[str]:
    return {name_key(n) for n in [entity["name"], *entity.get("aliases", [])]} - {""}


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


def evaluate(gold_records: Iterable[dict], model: str = DEFAULT_MODEL) -> dict:
    """Precision, recall and F1 per type, PROPOSES F1 and role accuracy, abbreviation recall.

    Returns {"papers", "types": {type: scores}, "proposes": scores,
    "role_accuracy", "abbreviation_recall", "errors": per-paper misses and extras}.
    """
    gold_records = list(gold_records)
    papers = [Paper(title=g["title"], abstract=g["abstract"]) for g in gold_records]
    by_type = {label: Tally() for label in SCORED_TYPES}
    proposes = Tally()
    roles_right = roles_compared = abbreviations_found = abbreviations_gold = 0
    errors = []
    for gold, record in zip(gold_records, extract_papers(papers, model), strict=True):
        for label in SCORED_TYPES:
            predicted = [e for e in record["entities"] if e["type"] == label]
            wanted = [e for e in gold["entities"] if e["type"] == label]
            by_type[label].add(predicted, wanted)
            missed = [e["name"] for e in wanted if not any(keys(e) & keys(p) for p in predicted)]
            extra = [e["name"] for e in predicted if not any(keys(e) & keys(g) for g in wanted)]
            if missed or extra:
                errors.append({"title": gold["title"], "type": label, "missed": missed,
                               "extra": extra})
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
