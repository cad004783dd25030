"""spaCy training callbacks for training/config.cfg (loaded with `spacy train --code`).

kg.sm_vocab.v1: the training vocabulary gets en_core_web_sm's lexeme norms, so NORM
features match the pipeline the trained ner later runs in.
kg.sm_ner_tok2vec.v1: the new ner's tok2vec starts from en_core_web_sm's ner tok2vec
(same architecture), or from `weights`, that tok2vec trained further on unlabelled
abstracts (scripts/pretrain), which training then fine-tunes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import spacy
from spacy.language import Language


@spacy.registry.callbacks("kg.sm_vocab.v1")
def sm_vocab(model: str) -> Callable[[Language], Language]:
    def before_init(nlp: Language) -> Language:
        source = spacy.load(model, exclude=["parser", "ner", "tagger", "senter"])
        for name in source.vocab.lookups.tables:
            nlp.vocab.lookups.set_table(name, source.vocab.lookups.get_table(name))
        return nlp
    return before_init


@spacy.registry.callbacks("kg.sm_ner_tok2vec.v1")
def sm_ner_tok2vec(model: str, weights: str | None = None) -> Callable[[Language], Language]:
    def after_init(nlp: Language) -> Language:
        if weights:
            data = Path(weights).read_bytes()
        else:
            source = spacy.load(model, exclude=["parser", "tagger", "senter", "tok2vec"])
            data = source.get_pipe("ner").model.get_ref("tok2vec").to_bytes()
        nlp.get_pipe("ner").model.get_ref("tok2vec").from_bytes(data)
        return nlp
    return after_init
