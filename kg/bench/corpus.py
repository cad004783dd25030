"""Synthetic corpora of any size, made from the bundled corpus's real sentences.

Each synthetic paper has a real-looking abstract: sentences drawn from the bundled
abstracts (those where the authors propose something are left out, so every
proposal belongs to a synthetic name), as many words as a real abstract, plus a few
sentences naming invented methods and datasets. Names are reused the way the
literature reuses them: a method is PROPOSED by one paper ("We propose KalvoNet, …")
and USED by later ones, with Zipf-like popularity (the k-th method is chosen about
1/k as often as the first), so a few names are everywhere and most are rare.
Years rise with the paper's position, so a method's proposer comes before its users.
Authors come from an invented pool, also reused Zipf-like.

The same (n, seed) always gives the same papers, byte for byte.
"""

from __future__ import annotations

import json
import random
import re
from bisect import bisect
from collections import Counter
from collections.abc import Iterator
from itertools import accumulate
from pathlib import Path

from kg.inputs import BUNDLED_CORPUS, read_papers
from kg.model import name_key

ZIPF_EXPONENT = 1.1
PROPOSING_SHARE = 0.3  # papers that propose a method of their own
FIRST_YEAR, YEARS = 2012, 14
# Sentences where the real authors propose something: left out, so that a real name
# (NorMuon, …) is not proposed again by thousands of synthetic papers.
PROPOSAL = re.compile(r"\b(?i:we|this (?:paper|work)|here)\b[^.]{0,40}\b(?:propos|introduc|"
                      r"present|develop|call|dubb?|nam)(?:e|es|ed|ing|s)?\b")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")

ONSETS = "b c d f g h k l m n p r s t v z br cr dr fl gr kr pl pr st tr vl zh".split()
VOWELS = "a e i o u ai ei ou".split()
CODAS = "  n r s x l k m".split(" ")
METHOD_HEADS = "Net Former Mixer Flow GAN Diff Opt Tune LM Search Align Prompt Fusion".split()
DATASET_TAILS = ["Bench", "QA", "Eval", "Set", "-Hard", "Corpus"]
FIRST_NAMES = ("Ana Ben Chen Dara Eli Fatima Gus Hana Ivan Jun Kofi Lena Mateo Nia Omar "
               "Priya Quinn Ravi Sofia Tomas Uma Vera Wei Xin Yara Zane").split()

PROPOSE_TEMPLATES = [
    "We propose {m}, a new method that builds on {u}.",
    "In this paper, we introduce {m}, which extends {u} to larger models.",
    "We present {m}, a simple alternative to {u}.",
]
PROPOSED = re.compile(r"(?:We propose|In this paper, we introduce|We present) ([^,]+),")
USE_TEMPLATES = [
    "Our approach uses {u} as its backbone.",
    "We train all models with {u}.",
    "Compared with {u}, our method converges faster.",
    "We build on {u} and keep its training recipe.",
]
DATASET_TEMPLATES = [
    "Experiments on {d} show consistent gains.",
    "We evaluate on {d} and report accuracy.",
    "On the {d} benchmark, results improve over strong baselines.",
]


def proposed_name(record: dict) -> str | None:
    """The method a synthetic paper proposes (its abstract's first sentence says so), or None."""
    match = PROPOSED.match(record["abstract"])
    return match[1] if match else None


def zipf_pick(rng: random.Random, cumulative: list[float], available: int) -> int:
    """An index below `available`, chosen with Zipf weights (cumulative sums given)."""
    return bisect(cumulative, rng.random() * cumulative[available - 1], 0, available - 1)


def zipf_cumulative(size: int) -> list[float]:
    return list(accumulate(1 / (rank + 1) ** ZIPF_EXPONENT for rank in range(size)))


