#!/usr/bin/env python3
"""Print docs/evaluation.md's tables: `kg eval` of every evaluation set, per entity source.

    .venv/bin/python scripts/eval_tables.py [--data DIR] [--sources combined,rules,model] [--sealed]
    .venv/bin/python scripts/eval_tables.py --summary    # the README's table

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
C37d and the two final checks), of the twelfth, outside37.jsonl to outside40.jsonl (pooled
in pairs, spent once on C38 and the final check), of the thirteenth, outside41.jsonl to
outside44.jsonl (pooled, spent once on C39) and, of the fourteenth, outside45.jsonl to
outside52.jsonl (pooled in pairs, spent once on C43, the final check, C44 and C45) and
outside53.jsonl to outside56.jsonl (pooled, spent once on the second final check), and of
the fifteenth, outside57.jsonl to outside68.jsonl (pooled in fours, spent once on C47, C48
with the final check, and C49), of the sixteenth, outside69.jsonl to outside84.jsonl
(pooled in fours, spent once on C50, C51, C52 and C53b), of the seventeenth,
outside85.jsonl to outside96.jsonl (pooled in fours, spent once on C54, C55 and C56), and
of the eighteenth, outside97.jsonl to outside116.jsonl (pooled in fours, spent once on
C57b, C58, C60 and C59, and on the session's start against its end) are scored with
--sealed.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from kg.extract.evaluate import evaluate, evaluate_file, read_gold

ROOT = Path(__file__).resolve().parent.parent
TYPES = ("Method", "Dataset", "Task", "Metric", "Concept")
# outside sets scored by a decision (a later pool is the next decision's test set).
LAST_SPENT = 116


def sets(data: Path, sealed: bool) -> list[tuple[str, list[Path]]]:
    """The evaluation sets, each one file or several scored as one (the pooled test set)."""
    gold = ROOT / "tests" / "data"

    def files(*names: str) -> list[Path]:
        return [gold / f"{name}.jsonl" for name in names]

    def pool(first: int, role: str) -> tuple[str, list[Path]]:
        """A pool's four 30-paper parts from outside{first}, scored as one."""
        return (f"outside{first}-{first + 3} (120, not corpus), test ({role})",
                files(*(f"outside{n}" for n in range(first, first + 4))))

    return [("gold (63)", files("gold")), ("held-out (10)", files("heldout")),
            ("fresh (30), development", files("fresh")),
            *([("sealed (30), validation", files("sealed")),
               ("sealed2 (30), development (spent)", files("sealed2")),
               ("sealed3+4 (60), test", files("sealed3", "sealed4")),
               ("sealed5+6 (60), decided the span check", files("sealed5", "sealed6")),
               ("sealed7+8 (60), test", files("sealed7", "sealed8")),
               ("outside4 (30, not corpus), test", files("outside4")),
               ("outside5 (30, not corpus), test", files("outside5")),
               ("outside8+9+10 (90, not corpus), test (spent on C29)",
                files("outside8", "outside9", "outside10")),
               ("outside11+12 (60, not corpus), test (spent on C30)",
                files("outside11", "outside12")),
               ("outside13+14 (60, not corpus), test (decided C31)",
                files("outside13", "outside14")),
               ("outside15+16 (60, not corpus), test (decided C32)",
                files("outside15", "outside16")),
               ("outside17+18 (60, not corpus), test (decided C36a)",
                files("outside17", "outside18")),
               ("outside19+20 (60, not corpus), test (decided C36b)",
                files("outside19", "outside20")),
               pool(21, "checked the tenth session"),
               ("outside25+26 (60, not corpus), test (decided C37a)",
                files("outside25", "outside26")),
               ("outside27+28 (60, not corpus), test (decided C37b)",
                files("outside27", "outside28")),
               ("outside29+30 (60, not corpus), test (decided C37c)",
                files("outside29", "outside30")),
               ("outside31+32 (60, not corpus), test (checked the eleventh session)",
                files("outside31", "outside32")),
               ("outside33+34 (60, not corpus), test (decided C37d)",
                files("outside33", "outside34")),
               ("outside35+36 (60, not corpus), test (checked the eleventh session again)",
                files("outside35", "outside36")),
               ("outside37+38 (60, not corpus), test (decided C38)",
                files("outside37", "outside38")),
               ("outside39+40 (60, not corpus), test (checked the twelfth session)",
                files("outside39", "outside40")),
               pool(41, "decided C39"),
               ("outside45+46 (60, not corpus), test (C43 failed its rule)",
                files("outside45", "outside46")),
               ("outside47+48 (60, not corpus), test (checked the fourteenth session)",
                files("outside47", "outside48")),
               ("outside49+50 (60, not corpus), test (decided C44)",
                files("outside49", "outside50")),
               ("outside51+52 (60, not corpus), test (decided C45)",
                files("outside51", "outside52")),
               pool(53, "checked the fourteenth session again"),
               pool(57, "decided C47"),
               pool(61, "decided C48, checked the fifteenth session"),
               pool(65, "decided C49"),
               pool(69, "decided C50"),
               pool(73, "decided C51"),
               pool(77, "decided C52"),
               pool(81, "decided C53b"),
               pool(85, "decided C54"),
               pool(89, "decided C55"),
               pool(93, "decided C56"),
               pool(97, "decided C57b"),
               pool(101, "decided C58"),
               pool(105, "decided C60"),
               pool(109, "decided C59"),
               pool(113, "measured the session's start and end")]
              if sealed else []),
            ("outside1+2 (60, not corpus), development (spent)", files("outside1", "outside2")),
            ("outside3 (30, not corpus), development", files("outside3")),
            ("outside6+7 (60, not corpus), development (spent)", files("outside6", "outside7")),
            ("SciER dev", [data / "scier" / "dev.jsonl"]),
            ("SciERC dev", [data / "scierc" / "dev.json"])]


