"""Draw the papers of tests/data/fresh.jsonl: a seeded random sample of the bundled corpus
(data/hf-trending, read as kg reads it) that excludes every paper of tests/data/gold.jsonl.
Prints one JSON line per drawn paper ({"title", "abstract", "source": "corpus"}) for
annotation by hand (docs/annotation.md); says on stderr what it skipped and why.

    .venv/bin/python scripts/draw_fresh.py [N] > drawn.jsonl

The corpus papers are sorted by title, shuffled with random.Random(SEED), and taken in
that order; a paper is skipped if its title is in gold.jsonl, if it has no abstract, or
if it is listed in SKIP (judged by hand: not machine-learning research).
"""

from __future__ import annotations

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


def draw(n: int) -> list[dict]:
    """The first `n` usable corpus papers in the seeded order, as fresh.jsonl skeletons."""
    gold = {title_key(json.loads(line)["title"]) for line in GOLD.read_text().splitlines()}
    papers = sorted(read_papers()[0], key=lambda paper: paper.title)
    random.Random(SEED).shuffle(papers)
    drawn: list[dict] = []
    for paper in papers:
        if len(drawn) == n:
            break
        title, abstract = paper.title.strip(), paper.abstract.strip()
        if title_key(title) in gold:
            continue
        reason = "no abstract" if not abstract else SKIP.get(title)
        if reason:
            print(f"skipped: {title} ({reason})", file=sys.stderr)
            continue
        drawn.append({"title": title, "abstract": abstract, "source": "corpus"})
    return drawn


if __name__ == "__main__":
    for record in draw(int(sys.argv[1]) if len(sys.argv) > 1 else 30):
        print(json.dumps(record, ensure_ascii=False))
