"""SciERC and SciER files read into kg's types and scored by `kg eval`; the shipped
entity model loads, and a damaged one is one clear line."""

from __future__ import annotations

import json
import shutil

import pytest
import spacy
from click.testing import CliRunner
from kg.extract import ENTITY_MODEL, SPAN_CHECK, ModelNotInstalled
from kg.extract import pipeline as pipeline_module
from kg.extract.benchmarks import read_benchmark, retokenized, scier_tokens
from kg.extract.evaluate import name_keys, without_open
from kg.extract.mentions import REJECTED, find_mentions
from spacy.tokens import Span

from kg.cli import main

SCIERC_DOC = {
    "doc_key": "X01-1001",
    "sentences": [["We", "parse", "the", "Penn", "Treebank", "with", "a", "CRF", "parser", "."],
                  ["This", "approach", "uses", "images", "and", "improves", "F1", "on",
                   "word", "alignment", "-LRB-", "WA", "-RRB-", "."]],
    "ner": [[[3, 4, "Material"], [6, 8, "Method"]],
            [[10, 11, "Generic"], [13, 13, "Material"], [16, 16, "Metric"],
             [18, 19, "Task"], [21, 21, "OtherScientificTerm"]]],
    "relations": [[], []], "clusters": []}
SCIER_LINES = [
    {"doc_id": "p1", "sentence": "We propose CornerNet for object detection on MS COCO , "
                                 "reaching 4 2 . 2 % AP with a one - stage detector .",
     "ner": [["CornerNet", "Method"], ["object detection", "Task"], ["MS COCO", "Dataset"],
             ["one - stage detector", "Method"]], "rel": [], "rel_plus": []},
    {"doc_id": "p1", "sentence": "CornerNet beats Faster R-CNN .",
     "ner": [["CornerNet", "Method"], ["Faster R-CNN", "Method"]], "rel": [], "rel_plus": []},
]


@pytest.fixture()
def scierc_file(tmp_path):
    path = tmp_path / "dev.json"
    path.write_text(json.dumps(SCIERC_DOC) + "\n")
    return path


@pytest.fixture()
def scier_file(tmp_path):
    path = tmp_path / "dev.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in SCIER_LINES))
    return path


def test_scierc_labels_map_to_kg_types(scierc_file):
    [doc] = read_benchmark(scierc_file)
    assert set(doc.names()) == {("Penn Treebank", "Dataset"), ("a CRF parser", "Method"),
                                ("F1", "Metric"), ("word alignment", "Task"), ("WA", "Concept")}
    # "images" is Material but no named data set: neither entity nor non-entity.
    assert [doc.words[s:e] for s, e in doc.unknown] == [["images"]]
    assert "(" in doc.words and "-LRB-" not in doc.words


def test_scier_entities_are_found_in_their_sentences(scier_file):
    [doc] = read_benchmark(scier_file)
    assert scier_tokens("4 2 . 2 % with a one - stage detector") == \
        "42.2 % with a one-stage detector".split()
    assert doc.names() == [("CornerNet", "Method"), ("object detection", "Task"),
                           ("MS COCO", "Dataset"), ("one-stage detector", "Method"),
                           ("CornerNet", "Method"), ("Faster R-CNN", "Method")]
    assert doc.scored_types == {"Method", "Dataset", "Task"}