def summary_sets(data: Path) -> list[tuple[str, list[Path]]]:
    """The README's rows: gold, held-out, every blind set of corpus papers pooled, every
    set of papers from outside the corpus pooled, SciER and SciERC."""
    gold = ROOT / "tests" / "data"
    blind = ["fresh", "sealed", *(f"sealed{n}" for n in range(2, 9))]
    outside = sorted((path for path in gold.glob("outside[0-9]*.jsonl")
                      if int(path.stem[7:]) <= LAST_SPENT), key=lambda p: int(p.stem[7:]))
    return [("gold (63 corpus abstracts)", [gold / "gold.jsonl"]),
            ("held-out (10)", [gold / "heldout.jsonl"]),
            ("270 corpus abstracts annotated blind (fresh, sealed to sealed8)",
             [gold / f"{name}.jsonl" for name in blind]),
            (f"{30 * len(outside):,} arXiv 2026 abstracts from outside the corpus, annotated "
             f"blind (outside1 to outside{len(outside)})", outside),
            ("SciER dev (10 papers)", [data / "scier" / "dev.jsonl"]),
            ("SciERC dev (50 abstracts)", [data / "scierc" / "dev.json"])]


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


def header(corner: str) -> str:
    """A table's head and rule, `corner` in its first cell."""
    return f"| {corner} | " + " | ".join(TYPES) + " | headline | PROPOSES | abbrev. recall |\n" \
        + "|---" * (len(TYPES) + 4) + "|"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path(os.environ.get(
        "KG_DATASETS", "../shared/datasets")), help="folder with scierc/ and scier/")
    parser.add_argument("--sources", default="combined,rules,model")
    parser.add_argument("--sealed", action="store_true", help="also score the sealed sets")
    parser.add_argument("--summary", action="store_true",
                        help="the README's table: gold, held-out, the blind sets pooled")
    args = parser.parse_args()
    if args.summary:
        print(header("F1 (combined)"))
        for name, paths in summary_sets(args.data):
            print(row(name, score(paths, "combined")), flush=True)
        return
    for source in args.sources.split(","):
        print(f"### {source}\n")
        print(header("F1 (P / R)"))
        for name, paths in sets(args.data, args.sealed):
            print(row(name, score(paths, source)), flush=True)
        print()


if __name__ == "__main__":
    main()
