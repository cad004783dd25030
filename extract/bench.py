"""Extraction speed: kg's pipeline against plain `nlp.pipe` over the full model, in one run."""

from __future__ import annotations

import os
import time

from kg.extract import DEFAULT_MODEL


def words_in(texts: list[str]) -> int:
    return sum(len(text.split()) for text in texts)


def timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def bench_extract(texts: list[str], model: str = DEFAULT_MODEL,
                  n_process: int | None = None, repeat: int = 3) -> dict:
    """Words per second of kg's extraction and of the full default pipeline, same texts.

    kg's side runs its trimmed pipeline (tagger and rules) on every core; the
    baseline is `spacy.load(model)` with `nlp.pipe` as it comes. Model loading is
    outside both timings; each side runs `repeat` times, alternating, and keeps its
    best time (the one least disturbed by a busy machine).
    Returns words, seconds, words/s and the ratio.
    """
    import spacy
    from kg.extract.pipeline import load_pipeline

    processes = n_process or os.cpu_count() or 1
    ours, plain = load_pipeline(model), spacy.load(model)
    ours_times, plain_times = [], []
    for _ in range(repeat):
        ours_times.append(timed(lambda: [doc._.kg for doc in ours.pipe(
            texts, n_process=processes, batch_size=64)]))
        plain_times.append(timed(lambda: list(plain.pipe(texts))))
    ours_seconds, plain_seconds = min(ours_times), min(plain_times)
    words = words_in(texts)
    return {"texts": len(texts), "words": words, "processes": processes, "repeat": repeat,
            "kg_seconds": round(ours_seconds, 2), "plain_seconds": round(plain_seconds, 2),
            "kg_words_per_second": round(words / ours_seconds),
            "plain_words_per_second": round(words / plain_seconds),
            "speedup": round(plain_seconds / ours_seconds, 2)}
