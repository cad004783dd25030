"""Extraction measured against the hand-annotated gold sets (docs/annotation.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from kg.extract.evaluate import evaluate, match_count, read_gold

from kg.build import build
from kg.cli import main
from kg.inputs import read_papers
from kg.model import DATASET, METHOD, METRIC, PROPOSES, TASK, USES, Paper, name_key

DATA = Path(__file__).parent / "data"


# Floors a little under the scores measured (docs/evaluation.md); issue 11's targets (Method
# 0.85) are higher. The fresh set is the development set; the sealed sets (sealed.jsonl to
# sealed8.jsonl) have no floor (their scores are read once a session, in aggregate).
FLOORS = {"gold.jsonl": {"Method": 0.74, "Dataset": 0.82, "proposes": 0.84, "abbreviations": 0.95},
          "heldout.jsonl": {"Method": 0.82, "Dataset": 0.82, "proposes": 0.88,
                            "abbreviations": 0.95},
          "fresh.jsonl": {"Method": 0.62, "Dataset": 0.5, "proposes": 0.55,
                          "abbreviations": 0.95}}


@pytest.fixture(scope="module", params=sorted(FLOORS))
def scores(request):
    return request.param, evaluate(read_gold(DATA / request.param))


def test_gold_sets_are_big_enough():
    assert len(read_gold(DATA / "gold.jsonl")) >= 40
    assert len(read_gold(DATA / "heldout.jsonl")) >= 10


# The blind sets drawn by scripts/draw_fresh.py (docs/evaluation.md), each with the files whose
# titles its draw leaves out besides gold.jsonl: fresh.jsonl is the first 30 papers of the
# seeded order, sealed.jsonl the next 30, sealed2.jsonl to sealed8.jsonl the 30 after each
# other (nobody reads the sealed sets' per-paper errors; none has a score floor).
BLIND_SETS = {"fresh.jsonl": (), "sealed.jsonl": ("fresh.jsonl",),
              "sealed2.jsonl": ("fresh.jsonl", "sealed.jsonl"),
              "sealed3.jsonl": ("fresh.jsonl", "sealed.jsonl", "sealed2.jsonl"),
              "sealed4.jsonl": ("fresh.jsonl", "sealed.jsonl", "sealed2.jsonl", "sealed3.jsonl"),
              "sealed5.jsonl": ("fresh.jsonl", "sealed.jsonl", "sealed2.jsonl", "sealed3.jsonl",
                                "sealed4.jsonl"),
              "sealed6.jsonl": ("fresh.jsonl", "sealed.jsonl", "sealed2.jsonl", "sealed3.jsonl",
                                "sealed4.jsonl", "sealed5.jsonl"),
              "sealed7.jsonl": ("fresh.jsonl", "sealed.jsonl", "sealed2.jsonl", "sealed3.jsonl",
                                "sealed4.jsonl", "sealed5.jsonl", "sealed6.jsonl"),
              "sealed8.jsonl": ("fresh.jsonl", "sealed.jsonl", "sealed2.jsonl", "sealed3.jsonl",
                                "sealed4.jsonl", "sealed5.jsonl", "sealed6.jsonl", "sealed7.jsonl")}


@pytest.mark.parametrize("name", sorted(BLIND_SETS))
def test_blind_set_is_the_seeded_draw_of_corpus_papers_outside_gold(name):
    records = read_gold(DATA / name)
    assert len(records) >= 25
    excluded = BLIND_SETS[name]
    options = [arg for other in excluded for arg in ("--exclude", str(DATA / other))]
    draw = subprocess.run([sys.executable, str(DATA.parent.parent / "scripts" / "draw_fresh.py"),
                           str(len(records)), *options], capture_output=True, text=True, check=True)
    drawn = [json.loads(line) for line in draw.stdout.splitlines()]
    assert [(r["title"], r["abstract"]) for r in drawn] == \
        [(r["title"], r["abstract"]) for r in records]
    corpus = {paper.title: paper.abstract for paper in read_papers()[0]}
    assert all(corpus[r["title"]] == r["abstract"] and r["source"] == "corpus" for r in records)
    titles = {name_key(r["title"]) for r in records}
    for other in ("gold.jsonl", *excluded):
        assert not titles & {name_key(r["title"]) for r in read_gold(DATA / other)}, other


# Papers from outside the corpus: tests/data/outside-pool.jsonl to outside-pool6.jsonl each
# hold 120 arXiv abstracts of 2026 in a seeded order (docs/evaluation.md, "Seventh session"
# to "Tenth session"; the fifth and sixth are scripts/draw_outside_pool.py's draws);
# outside1-4.jsonl are the first pool's 30-paper parts, outside5-8.jsonl the second's,
# outside9-12.jsonl the third's, outside13-16.jsonl the fourth's, outside17-20.jsonl the
# fifth's, outside21-24.jsonl the sixth's, and so on to outside113-116.jsonl, the twenty-ninth's,
# each annotated blind.
OUTSIDE_SETS = {"outside1.jsonl": ("outside-pool.jsonl", 0),
                "outside2.jsonl": ("outside-pool.jsonl", 30),
                "outside3.jsonl": ("outside-pool.jsonl", 60),
                "outside4.jsonl": ("outside-pool.jsonl", 90),
                "outside5.jsonl": ("outside-pool2.jsonl", 0),
                "outside6.jsonl": ("outside-pool2.jsonl", 30),
                "outside7.jsonl": ("outside-pool2.jsonl", 60),
                "outside8.jsonl": ("outside-pool2.jsonl", 90),
                "outside9.jsonl": ("outside-pool3.jsonl", 0),
                "outside10.jsonl": ("outside-pool3.jsonl", 30),
                "outside11.jsonl": ("outside-pool3.jsonl", 60),
                "outside12.jsonl": ("outside-pool3.jsonl", 90),
                "outside13.jsonl": ("outside-pool4.jsonl", 0),
                "outside14.jsonl": ("outside-pool4.jsonl", 30),
                "outside15.jsonl": ("outside-pool4.jsonl", 60),
                "outside16.jsonl": ("outside-pool4.jsonl", 90),
                "outside17.jsonl": ("outside-pool5.jsonl", 0),
                "outside18.jsonl": ("outside-pool5.jsonl", 30),
                "outside19.jsonl": ("outside-pool5.jsonl", 60),
                "outside20.jsonl": ("outside-pool5.jsonl", 90),
                "outside21.jsonl": ("outside-pool6.jsonl", 0),
                "outside22.jsonl": ("outside-pool6.jsonl", 30),
                "outside23.jsonl": ("outside-pool6.jsonl", 60),
                "outside24.jsonl": ("outside-pool6.jsonl", 90),
                "outside25.jsonl": ("outside-pool7.jsonl", 0),
                "outside26.jsonl": ("outside-pool7.jsonl", 30),
                "outside27.jsonl": ("outside-pool7.jsonl", 60),
                "outside28.jsonl": ("outside-pool7.jsonl", 90),
                "outside29.jsonl": ("outside-pool8.jsonl", 0),
                "outside30.jsonl": ("outside-pool8.jsonl", 30),
                "outside31.jsonl": ("outside-pool8.jsonl", 60),
                "outside32.jsonl": ("outside-pool8.jsonl", 90),
                "outside33.jsonl": ("outside-pool9.jsonl", 0),
                "outside34.jsonl": ("outside-pool9.jsonl", 30),
                "outside35.jsonl": ("outside-pool9.jsonl", 60),
                "outside36.jsonl": ("outside-pool9.jsonl", 90),
                "outside37.jsonl": ("outside-pool10.jsonl", 0),
                "outside38.jsonl": ("outside-pool10.jsonl", 30),
                "outside39.jsonl": ("outside-pool10.jsonl", 60),
                "outside40.jsonl": ("outside-pool10.jsonl", 90),
                "outside41.jsonl": ("outside-pool11.jsonl", 0),
                "outside42.jsonl": ("outside-pool11.jsonl", 30),
                "outside43.jsonl": ("outside-pool11.jsonl", 60),
                "outside44.jsonl": ("outside-pool11.jsonl", 90),
                "outside45.jsonl": ("outside-pool12.jsonl", 0),
                "outside46.jsonl": ("outside-pool12.jsonl", 30),
                "outside47.jsonl": ("outside-pool12.jsonl", 60),
                "outside48.jsonl": ("outside-pool12.jsonl", 90),
                "outside49.jsonl": ("outside-pool13.jsonl", 0),
                "outside50.jsonl": ("outside-pool13.jsonl", 30),
                "outside51.jsonl": ("outside-pool13.jsonl", 60),
                "outside52.jsonl": ("outside-pool13.jsonl", 90),
                "outside53.jsonl": ("outside-pool14.jsonl", 0),
                "outside54.jsonl": ("outside-pool14.jsonl", 30),
                "outside55.jsonl": ("outside-pool14.jsonl", 60),
                "outside56.jsonl": ("outside-pool14.jsonl", 90),
                "outside57.jsonl": ("outside-pool15.jsonl", 0),
                "outside58.jsonl": ("outside-pool15.jsonl", 30),
                "outside59.jsonl": ("outside-pool15.jsonl", 60),
                "outside60.jsonl": ("outside-pool15.jsonl", 90),
                "outside61.jsonl": ("outside-pool16.jsonl", 0),
                "outside62.jsonl": ("outside-pool16.jsonl", 30),
                "outside63.jsonl": ("outside-pool16.jsonl", 60),
                "outside64.jsonl": ("outside-pool16.jsonl", 90),
                "outside65.jsonl": ("outside-pool17.jsonl", 0),
                "outside66.jsonl": ("outside-pool17.jsonl", 30),
                "outside67.jsonl": ("outside-pool17.jsonl", 60),
                "outside68.jsonl": ("outside-pool17.jsonl", 90),
                "outside69.jsonl": ("outside-pool18.jsonl", 0),
                "outside70.jsonl": ("outside-pool18.jsonl", 30),
                "outside71.jsonl": ("outside-pool18.jsonl", 60),
                "outside72.jsonl": ("outside-pool18.jsonl", 90),
                "outside73.jsonl": ("outside-pool19.jsonl", 0),
                "outside74.jsonl": ("outside-pool19.jsonl", 30),
                "outside75.jsonl": ("outside-pool19.jsonl", 60),
                "outside76.jsonl": ("outside-pool19.jsonl", 90),
                "outside77.jsonl": ("outside-pool20.jsonl", 0),
                "outside78.jsonl": ("outside-pool20.jsonl", 30),
                "outside79.jsonl": ("outside-pool20.jsonl", 60),
                "outside80.jsonl": ("outside-pool20.jsonl", 90),
                "outside81.jsonl": ("outside-pool21.jsonl", 0),
                "outside82.jsonl": ("outside-pool21.jsonl", 30),
                "outside83.jsonl": ("outside-pool21.jsonl", 60),
                "outside84.jsonl": ("outside-pool21.jsonl", 90),
                "outside85.jsonl": ("outside-pool22.jsonl", 0),
                "outside86.jsonl": ("outside-pool22.jsonl", 30),
                "outside87.jsonl": ("outside-pool22.jsonl", 60),
                "outside88.jsonl": ("outside-pool22.jsonl", 90),
                "outside89.jsonl": ("outside-pool23.jsonl", 0),
                "outside90.jsonl": ("outside-pool23.jsonl", 30),
                "outside91.jsonl": ("outside-pool23.jsonl", 60),
                "outside92.jsonl": ("outside-pool23.jsonl", 90),
                "outside93.jsonl": ("outside-pool24.jsonl", 0),
                "outside94.jsonl": ("outside-pool24.jsonl", 30),
                "outside95.jsonl": ("outside-pool24.jsonl", 60),
                "outside96.jsonl": ("outside-pool24.jsonl", 90),
                "outside97.jsonl": ("outside-pool25.jsonl", 0),
                "outside98.jsonl": ("outside-pool25.jsonl", 30),
                "outside99.jsonl": ("outside-pool25.jsonl", 60),
                "outside100.jsonl": ("outside-pool25.jsonl", 90),
                "outside101.jsonl": ("outside-pool26.jsonl", 0),
                "outside102.jsonl": ("outside-pool26.jsonl", 30),
                "outside103.jsonl": ("outside-pool26.jsonl", 60),
                "outside104.jsonl": ("outside-pool26.jsonl", 90),
                "outside105.jsonl": ("outside-pool27.jsonl", 0),
                "outside106.jsonl": ("outside-pool27.jsonl", 30),
                "outside107.jsonl": ("outside-pool27.jsonl", 60),
                "outside108.jsonl": ("outside-pool27.jsonl", 90),
                "outside109.jsonl": ("outside-pool28.jsonl", 0),
                "outside110.jsonl": ("outside-pool28.jsonl", 30),
                "outside111.jsonl": ("outside-pool28.jsonl", 60),
                "outside112.jsonl": ("outside-pool28.jsonl", 90),
                "outside113.jsonl": ("outside-pool29.jsonl", 0),
                "outside114.jsonl": ("outside-pool29.jsonl", 30),
                "outside115.jsonl": ("outside-pool29.jsonl", 60),
                "outside116.jsonl": ("outside-pool29.jsonl", 90)}
POOLS = ("outside-pool.jsonl", "outside-pool2.jsonl", "outside-pool3.jsonl",
         "outside-pool4.jsonl", "outside-pool5.jsonl", "outside-pool6.jsonl",
         "outside-pool7.jsonl", "outside-pool8.jsonl", "outside-pool9.jsonl",
         "outside-pool10.jsonl", "outside-pool11.jsonl", "outside-pool12.jsonl",
         "outside-pool13.jsonl", "outside-pool14.jsonl",
         "outside-pool15.jsonl", "outside-pool16.jsonl", "outside-pool17.jsonl",
         "outside-pool18.jsonl", "outside-pool19.jsonl", "outside-pool20.jsonl",
         "outside-pool21.jsonl", "outside-pool22.jsonl",
         "outside-pool23.jsonl", "outside-pool24.jsonl",
         "outside-pool25.jsonl", "outside-pool26.jsonl",
         "outside-pool27.jsonl", "outside-pool28.jsonl", "outside-pool29.jsonl")


def pool_of(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).open(encoding="utf-8")]


def test_the_outside_pools_share_no_paper():
    titles = [{name_key(p["title"]) for p in pool_of(name)} for name in POOLS]
    assert [len(pool) for pool in titles] == [120] * len(POOLS)
    assert len(set().union(*titles)) == 120 * len(POOLS)


@pytest.mark.parametrize("name", sorted(OUTSIDE_SETS))
def test_outside_set_is_its_part_of_the_pool_and_no_corpus_paper(name):
    pool_name, start = OUTSIDE_SETS[name]
    pool = pool_of(pool_name)
    drawn, records = pool[start: start + 30], read_gold(DATA / name)
    assert [(r["title"], r["abstract"]) for r in records] == \
        [(p["title"], p["abstract"]) for p in drawn]
    assert all(r["source"].startswith(f"arXiv:{p['arxiv']} via github:")
               for r, p in zip(records, drawn, strict=True))
    corpus = {name_key(paper.title) for paper in read_papers()[0]}
    assert not corpus & {name_key(p["title"]) for p in pool}


# kg's own training data (scripts/train --scheme-train/--scheme-dev, docs/model-card.md): 2026
# arXiv abstracts from other listings than the outside pools', annotated to the scheme.
TRAINING = [Path(__file__).parent.parent / "training" / "data" / f"arxiv2026-{split}.jsonl"
            for split in ("train", "train2", "train3", "dev")]


def test_training_data_shares_no_paper_with_any_evaluation_set():
    trained = [name_key(record["title"]) for path in TRAINING for record in read_gold(path)]
    assert len(trained) == len(set(trained)) >= 1900
    evaluated = {name_key(paper.title) for paper in read_papers()[0]} | {
        name_key(json.loads(line)["title"]) for path in DATA.glob("*.jsonl")
        for line in path.open(encoding="utf-8") if line.strip()}
    assert len(evaluated) >= 337 + 120 * len(POOLS)  # the corpus and the outside pools at least
    assert not evaluated & set(trained)


@pytest.mark.parametrize("path", [DATA / name for name in sorted(BLIND_SETS) +
                                  sorted(OUTSIDE_SETS)] + TRAINING, ids=lambda path: path.name)
def test_annotated_set_follows_the_annotation_scheme(path):
    for record in read_gold(path):
        text = f"{record['title']} {record['abstract']}".casefold()
        seen = set()
        for entity in record["entities"]:
            assert entity["type"] in {METHOD, DATASET, TASK, METRIC}, entity
            assert entity.get("role") in ({PROPOSES, USES} if entity["type"] == METHOD
                                          else {None}), entity
            names = [entity["name"], *entity["aliases"]]
            assert all(name.casefold() in text for name in names), (record["title"], entity)
            key = (entity["type"], name_key(entity["name"]))
            assert key not in seen, (record["title"], entity)
            seen.add(key)
        # '"perturb-then-diagonalize" (PTD)' defines PTD; so does 'similarity~( LPIPS)'
        unquoted = text.replace('"', "").replace("( ", "(")
        for abbreviation in record["abbreviations"]:
            short, long = abbreviation["short"].casefold(), abbreviation["long"].casefold()
            long = long.replace('"', "")  # 'Schr\\"odinger Bridges (SB)', a LaTeX umlaut
            # 'Large Language Models(LLMs)': a space lost in the text; 'models~(LLMs)': LaTeX's;
            # 'word error rate (WER; lower is better)': more said in the bracket
            assert any(f"{first}{space}({second}{end}" in unquoted for space in (" ", "", "~")
                       for end in (")", ";", ",")
                       for first, second in ((long, short), (short, long))), abbreviation


def test_extraction_keeps_its_scores(scores):
    name, scores = scores
    floor = FLOORS[name]
    assert scores["types"]["Method"]["f1"] >= floor["Method"], scores["types"]["Method"]
    assert scores["types"]["Dataset"]["f1"] >= floor["Dataset"], scores["types"]["Dataset"]
    assert scores["proposes"]["f1"] >= floor["proposes"], scores["proposes"]
    assert scores["abbreviation_recall"] >= floor["abbreviations"]


def test_matching_is_alias_aware_and_one_to_one():
    gold = [{"name": "Dual Lagrangian Learning", "aliases": ["DLL"]},
            {"name": "Adam", "aliases": []}]
    assert match_count([{"name": "DLL", "aliases": []}], gold) == 1
    twice = [{"name": "adam", "aliases": []}, {"name": "Adam", "aliases": []}]
    assert match_count(twice, gold) == 1
    assert match_count([{"name": "AdamW", "aliases": []}], gold) == 0


def test_plurals_match_their_singular_as_the_scheme_writes_names():
    assert match_count([{"name": "LLM", "aliases": []}], [{"name": "LLMs"}]) == 1
    assert match_count([{"name": "recurrent GNN", "aliases": []}],
                       [{"name": "recurrent GNNs"}]) == 1
    assert match_count([{"name": "ODE solvers", "aliases": []}], [{"name": "ODE solver"}]) == 1
    assert match_count([{"name": "LSNM", "aliases": []}], [{"name": "LSNMs"}]) == 1
    assert match_count([{"name": "GPT-4", "aliases": []}], [{"name": "GPT-4s"}]) == 0
    assert match_count([{"name": "SGD", "aliases": []}], [{"name": "SGDM"}]) == 0


def test_eval_command_prints_scores_per_type():
    result = CliRunner().invoke(main, ["eval", str(DATA / "heldout.jsonl"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data["types"]) == {"Method", "Dataset", "Task", "Metric"}
    assert 0 <= data["role_accuracy"] <= 1


def test_extract_command_prints_one_record_per_paper(tmp_path):
    path = tmp_path / "papers.jsonl"
    path.write_text(json.dumps({"title": "FooNet: Sparse Nets", "abstract":
                                "We propose FooNet and train it with AdamW on CIFAR-10."}) + "\n")
    result = CliRunner().invoke(main, ["extract", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert len(records) == 1 and records[0]["title"] == "FooNet: Sparse Nets"
    roles = {(e["name"], e["type"], e["role"]) for e in records[0]["entities"]}
    assert ("FooNet", "Method", "PROPOSES") in roles
    assert ("AdamW", "Method", "USES") in roles
    assert ("CIFAR-10", "Dataset", "EVALUATED_ON") in roles
    paper_text = Paper("FooNet: Sparse Nets", "We propose FooNet and train it with AdamW on "
                       "CIFAR-10.").text
    for mention in records[0]["mentions"]:
        assert paper_text[mention["start"]:mention["end"]] == mention["text"]


def test_second_build_reuses_every_cached_extraction(tmp_path):
    path = tmp_path / "papers.jsonl"
    path.write_text(json.dumps({"title": "Muon Again", "abstract": "We use Muon."}) + "\n")
    first = build([path], tmp_path / "store")
    second = build([path], tmp_path / "store")
    assert (first.extracted, first.cached) == (1, 0)
    assert (second.extracted, second.cached) == (0, 1)
    assert first.nodes == second.nodes and first.edges == second.edges


def test_a_second_annotation_is_scored_as_kg_output_is(tmp_path):
    records = read_gold(DATA / "fresh.jsonl")
    dropped = next(e for e in records[0]["entities"] if e["type"] == METHOD)
    records[0]["entities"].remove(dropped)
    second = tmp_path / "second.jsonl"
    second.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    script = DATA.parent.parent / "scripts" / "annotator_agreement.py"
    run = subprocess.run([sys.executable, str(script), str(DATA / "fresh.jsonl"), str(second)],
                         capture_output=True, text=True, check=True)
    method = next(line.split() for line in run.stdout.splitlines() if line.startswith("Method"))
    methods = sum(e["type"] == METHOD for record in read_gold(DATA / "fresh.jsonl")
                  for e in record["entities"])
    assert method[1:] == ["1.000", f"{(methods - 1) / methods:.3f}",
                          f"{2 * (methods - 1) / (2 * methods - 1):.3f}", str(methods),
                          str(methods - 1)]
