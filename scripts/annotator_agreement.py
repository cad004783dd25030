#!/usr/bin/env python3
"""How far two people annotating the same abstracts to docs/annotation.md agree, scored the
way `kg eval` scores kg (per paper, normalized names, alias-aware, one to one).

    .venv/bin/python scripts/annotator_agreement.py FIRST.jsonl SECOND.jsonl

FIRST and SECOND hold the same papers in the same order (kg's gold format). SECOND is
scored as if it were kg's output against FIRST: F1 per type is symmetric (precision and
recall swap with the files), so it is the ceiling a perfect extractor could expect against
either annotator. Prints one line per type, PROPOSES F1 and the abbreviations SECOND finds
of FIRST's.
"""

from __future__ import annotations

import argparse

from kg.extract.evaluate import read_gold, score_records


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("first")
    parser.add_argument("second")
    args = parser.parse_args()
    first, second = read_gold(args.first), read_gold(args.second)
    titles = [record["title"] for record in first]
    if titles != [record["title"] for record in second]:
        parser.error("the two files must hold the same papers in the same order")
    result = score_records(first, second)
    print(f"{len(first)} papers; {args.second} scored against {args.first}")
    print(f"{'type':10} {'precision':>9} {'recall':>6} {'F1':>6} {'first':>6} {'second':>6}")
    for label, by_type in [*result["types"].items(), ("PROPOSES", result["proposes"])]:
        print(f"{label:10} {by_type['precision']:9.3f} {by_type['recall']:6.3f} "
              f"{by_type['f1']:6.3f} {by_type['gold']:6} {by_type['predicted']:6}")
    print(f"abbreviations of the first found by the second: {result['abbreviation_recall']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