class Names:
    """Invented words, never the same name key twice (so two names never merge)."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.taken: set[str] = set()

    def word(self) -> str:
        syllables = self.rng.choice((2, 2, 3))
        return "".join(self.rng.choice(ONSETS) + self.rng.choice(VOWELS)
                       for _ in range(syllables)) + self.rng.choice(CODAS)

    def fresh(self, make) -> str:
        while True:
            name = make()
            if name_key(name) not in self.taken:
                self.taken.add(name_key(name))
                return name

    def method(self) -> str:
        shapes = (lambda: self.word().capitalize() + self.rng.choice(METHOD_HEADS),
                  lambda: self.word()[:3].upper() + "-" + str(self.rng.randint(2, 9)),
                  lambda: self.word().capitalize() + self.word().capitalize())
        return self.fresh(self.rng.choice(shapes))

    def dataset(self) -> str:
        return self.fresh(lambda: self.word().capitalize() + self.rng.choice(DATASET_TAILS))

    def person(self) -> str:
        return self.fresh(lambda: f"{self.rng.choice(FIRST_NAMES)} {self.word().capitalize()}")


def real_text() -> tuple[list[str], list[list[str]], list[int]]:
    """The bundled corpus's titles, its abstracts' sentences that propose nothing, and the
    word counts of its abstracts."""
    papers, _ = read_papers([BUNDLED_CORPUS])
    sentences = [[s for s in SENTENCE_END.split(paper.abstract) if not PROPOSAL.search(s)]
                 for paper in papers]
    return ([paper.title for paper in papers], [s for s in sentences if s],
            [len(paper.abstract.split()) for paper in papers])


def listing(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def synthetic_papers(n: int, seed: int = 0) -> Iterator[dict]:
    """`n` synthetic papers as JSON-able records: id, title, abstract, authors, year.

    In: how many papers and the random seed. Out: the records in order; paper i's year
    is never before that of a paper proposing a method it uses.
    """
    rng = random.Random(seed)
    names = Names(rng)
    titles, sentences, lengths = real_text()
    classics = [names.method() for _ in range(20 + n // 200)]  # used, never proposed here
    methods = list(classics)
    datasets = [names.dataset() for _ in range(20 + n // 50)]
    authors = [names.person() for _ in range(50 + n // 2)]
    method_weights = zipf_cumulative(len(classics) + n)
    dataset_weights, author_weights = zipf_cumulative(len(datasets)), zipf_cumulative(len(authors))
    seen_titles: Counter[str] = Counter()
    for index in range(n):
        used = [methods[i] for i in sorted({zipf_pick(rng, method_weights, len(methods))
                                            for _ in range(rng.randint(1, 4))})]
        evaluated = sorted({datasets[zipf_pick(rng, dataset_weights, len(datasets))]
                            for _ in range(rng.randint(1, 2))})
        added = [rng.choice(USE_TEMPLATES).format(u=name) for name in used[1:]]
        added.append(rng.choice(DATASET_TEMPLATES).format(d=listing(evaluated)))
        proposed = None
        if rng.random() < PROPOSING_SHARE:
            proposed = names.method()
            added.insert(0, rng.choice(PROPOSE_TEMPLATES).format(m=proposed, u=used[0]))
        else:
            added.insert(0, rng.choice(USE_TEMPLATES).format(u=used[0]))
        abstract = real_sentences(rng, sentences, rng.choice(lengths), added)
        title = unique_title(rng.choice(titles), proposed, used[0], evaluated[0], seen_titles)
        if proposed:
            methods.append(proposed)
        yield {"id": f"syn:{seed}:{index:07d}", "title": title, "abstract": abstract,
               "authors": sorted({authors[zipf_pick(rng, author_weights, len(authors))]
                                  for _ in range(rng.randint(1, 5))}),
               "year": FIRST_YEAR + YEARS * index // max(n, 1)}


def real_sentences(rng: random.Random, sentences: list[list[str]], words: int,
                   added: list[str]) -> str:
    """An abstract of about `words` words: the invented sentences, the first one leading,
    the rest placed among consecutive real sentences of one or two real abstracts."""
    body: list[str] = []
    count = sum(sentence.count(" ") + 1 for sentence in added)
    while count < words:
        source = rng.choice(sentences)
        start = rng.randrange(len(source))
        body += source[start:start + 3]
        count += sum(sentence.count(" ") + 1 for sentence in source[start:start + 3])
    for sentence in added[1:]:
        body.insert(rng.randint(0, len(body)), sentence)
    return " ".join([added[0], *body])


def unique_title(real: str, proposed: str | None, used: str, dataset: str,
                 seen: Counter[str]) -> str:
    """'Proposed: a real title' or 'A real title with Used on Dataset', made unique by
    '(part N)' if it came up before. The real title's own 'Name:' prefix is dropped."""
    head, colon, rest = real.partition(": ")
    real = rest if colon and len(head.split()) <= 4 else real
    title = f"{proposed}: {real}" if proposed else f"{real} with {used} on {dataset}"
    seen[title] += 1
    return f"{title} (part {seen[title]})" if seen[title] > 1 else title


def write_corpus(n: int, path: str | Path, seed: int = 0) -> int:
    """Write `n` synthetic papers to `path` as JSON Lines; out: how many were written."""
    count = 0
    with Path(path).open("w", encoding="utf-8") as out:
        for record in synthetic_papers(n, seed):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count
