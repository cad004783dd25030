#!/usr/bin/env python3
"""Draw an outside pool: abstracts of 2026 daily listings of daily-arXiv-ai-enhanced that
no pool in tests/data and no training file uses, in a seeded order (docs/evaluation.md).

    git clone https://github.com/dw-dengwei/daily-arXiv-ai-enhanced LISTINGS
    scripts/draw_outside_pool.py LISTINGS --seed 2042 --pool 5 > tests/data/outside-pool5.jsonl

Six listing dates (--dates) no earlier pool uses are drawn with the seed, then 120 papers of those
dates (first category cs.LG, cs.CL, cs.CV, cs.AI, cs.IR, stat.ML, cs.NE or cs.RO; abstract
of 500-2,200 characters; title in no earlier pool, no training file and no corpus paper)
in its order; no paper listed on a training file's date either (scripts/pretrain reads
them). Training abstracts are drawn the same way (--pool one past the last pool,
so that every evaluation pool is excluded, and later pools exclude the training files).
Each pool's command gives that pool at the commit that added it: later training files and
exclusions change every draw. By pool 24 no listing date was left unused: --pool-dates draws
the papers earlier pools left on their dates (never a training file's date) instead.
"""

from __future__ import annotations

import argparse
import glob
import json
import random
import re
import subprocess
from pathlib import Path

COMMIT = "b4c542b7d61bff39f8b999b45b43f62b2bb94f75"
CATEGORIES = {"cs.LG", "cs.CL", "cs.CV", "cs.AI", "cs.IR", "stat.ML", "cs.NE", "cs.RO"}
ROOT = Path(__file__).resolve().parent.parent


def norm(title: str) -> str:
    return re.sub(r"\W+", " ", title.lower()).strip()


def git(repo: str, *args: str) -> str:
    return subprocess.run(["git", "-C", repo, *args], capture_output=True, text=True,
                          check=True).stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("listings", help="a clone of dw-dengwei/daily-arXiv-ai-enhanced")
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--pool", type=int, required=True,
                        help="the pool's number N: the pools before it are excluded")
    parser.add_argument("--count", type=int, default=120)
    parser.add_argument("--dates", type=int, default=6, help="how many listing dates to draw")
    parser.add_argument("--pool-dates", action="store_true",
                        help="draw from the dates earlier pools used (their other papers) "
                             "instead of unused dates: by pool 24 every date is used")
    args = parser.parse_args()
    used_titles, used_dates, training_dates, pool_dates = set(), set(), set(), set()
    earlier = [ROOT / "tests/data" / f"outside-pool{n if n > 1 else ''}.jsonl"
               for n in range(1, args.pool)]
    training = [Path(p) for p in glob.glob(str(ROOT / "training/data/*.jsonl"))]
    for path in earlier + training:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            used_titles.add(norm(record.get("title", "")))
            date = re.search(r"data/(\d{4}-\d\d-\d\d)\.jsonl", record.get("source", ""))
            if date:
                used_dates.add(date.group(1))
                (training_dates if path in training else pool_dates).add(date.group(1))
    # scripts/pretrain reads every abstract of the training files' listings: none is drawn
    for date in training_dates:
        for line in git(args.listings, "show", f"{COMMIT}:data/{date}.jsonl").splitlines():
            used_titles.add(norm(json.loads(line)["title"]))
    corpus = norm(" ".join(path.read_text(encoding="utf-8")
                           for path in (ROOT / "data/hf-trending").glob("*.txt")))
    files = git(args.listings, "ls-tree", "--name-only", COMMIT, "data/").split()
    dates = sorted(m.group(1) for f in files
                   if (m := re.fullmatch(r"data/(2026-\d\d-\d\d)\.jsonl", f))
                   and (m.group(1) in pool_dates - training_dates if args.pool_dates
                        else m.group(1) not in used_dates))
    random.seed(args.seed)
    chosen = sorted(random.sample(dates, args.dates))
    candidates = []
    for date in chosen:
        for line in git(args.listings, "show", f"{COMMIT}:data/{date}.jsonl").splitlines():
            paper = json.loads(line)
            title, abstract = " ".join(paper["title"].split()), " ".join(paper["summary"].split())
            if not paper.get("categories") or paper["categories"][0] not in CATEGORIES or \
                    not 500 <= len(abstract) <= 2200 or norm(title) in used_titles or \
                    norm(title) in corpus:
                continue
            candidates.append({"title": title, "abstract": abstract, "arxiv": paper["id"],
                               "source": f"github:dw-dengwei/daily-arXiv-ai-enhanced@{COMMIT}"
                                         f":data/{date}.jsonl"})
    random.shuffle(candidates)
    seen = set()
    for paper in candidates:
        if norm(paper["title"]) not in seen and len(seen) < args.count:
            seen.add(norm(paper["title"]))
            print(json.dumps({k: paper[k] for k in ("title", "abstract", "source", "arxiv")},
                             ensure_ascii=False))


if __name__ == "__main__":
    main()
