"""scripts/train's training data: SciER leaves SciERC's Metric/Concept names open (missing,
not outside) with --open, SciERC is repeated with --scierc-repeat, dev balances both sets, and
--runtime-tokens carries the spans into kg's run-time tokens, --scheme names them as kg's
span filter does."""

from __future__ import annotations

import json
import runpy
from pathlib import Path

import pytest
import spacy
from kg.extract.benchmarks import Annotated
from kg.extract.pipeline import load_pipeline
from spacy.tokens import DocBin

from kg.model import DATASET, METHOD, TASK

TRAIN = runpy.run_path(str(Path(__file__).resolve().parent.parent / "scripts" / "train"),
                       run_name="train_script")

SCIERC_DOC = {
    "doc_key": "X01-1001",
    "sentences": [["A", "n-gram", "parser", "improves", "F1", "and", "word", "alignment", "."]],
    "ner": [[[1, 2, "Method"], [4, 4, "Metric"], [6, 7, "Task"]]],
    "relations": [[]], "clusters": []}
SCIER_LINE = {"doc_id": "p1", "sentence": "CornerNet raises the F1 of object detection .",
              "ner": [["CornerNet", "Method"], ["object detection", "Task"]],
              "rel": [], "rel_plus": []}


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("en").vocab


@pytest.fixture()
def data(tmp_path):
    for split in ("train", "dev"):
        (tmp_path / "scierc").mkdir(exist_ok=True)
        (tmp_path / "scier").mkdir(exist_ok=True)
        (tmp_path / "scierc" / f"{split}.json").write_text(json.dumps(SCIERC_DOC) + "\n")
        (tmp_path / "scier" / f"{split}.jsonl").write_text(json.dumps(SCIER_LINE) + "\n")
    return tmp_path


def written(data: Path, vocab, split: str, repeat: int | None, open_labels: set[str],
            prepare=None):
    path = TRAIN["write_corpus"](data, split, data, vocab, ["scierc", "scier"], repeat,
                                 open_labels, None, prepare)
    return list(DocBin().from_disk(path).get_docs(vocab))


def iob(doc) -> list[tuple[str, int, str]]:
    return [(token.text, token.ent_iob, token.ent_type_) for token in doc]


def test_scier_leaves_scierc_metric_names_open(data, vocab):
    scier = written(data, vocab, "train", 1, {"Metric", "Concept"})[-1]
    assert iob(scier)[:4] == [("CornerNet", 3, "Method"), ("raises", 2, ""), ("the", 2, ""),
                              ("F1", 0, "")]
    assert [(e.text, e.label_) for e in scier.ents] == [("CornerNet", "Method"),
                                                        ("object detection", "Task")]
    closed = written(data, vocab, "train", 1, set())[-1]
    assert iob(closed)[3] == ("F1", 2, "")


def test_scierc_repeated_in_train_and_dev_balanced(data, vocab):
    train = written(data, vocab, "train", 3, set())
    assert [doc[0].text for doc in train] == ["A", "A", "A", "CornerNet"]
    dev = written(data, vocab, "dev", None, set())
    assert len(dev) == 2  # 3 SciERC entities against 2 SciER ones: no repeat


def test_runtime_tokens(data, vocab):
    dataset, runtime = (written(data, vocab, "train", 1, set(), prepare)[0]
                        for prepare in (None, TRAIN["runtime_tokens"](spacy.blank("en"))))
    assert [(e.text, e.label_) for e in dataset.ents][0] == ("n-gram parser", "Method")
    assert [(e.text, e.label_) for e in runtime.ents][0] == ("n - gram parser", "Method")


def test_scheme_names_spans_as_the_span_filter_does():
    words = ("We train ResNet-18 on CIFAR-10 with a statistical model and the Transformer "
             "for classification and machine translation .").split()
    document = Annotated("scier:p1", words, [(2, 3, METHOD), (4, 5, DATASET), (7, 9, METHOD),
                                             (10, 12, METHOD), (13, 14, TASK), (15, 17, TASK)],
                         [], [0])
    named = TRAIN["in_scheme"](load_pipeline(entities="rules"))(document)
    # articles trimmed; a described model and a bare task are no entity (outside)
    assert named.names() == [("Transformer", METHOD), ("machine translation", TASK)]
    # names the filter refuses (no word to head them) are left open, not taught as outside
    assert [named.words[s:e] for s, e in named.unknown] == [["ResNet-18"], ["CIFAR-10"]]


def test_scheme_files_span_every_mention_of_a_name_or_alias(tmp_path):
    record = {"title": "LoRA-X: Adapters", "source": "test",
              "abstract": "We propose LoRA-X, built on low-rank adapters (LoRAs). LoRA-X-based "
                          "tuning beats superLoRA-X on GLUE; the glue code is ours.",
              "entities": [{"name": "LoRA-X", "type": METHOD, "aliases": [],
                            "role": "PROPOSES"},
                           {"name": "low-rank adapter", "type": METHOD, "aliases": ["LoRA"],
                            "role": "USES"},
                           {"name": "GLUE", "type": DATASET, "aliases": []}],
              "abbreviations": [{"short": "LoRAs", "long": "low-rank adapters"}]}
    path = tmp_path / "train.jsonl"
    path.write_text(json.dumps(record) + "\n")
    make_doc = load_pipeline(entities="rules").make_doc
    [document] = TRAIN["read_scheme_gold"](path, make_doc)
    # the abstract only; plurals and a hyphenated modifier after a name are mentions, a name
    # inside a word is not, and an acronym keeps its case ('glue code' is no GLUE)
    assert document.names() == [("LoRA - X", METHOD), ("low - rank adapters", METHOD),
                                ("LoRAs", METHOD), ("LoRA - X", METHOD), ("GLUE", DATASET)]


def test_scheme_files_match_hyphenated_words_in_any_case_and_leave_glued_names_open(tmp_path):
    record = {"title": "T", "source": "test",
              "abstract": "We use chain-of-thought prompting, Falcon-7B and Variant A.",
              "entities": [{"name": "Chain-of-Thought", "type": METHOD, "aliases": [],
                            "role": "USES"},
                           {"name": "Falcon-7B", "type": METHOD, "aliases": [],
                            "role": "USES"},
                           {"name": "Variant A", "type": METHOD, "aliases": [],
                            "role": "USES"}],
              "abbreviations": []}
    path = tmp_path / "train.jsonl"
    path.write_text(json.dumps(record) + "\n")
    [document] = TRAIN["read_scheme_gold"](path, load_pipeline(entities="rules").make_doc)
    # 'Falcon-7B.' ends the sentence: the tokenizer splits a stop after a size off
    assert document.names() == [("chain - of - thought", METHOD), ("Falcon-7B", METHOD)]
    # it glues the final stop to an initial, 'A.': open (missing), not outside
    assert [document.words[s:e] for s, e in document.unknown] == [["Variant", "A."]]
