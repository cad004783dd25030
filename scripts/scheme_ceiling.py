#!/usr/bin/env python3
"""How much of a SciERC/SciER file's gold kg's written scheme admits: the recall ceiling.

    .venv/bin/python scripts/scheme_ceiling.py ../shared/datasets/scierc/dev.json

Each distinct gold Method/Task/Dataset/Metric entity of each document is put, as a span
of kg's own tokens, through the span filter's predicates (kg.extract.spans: without_article,
scheme_label, is_name_span), the ones docs/annotation.md is written in. Prints how many
pass per type, and the first that do not. SciERC annotates described methods ('parsing
algorithm') and bare tasks ('classification') the scheme excludes, so kg's recall on it
cannot pass this share.
"""

from __future__ import annotations

import sys
from collections import Counter

from kg.extract import spans
from kg.extract.benchmarks import read_benchmark
from kg.extract.pipeline import load_pipeline
from spacy.tokens import Span

TYPES = ("Method", "Task", "Dataset", "Metric")


def admitted(span: Span | None) -> bool:
    trimmed = spans.without_article(span) if span is not None else None
    label = spans.scheme_label(trimmed) if trimmed is not None else None
    return label is not None and \
        spans.is_name_span(Span(span.doc, trimmed.start, trimmed.end, label=label))


def main(path: str) -> None:
    nlp = load_pipeline(entities="rules")
    kept, total, refused = Counter(), Counter(), {}
    for document in read_benchmark(path):
        starts, position = [], 0
        for word in document.words:
            starts.append(position)
            position += len(word) + 1
        doc = nlp.make_doc(document.text)
        for name, component in nlp.pipeline:  # tags and sentences, as the filter sees them
            if name == "kg_span_filter":
                break
            doc = component(doc)
        seen = set()
        for start, end, label in document.entities:
            key = (" ".join(document.words[start:end]).lower(), label)
            if label not in TYPES or key in seen:
                continue
            seen.add(key)
            span = doc.char_span(starts[start], starts[end - 1] + len(document.words[end - 1]),
                                 label=label, alignment_mode="expand")
            total[label] += 1
            if admitted(span):
                kept[label] += 1
            else:
                refused.setdefault(label, []).append(key[0])
    for label in TYPES:
        if total[label]:
            share = kept[label] / total[label]
            print(f"{label:8} {kept[label]:4d} / {total[label]:4d}  {share:.3f}"
                  f"  not admitted, e.g.: {', '.join(refused.get(label, [])[:6])}")
    print(f"all      {sum(kept.values()):4d} / {sum(total.values()):4d}  "
          f"{sum(kept.values()) / sum(total.values()):.3f}")


if __name__ == "__main__":
    main(sys.argv[1])