def test_eval_scores_a_scier_file_per_type(scier_file):
    result = CliRunner().invoke(main, ["eval", str(scier_file), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["format"] == "SciER" and data["documents"] == 1
    assert set(data["types"]) == {"Method", "Dataset", "Task"}
    assert data["types"]["Method"]["gold"] == 3
    assert data["types"]["Dataset"]["tp"] == 1  # MS COCO


def test_eval_scores_every_scierc_type_including_concepts(scierc_file):
    result = CliRunner().invoke(main, ["eval", str(scierc_file), "--json", "--entities",
                                       "model"])
    assert result.exit_code == 0, result.output
    assert set(json.loads(result.output)["types"]) == {"Method", "Dataset", "Task", "Metric",
                                                       "Concept"}


def test_eval_rejects_other_files_in_one_line(tmp_path):
    path = tmp_path / "other.jsonl"
    path.write_text('{"x": 1}\n')
    result = CliRunner().invoke(main, ["eval", str(path)])
    assert result.exit_code != 0
    assert len(result.output.strip().splitlines()) == 1 and "other.jsonl" in result.output


@pytest.mark.parametrize("name, lines, bad_line", [
    ("dev.json", [SCIERC_DOC, {**SCIERC_DOC, "ner": None}], 2),  # SciERC, no spans
    ("dev.json", [SCIERC_DOC, {"doc_key": "X"}], 2),
    ("dev.jsonl", [*SCIER_LINES, {**SCIER_LINES[0], "ner": [["CornerNet"]]}], 3),  # no label
    ("dev.jsonl", [SCIER_LINES[0], "not a record"], 2),
    ("dev.json", [SCIERC_DOC, {**SCIERC_DOC, "ner": [[[10, 40, "Method"]]]}], 2),  # outside
    ("dev.json", [SCIERC_DOC, {**SCIERC_DOC, "ner": [[[2, 2.5, "Method"]]]}], 2),
])
def test_eval_names_the_line_of_a_bad_benchmark_record(tmp_path, name, lines, bad_line):
    path = tmp_path / name
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    result = CliRunner().invoke(main, ["eval", str(path)])
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert f"{name}:{bad_line}:" in result.output


def test_benchmark_files_read_as_json_lines_not_as_text_lines(tmp_path):
    # A byte order mark, and U+2028 inside a JSON string (a line break to str.splitlines).
    word = {**SCIERC_DOC, "sentences": [["We\u2028parse", *SCIERC_DOC["sentences"][0][1:]],
                                        SCIERC_DOC["sentences"][1]]}
    path = tmp_path / "dev.json"
    path.write_bytes(b"\xef\xbb\xbf" + (json.dumps(word, ensure_ascii=False) + "\n").encode())
    [doc] = read_benchmark(path)
    assert doc.words[0] == "We\u2028parse"
    path.write_bytes(json.dumps(SCIERC_DOC).encode() + b"\n" + b'{"doc_key": "\xe9"}\n')
    with pytest.raises(ValueError, match=r"dev.json:2: not UTF-8"):
        read_benchmark(path)
    path.write_text("\n\n")
    result = CliRunner().invoke(main, ["eval", str(path)])
    assert result.exit_code != 0 and "no records" in result.output


def test_eval_names_the_line_of_a_bad_gold_record(tmp_path):
    path = tmp_path / "gold.jsonl"
    good = {"title": "T", "abstract": "We use Adam.", "abbreviations": [],
            "entities": [{"name": "Adam", "type": "Method", "role": "USES"}]}
    bad = {**good, "entities": [{"name": "Adam"}]}  # no type
    path.write_text(f"{json.dumps(good)}\n{json.dumps(bad)}\n")
    result = CliRunner().invoke(main, ["eval", str(path)])
    assert result.exit_code != 0
    assert len(result.output.strip().splitlines()) == 1 and "gold.jsonl:2:" in result.output
    assert "bug" not in result.output


def test_an_error_while_extracting_is_not_called_a_bad_file(scier_file, monkeypatch):
    def broken(*args, **kwargs):
        raise IndexError("list index out of range")
    monkeypatch.setattr("kg.extract.evaluate.extract_papers", broken)
    result = CliRunner().invoke(main, ["eval", str(scier_file)])
    assert result.exit_code != 0
    assert "not a gold, SciERC or SciER file" not in result.output
    assert "list index out of range" in result.output


def test_the_shipped_models_load_offline_and_are_small():
    labels = {"Method", "Dataset", "Task", "Metric", "Concept"}
    assert set(pipeline_module.load_entity_model().get_pipe("ner").labels) == labels
    assert set(pipeline_module.load_span_check().get_pipe("spancat").labels) == labels
    size = sum(f.stat().st_size for folder in (ENTITY_MODEL, SPAN_CHECK)
               for f in folder.glob("**/*") if f.is_file())
    assert size <= 20 * 1024 * 1024


@pytest.mark.parametrize("folder, weights, load", [
    ("ENTITY_MODEL", "ner", "load_entity_model"), ("SPAN_CHECK", "spancat", "load_span_check")])
def test_a_damaged_model_is_one_line(tmp_path, monkeypatch, folder, weights, load):
    damaged = tmp_path / "model"
    shutil.copytree(getattr(pipeline_module, folder), damaged)
    (damaged / weights / "model").write_bytes(b"not weights")
    monkeypatch.setattr(pipeline_module, folder, damaged)
    with pytest.raises(ModelNotInstalled) as error:
        getattr(pipeline_module, load)()
    assert "\n" not in str(error.value) and "damaged" in str(error.value)
    papers = tmp_path / "p.jsonl"
    papers.write_text(json.dumps({"title": "T", "abstract": "We use Adam."}) + "\n")
    result = CliRunner().invoke(main, ["extract", str(papers)])
    assert result.exit_code != 0
    assert len(result.output.strip().splitlines()) == 1 and "damaged" in result.output


def test_a_prediction_naming_only_an_open_span_is_not_scored():
    wanted = [{"name": "CRF parser"}]
    predicted = [{"name": "images"}, {"name": "CRF parser", "aliases": ["images"]},
                 {"name": "WSJ"}]
    assert without_open(predicted, wanted, name_keys("images")) == predicted[1:]


def test_a_document_carried_into_run_time_tokens_keeps_its_spans(scierc_file):
    [doc] = read_benchmark(scierc_file)
    doc.words[7] = "n-gram"  # SciERC keeps a hyphenated word one token; spaCy splits it
    again = retokenized(doc, spacy.blank("en").make_doc)
    assert again.words[6:10] == ["a", "n", "-", "gram"]
    assert set(again.names()) == {("Penn Treebank", "Dataset"), ("a n - gram parser", "Method"),
                                  ("F1", "Metric"), ("word alignment", "Task"),
                                  ("WA", "Concept")}
    assert [again.words[s:e] for s, e in again.unknown] == [["images"]]
    assert [again.words[i] for i in again.sentence_starts] == ["We", "This"]


def test_eval_lists_a_benchmark_documents_misses_and_extras(scier_file):
    result = CliRunner().invoke(main, ["eval", str(scier_file), "--json", "--errors"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    for error in data["errors"]:
        assert error["title"] == "scier:p1" and error["type"] in data["types"]
        assert error["missed"] or error["extra"]
    missed = {name for error in data["errors"] for name in error["missed"]}
    assert len(missed) == sum(row["gold"] - row["tp"] for row in data["types"].values())
    plain = CliRunner().invoke(main, ["eval", str(scier_file), "--json"])
    assert "errors" not in json.loads(plain.output)


def test_the_span_check_judges_the_recognizer_plain_word_spans():
    nlp = pipeline_module.load_pipeline(entities="rules")
    text = ("We do convergence analysis and image generation with graph neural networks on "
            "ImageNet and a regularizer we term spectral dropout .")
    doc = pipeline_module.as_filter_sees(nlp, nlp.make_doc(text))
    doc.ents = [Span(doc, 2, 4, "Task"), Span(doc, 5, 7, "Task"), Span(doc, 8, 11, "Method"),
                Span(doc, 12, 13, "Dataset"), Span(doc, 18, 20, "Method")]
    candidates = pipeline_module.recognized_spans([doc])
    assert candidates.dataXd.tolist() == [[2, 4], [5, 7], [8, 11], [12, 13], [18, 20]]
    assert candidates.lengths.tolist() == [5]
    # the check's verdicts: image generation a Task (agreed), graph neural networks a Task
    # (not the recognizer's type), nothing on convergence analysis; ImageNet (a name) and
    # spectral dropout (named by the text) are not its to judge
    doc.spans["sc"] = [Span(doc, 5, 7, "Task"), Span(doc, 8, 11, "Task")]
    pipeline_module.checked(doc)
    assert [ent.text for ent in doc.ents] == ["image generation", "ImageNet", "spectral dropout"]
    assert [span.text for span in doc.spans[REJECTED]] == \
        ["convergence analysis", "graph neural networks"]
    assert "sc" not in doc.spans


def test_the_span_check_leaves_names_alone_even_with_digits():
    nlp = pipeline_module.load_pipeline(entities="rules")
    doc = pipeline_module.as_filter_sees(nlp, nlp.make_doc(
        "Convergence analysis of ResNet50 and word2vec differs from convergence analysis ."))
    doc.ents = [Span(doc, 0, 2, "Task"), Span(doc, 3, 4, "Method"), Span(doc, 5, 6, "Method"),
                Span(doc, 8, 10, "Task")]
    pipeline_module.checked(doc)  # no verdicts: only plain-word spans are dropped
    assert [ent.text for ent in doc.ents] == ["Convergence analysis", "ResNet50", "word2vec"]


def mentions_with_doubted(text: str, doubted: list[tuple[int, int]]) -> list[str]:
    """The rules' mentions in `text` once the span check has doubted the token ranges given."""
    nlp = pipeline_module.load_pipeline(entities="rules")
    doc = pipeline_module.as_filter_sees(nlp, nlp.make_doc(text))
    doc.spans[REJECTED] = [Span(doc, start, end, "Method") for start, end in doubted]
    return [item.span.text for item in find_mentions(doc, [], "rules")]


def test_what_the_span_check_rejects_is_no_concept_phrase_either():
    text = "We study the loss landscape of deep networks."
    assert mentions_with_doubted(text, []) == ["loss landscape"]
    assert mentions_with_doubted(text, [(3, 4)]) == []  # 'loss', as kg_checked leaves it


def test_a_known_term_modifying_a_doubted_phrase_names_nothing_there():
    adaptation = "We study language model adaptation."
    assert "language model" in mentions_with_doubted(adaptation, [])
    assert mentions_with_doubted(adaptation, [(2, 5)]) == []
    reasoning = "We study the reasoning of language models."
    assert mentions_with_doubted(reasoning, [(3, 7)]) == []
    # the doubted phrase's head is a known term too: both are named
    both = "We train a transformer language model."
    assert mentions_with_doubted(both, [(3, 6)]) == ["transformer", "language model"]
    # the known term is the doubted phrase's head: it is named
    assert mentions_with_doubted("We use dense self-attention.", [(2, 6)]) == ["self-attention"]


def test_the_pipeline_checks_the_recognizer_spans():
    names = pipeline_module.load_pipeline().pipe_names
    assert names.index("kg_ner") < names.index("kg_span_filter") < names.index("kg_check") < \
        names.index("kg_checked") < names.index("kg_mentions")
    assert "kg_check" not in pipeline_module.load_pipeline(entities="rules").pipe_names
