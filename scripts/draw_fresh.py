"""Draw the papers of tests/data/fresh.jsonl and sealed.jsonl to sealed6.jsonl: a seeded random
sample of the bundled corpus (data/hf-trending, read as kg reads it) that excludes every
paper of tests/data/gold.jsonl. Prints one JSON line per drawn paper ({"title", "abstract",
"source": "corpus"}) for annotation by hand (docs/annotation.md); says on stderr what it
skipped and why.

    .venv/bin/python scripts/draw_fresh.py [N] > drawn.jsonl                     # fresh.jsonl
    .venv/bin/python scripts/draw_fresh.py 30 --exclude tests/data/fresh.jsonl   # sealed.jsonl
    .venv/bin/python scripts/draw_fresh.py 30 --exclude tests/data/fresh.jsonl \
        --exclude tests/data/sealed.jsonl                                        # sealed2.jsonl
    (and so on: sealed3.jsonl excludes sealed2.jsonl's titles too, sealed4.jsonl sealed3.jsonl's…)

The corpus papers are sorted by title, shuffled with random.Random(SEED), and taken in
that order; a paper is skipped if its title is in gold.jsonl or in an --exclude file, if
it has no abstract, or if it is listed in SKIP (judged by hand: not machine-learning
research). Excluding fresh.jsonl's titles gives the next papers of the same order (sealed.jsonl,
papers 31-60); excluding sealed.jsonl's too gives papers 61-90 (sealed2.jsonl), then 91-120
(sealed3.jsonl), 121-150 (sealed4.jsonl), 151-180 (sealed5.jsonl) and 181-210 (sealed6.jsonl).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from kg.inputs import read_papers

SEED = 20261130
GOLD = Path(__file__).resolve().parent.parent / "tests" / "data" / "gold.jsonl"
# Titles skipped by hand, with the reason (none so far).
SKIP: dict[str, str] = {}


def title_key(title: str) -> str:
    """A title compared case- and whitespace-insensitively."""
    return " ".join(title.split()).casefold()


def titles(path: Path) -> set[str]:
    """The title keys of a JSON Lines file of papers."""
    return {title_key(json.loads(line)["title"]) for line in path.read_text().splitlines()}


def draw(n: int, exclude: tuple[Path, ...] = ()) -> list[dict]:
    """The first `n` usable corpus papers in the seeded order, as fresh.jsonl skeletons;
    papers whose titles are in gold.jsonl or in an `exclude` file are left out."""
    left_out = set().union(*(titles(path) for path in (GOLD, *exclude)))
    papers = sorted(read_papers()[0], key=lambda paper: paper.title)
    random.Random(SEED).shuffle(papers)
    drawn: list[dict] = []
    for paper in papers:
        if len(drawn) == n:
            break
        title, abstract = paper.title.strip(), paper.abstract.strip()
        if title_key(title) in left_out:
            continue
        reason = "no abstract" if not abstract else SKIP.get(title)
        if reason:
            print(f"skipped: {title} ({reason})", file=sys.stderr)
            continue
        drawn.append({"title": title, "abstract": abstract, "source": "corpus"})
    return drawn


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=30, help="papers to draw (30)")
    parser.add_argument("--exclude", type=Path, action="append", default=[],
                        help="a JSON Lines file whose titles are left out too (repeatable)")
    args = parser.parse_args()
    for record in draw(args.n, tuple(args.exclude)):
        print(json.dumps(record, ensure_ascii=False))
