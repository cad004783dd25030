#!/usr/bin/env python3
"""Print docs/evaluation.md's tables: `kg eval` of every evaluation set, per entity source.

    .venv/bin/python scripts/eval_tables.py [--data DIR] [--sources combined,rules,model] [--sealed]

One markdown table per source (combined, rules, model), one row per set: F1 (precision /
recall) per type, the headline (Method/Dataset/Task/Metric, micro) on SciER/SciERC, PROPOSES
F1 and abbreviation recall on kg's own gold files. The sealed sets (sealed.jsonl, the
validation set that chooses among models; sealed2.jsonl, spent, now read as a development
set; sealed3.jsonl and sealed4.jsonl pooled, a test set; sealed5.jsonl and sealed6.jsonl
pooled, spent on the span check's decision; sealed7.jsonl and sealed8.jsonl pooled, a test
set; outside4.jsonl and outside5.jsonl, test sets of papers from outside the corpus, each
spent once) are scored only with --sealed, once a session, and only in aggregate
(docs/evaluation.md). outside1.jsonl and outside2.jsonl (pooled, spent once), outside3.jsonl,
and outside6.jsonl and outside7.jsonl (pooled, spent once), from outside the corpus too, are
development sets. outside8.jsonl to outside10.jsonl (pooled, spent once on C29),
outside11.jsonl and outside12.jsonl (pooled, spent once on C30), outside13.jsonl and
outside14.jsonl (pooled, spent once on C31), outside15.jsonl and outside16.jsonl (pooled,
spent once on C32), outside17.jsonl and outside18.jsonl (pooled, spent once on C36a) and
outside19.jsonl and outside20.jsonl (pooled, spent once on C36b) and outside21.jsonl to
outside24.jsonl (pooled, spent once on the tenth session's final check) and, of the eleventh
session, outside25.jsonl to outside36.jsonl (pooled in pairs, spent once on C37a, C37b, C37c,
C37d and the two final checks) and, of the twelfth, outside37.jsonl to outside40.jsonl (pooled
in pairs, spent once on C38 and the final check) are scored with --sealed.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from kg.extract.evaluate import evaluate, evaluate_file, read_gold

ROOT = Path(__file__).resolve().parent.parent
TYPES = ("Method", "Dataset", "Task", "Metric", "Concept")


def sets(data: Path, sealed: bool) -> list[tuple[str, list[Path]]]:
    """The evaluation sets, each one file or several scored as one (the pooled test set)."""
    gold = ROOT / "tests" / "data"
    return [("gold (63)", [gold / "gold.jsonl"]), ("held-out (10)", [gold / "heldout.jsonl"]),
            ("fresh (30), development", [gold / "fresh.jsonl"]),
            *([("sealed (30), validation", [gold / "sealed.jsonl"]),
               ("sealed2 (30), development (spent)", [gold / "sealed2.jsonl"]),
               ("sealed3+4 (60), test", [gold / "sealed3.jsonl", gold / "sealed4.jsonl"]),
               ("sealed5+6 (60), decided the span check",
                [gold / "sealed5.jsonl", gold / "sealed6.jsonl"]),
               ("sealed7+8 (60), test", [gold / "sealed7.jsonl", gold / "sealed8.jsonl"]),
               ("outside4 (30, not corpus), test", [gold / "outside4.jsonl"]),
               ("outside5 (30, not corpus), test", [gold / "outside5.jsonl"]),
               ("outside8+9+10 (90, not corpus), test (spent on C29)",
                [gold / "outside8.jsonl", gold / "outside9.jsonl", gold / "outside10.jsonl"]),
               ("outside11+12 (60, not corpus), test (spent on C30)",
                [gold / "outside11.jsonl", gold / "outside12.jsonl"]),
               ("outside13+14 (60, not corpus), test (decided C31)",
                [gold / "outside13.jsonl", gold / "outside14.jsonl"]),
               ("outside15+16 (60, not corpus), test (decided C32)",
                [gold / "outside15.jsonl", gold / "outside16.jsonl"]),
               ("outside17+18 (60, not corpus), test (decided C36a)",
                [gold / "outside17.jsonl", gold / "outside18.jsonl"]),
               ("outside19+20 (60, not corpus), test (decided C36b)",
                [gold / "outside19.jsonl", gold / "outside20.jsonl"]),
               ("outside21-24 (120, not corpus), test (checked the tenth session)",
                [gold / f"outside{n}.jsonl" for n in range(21, 25)]),
               ("outside25+26 (60, not corpus), test (decided C37a)",
                [gold / "outside25.jsonl", gold / "outside26.jsonl"]),
               ("outside27+28 (60, not corpus), test (decided C37b)",
                [gold / "outside27.jsonl", gold / "outside28.jsonl"]),
               ("outside29+30 (60, not corpus), test (decided C37c)",
                [gold / "outside29.jsonl", gold / "outside30.jsonl"]),
               ("outside31+32 (60, not corpus), test (checked the eleventh session)",
                [gold / "outside31.jsonl", gold / "outside32.jsonl"]),
               ("outside33+34 (60, not corpus), test (decided C37d)",
                [gold / "outside33.jsonl", gold / "outside34.jsonl"]),
               ("outside35+36 (60, not corpus), test (checked the eleventh session again)",
                [gold / "outside35.jsonl", gold / "outside36.jsonl"]),
               ("outside37+38 (60, not corpus), test (decided C38)",
                [gold / "outside37.jsonl", gold / "outside38.jsonl"]),
               ("outside39+40 (60, not corpus), test (checked the twelfth session)",
                [gold / "outside39.jsonl", gold / "outside40.jsonl"])]
              if sealed else []),
            ("outside1+2 (60, not corpus), development (spent)",
             [gold / "outside1.jsonl", gold / "outside2.jsonl"]),
            ("outside3 (30, not corpus), development", [gold / "outside3.jsonl"]),
            ("outside6+7 (60, not corpus), development (spent)",
             [gold / "outside6.jsonl", gold / "outside7.jsonl"]),
            ("SciER dev", [data / "scier" / "dev.jsonl"]),
            ("SciERC dev", [data / "scierc" / "dev.json"])]


def score(paths: list[Path], source: str) -> dict:
    """kg eval's scores of one file, or of several kg gold files pooled."""
    if len(paths) == 1:
        return evaluate_file(paths[0], entities=source)
    return evaluate([record for path in paths for record in read_gold(path)], entities=source)


def cell(scores: dict | None) -> str:
    if not scores:
        return "—"
    return f"**{scores['f1']:.3f}** ({scores['precision']:.2f} / {scores['recall']:.2f})"


def row(name: str, result: dict) -> str:
    types = result["types"]
    cells = [cell(types.get(label)) for label in TYPES]
    cells.append(cell(result.get("headline")))
    cells.append(cell(result.get("proposes")))
    recall = result.get("abbreviation_recall")
    cells.append(f"{recall:.3f}" if recall is not None else "—")
    return f"| {name} | " + " | ".join(cells) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path(os.environ.get(
        "KG_DATASETS", "../shared/datasets")), help="folder with scierc/ and scier/")
    parser.add_argument("--sources", default="combined,rules,model")
    parser.add_argument("--sealed", action="store_true", help="also score the sealed sets")
    args = parser.parse_args()
    for source in args.sources.split(","):
        print(f"### {source}\n")
        print("| F1 (P / R) | " + " | ".join(TYPES) + " | headline | PROPOSES | abbrev. recall |")
        print("|---" * (len(TYPES) + 4) + "|")
        for name, paths in sets(args.data, args.sealed):
            print(row(name, score(paths, source)), flush=True)
        print()


if __name__ == "__main__":
    main()
