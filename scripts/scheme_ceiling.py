#!/usr/bin/env python3
"""How much of a SciERC/SciER file's gold kg's written scheme admits: the recall ceiling.

    .venv/bin/python scripts/scheme_ceiling.py ../shared/datasets/scierc/dev.json

Each distinct gold Method/Task/Dataset/Metric entity of each document is put, as a span
of kg's own tokens, through the span filter's own test (kg.extract.spans.as_name: articles
trimmed, typed by the scheme, the name predicates), the one docs/annotation.md is written
in. Prints how many pass per type, and the first that do not. SciERC annotates described
methods ('parsing algorithm') and bare tasks ('classification') the scheme excludes, so
kg's recall on it cannot pass this share.
"""

from __future__ import annotations

import sys
from collections import Counter

from kg.extract import spans
from kg.extract.benchmarks import read_benchmark
from kg.extract.pipeline import as_filter_sees, load_pipeline

TYPES = ("Method", "Task", "Dataset", "Metric")


def main(path: str) -> None:
    nlp = load_pipeline(entities="rules")
    kept, total, refused = Counter(), Counter(), {}
    for document in read_benchmark(path):
        offsets = document.word_offsets()
        doc = as_filter_sees(nlp, nlp.make_doc(document.text))
        seen = set()
        for start, end, label in document.entities:
            key = (" ".join(document.words[start:end]).lower(), label)
            if label not in TYPES or key in seen:
                continue
            seen.add(key)
            span = doc.char_span(offsets[start][0], offsets[end - 1][1], label=label,
                                 alignment_mode="expand")
            total[label] += 1
            if span is not None and spans.as_name(span) is not None:
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
