#!/usr/bin/env python3
"""`kg eval` with a second recognizer that must agree: the experiment of docs/model-card.md.

    .venv/bin/python scripts/agreement.py SECOND_MODEL FILE...

kg's pipeline as shipped, except that a model span counts only when SECOND_MODEL (a
`spacy train` output such as build/train-seed1/model-best) predicts the same span with the
same type; the rules are unchanged. Prints `kg eval`'s F1 per type (and the SciER/SciERC
headline) for each FILE. Not shipped: the second recognizer costs about a third of kg's
extraction speed (docs/model-card.md).
"""

from __future__ import annotations

import sys

import spacy
from kg.extract import pipeline
from kg.extract.evaluate import evaluate_file
from spacy.language import Language
from spacy.tokens import Doc

ship = pipeline.load_pipeline


@Language.component("kg_set_aside")
def set_aside(doc: Doc) -> Doc:
    """The first recognizer's spans, kept aside while the second predicts its own."""
    doc.spans["kg_first"] = list(doc.ents)
    doc.ents = ()
    return doc


@Language.component("kg_agreed")
def agreed(doc: Doc) -> Doc:
    """Only the spans both recognizers predict, with the same bounds and type."""
    first = {(span.start, span.end, span.label_) for span in doc.spans["kg_first"]}
    doc.ents = [span for span in doc.ents if (span.start, span.end, span.label_) in first]
    return doc


def with_second(second: str):
    def load(model: str = pipeline.DEFAULT_MODEL, entities: str = pipeline.DEFAULT_ENTITIES):
        nlp = ship(model, entities)
        if entities != "rules":
            nlp.add_pipe("kg_set_aside", after="kg_ner")
            nlp.add_pipe("ner", name="kg_ner_second", source=spacy.load(second),
                         after="kg_set_aside")
            nlp.add_pipe("kg_agreed", after="kg_ner_second")
        return nlp
    return load


def main(second: str, paths: list[str]) -> None:
    pipeline.load_pipeline = with_second(second)  # what kg.extract.extract_papers loads
    for path in paths:
        result = evaluate_file(path)
        headline = result.get("headline")
        print(path.rsplit("/", 1)[-1].ljust(16),
              " ".join(f"{label} {scores['f1']:.3f}" for label, scores in result["types"].items()),
              f"| headline {headline['f1']:.3f}" if headline else "")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
