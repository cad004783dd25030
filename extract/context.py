"""Typing names from their context: what the words around a name say it is.

`assign_types` gives every untyped mention a type: from the gazetteer, a head
noun ('the X benchmark'), an apposition ('X, a benchmark of …'), a list it
stands in ('CIFAR-10, SVHN and X'), a comparison ('outperforms X'). A weak name
that nothing types stays untyped for the roles component to decide.
"""

from __future__ import annotations

import re

from kg.extract import gazetteer
from kg.extract.abbreviations import Abbreviation, both_forms, in_hyphenated_word
from kg.extract.mentions import MODEL_SIZE, UNTYPED, Mention, is_data_source
from kg.extract.names import DATASET_HEADS, METHOD_HEADS, METRIC_HEADS, TASK_HEADS, has_name_shape
from kg.extract.spans import in_title
from spacy.tokens import Span, Token

from kg.model import CONCEPT, DATASET, METHOD, METRIC, TASK

# A data set is named by a word these end, not by the word alone ("QA benchmarks").
DATASET_SHAPE = re.compile(r".+(Bench|bench|QA|Eval|Arena|Set|Corpus|-Hard|Gym)$")
# Words before a name that say it is a method being compared with: 'outperforms X'.
COMPARISON_WORDS = frozenset("than outperforms outperform outperforming versus vs vs. "
                             "surpasses surpassing".split())
COMPARISON_PHRASES = frozenset(["compared to", "compared with", "such as", "variants of"])
LIST_CUES = frozenset("like as including".split())
EVALUATION_WORDS = frozenset("evaluate evaluation experiment test benchmark outperform "
                             "achieve result accuracy dataset state-of-the-art perplexity "
                             "score error f1 bleu fid".split())


def type_of_head(word: str) -> str:
    """The type a head noun says its name is: 'benchmark' -> Dataset, or ''."""
    for heads, label in ((DATASET_HEADS, DATASET), (METHOD_HEADS, METHOD),
                         (METRIC_HEADS, METRIC), (TASK_HEADS, TASK)):
        if word in heads:
            return label
    return UNTYPED


def apposition_head(span: Span) -> Token | None:
    """The head noun of 'X, a … NOUN' or, in a title, 'X: a … NOUN' (past a bracketed
    short form: 'X (XB), a …'), or None:
    'Halyard-Proofs, a benchmark of …' and 'Zorblax: A Multi-Agent Benchmark for …' ->
    'Benchmark' (the last noun of the phrase; 'Multi-Agent' modifies it)."""
    doc = span.doc
    end = span.end
    if end < len(doc) and doc[end].text == "(":  # 'Refusal Centroid Drift (RCD), a metric'
        end = next((t.i + 1 for t in doc[end + 1: end + 5] if t.text == ")"), end)
    elif end < len(doc) and doc[end].text == ")" and span.start and doc[span.start - 1].text == "(":
        end += 1  # the short form itself: '(RCD), a metric'
    if end < len(doc) and doc[end].text == "}":
        end += 1  # LaTeX's bold or italics around the name: '\textbf{DOPA}, a …'
    after = doc[end: end + 16]
    if len(after) < 3 or after[1].lower_ not in {"a", "an", "the"} or \
            not (after[0].text == "," or after[0].text == ":" and in_title(after[0])):
        return None
    phrase = []
    tokens = iter(after[2:])
    for token in tokens:
        if token.text == "(" and phrase and token.i + 3 < len(doc) and \
                doc[token.i + 2].text == ")" and doc[token.i + 3].text != "-":
            next(tokens), next(tokens)  # a short form: 'Mixture-of-Expert (MoE) model'
            continue
        # pieces of a hyphenated word ('Any-to-Any'), and adjectives listed with commas
        # ('A Realistic, Scalable, and High-Quality … Benchmark')
        listed = token.text in (",", "and") and bool(phrase) and (
            phrase[-1].tag_ in ("JJ", ",") or in_hyphenated_word(phrase[-1]))
        if not (token.pos_ in {"ADJ", "NOUN", "PROPN", "NUM"} or token.text == "-" or
                in_hyphenated_word(token) or listed):
            break
        phrase.append(token)
    if phrase and phrase[-1].text == "-":
        return None  # 'X, a benchmark-driven framework': the word modifies what follows
    words = [token for token in phrase if token.text not in ("-", ",", "and")]
    return words[-1] if words else None


def head_type(head: Token | None) -> str:
    """`type_of_head` of an apposition's head, or '' when there is none."""
    return type_of_head(head.lower_) if head is not None else UNTYPED


def type_from_context(item: Mention) -> str:
    """Type an untyped name from the words around it, its shape, or the gazetteer."""
    known = gazetteer.lookup(item.name)
    if known:
        item.name = known[1]
        return known[0]
    base = gazetteer.lookup_base(item.name)  # 'SQuAD v1.1', 'Llama-3-8B', 'ImageNet-64'
    if base:
        return base[0]
    if MODEL_SIZE.search(item.name):  # 'Qwen3-4B', whatever its context
        return METHOD
    span, doc = item.span, item.span.doc
    following = doc[span.end].lower_ if span.end < len(doc) else ""
    preceding = doc[span.start - 1].lower_ if span.start > 0 else ""
    label = type_of_head(following) or head_type(apposition_head(span)) or \
        type_of_head(preceding)
    if label:
        return label
    if preceding in LIST_CUES:  # 'algorithms like X', 'benchmarks such as X'
        head = next((t.lemma_.lower() for t in reversed(doc[max(span.start - 4, 0):span.start - 1])
                     if t.pos_ == "NOUN"), "")
        if type_of_head(head):
            return type_of_head(head)
    if preceding in COMPARISON_WORDS or doc[max(span.start - 2, 0):span.start].text.lower() \
            in COMPARISON_PHRASES:
        return METHOD
    if following == "for" and span.end + 1 < len(doc) and \
            (gazetteer.lookup(doc[span.end + 1: span.end + 3].text) or ("",))[0] == TASK:
        return METHOD  # 'ConvNeXt for image classification'

    known_after = gazetteer.lookup(following)
    if known_after and known_after[0] == METRIC:  # 'MultiNLI accuracy', 'GLUE score'
        return DATASET
    if DATASET_SHAPE.fullmatch(item.name) or is_data_source(span):
        return DATASET
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if before == "on" and not is_weak_name(item) and \
            any(t.lemma_.lower() in EVALUATION_WORDS for t in span.sent):
        return DATASET
    if re.fullmatch(r"[A-Z]{2,}s", item.name):  # an unknown plural acronym names a class of things
        return CONCEPT
    return UNTYPED


def coordinated_groups(mentions: list[Mention]) -> list[list[Mention]]:
    """Lists of names: 'CIFAR-10, SVHN and FooSet' (joined by ',' and ending in 'and'/'or')."""
    groups: list[list[Mention]] = []
    closed = True  # the last list ended with its 'and'/'or' item
    for item in mentions:
        if groups and not closed:
            last = groups[-1][-1].span
            between = [t.lower_ for t in item.span.doc[last.end:item.span.start]]
            if between and set(between) <= {",", "and", "or"} and last.sent == item.span.sent:
                groups[-1].append(item)
                closed = "and" in between or "or" in between
                continue
        groups.append([item])
        closed = False
    return [group for group in groups if len(group) > 1 and is_list(group)]


def is_list(group: list[Mention]) -> bool:
    """Is this a list ('A, B and C', or 'A, B, …' going on), not 'On A, B lowers …'?"""
    doc = group[-1].span.doc
    last_gap = [t.lower_ for t in doc[group[-2].span.end:group[-1].span.start]]
    goes_on = group[-1].span.end < len(doc) and doc[group[-1].span.end].text == ","
    return len(group) >= 3 or "and" in last_gap or "or" in last_gap or goes_on


def assign_types(mentions: list[Mention], abbreviations: list[Abbreviation] = ()) -> None:
    """Type every untyped name: from context, else like its list neighbours, else as the
    trained model typed the same span, else Method.

    A weak name (`is_weak_name`) stays untyped unless its context types it: the
    roles component may still find the paper proposes it, else it is dropped.
    """
    datasets = named_datasets(mentions, abbreviations)
    for item in mentions:
        if item.type == UNTYPED:
            item.type = DATASET if item.name.lower() in datasets else type_from_context(item)
    for group in coordinated_groups([m for m in mentions if m.type != CONCEPT or
                                     has_name_shape(m.name)]):
        typed = [m.type for m in group if m.type not in (UNTYPED, CONCEPT)]
        if typed:
            # The commonest type; a tie goes to the model's type for the item, else to
            # the type that comes first in the list (never to a set's hash order).
            top = max(typed.count(label) for label in typed)
            majority = [label for label in typed if typed.count(label) == top]
            for item in group:
                item.type = item.type or (item.model_type if item.model_type in majority
                                          else majority[0])
    for item in mentions:
        if item.type == UNTYPED and (item.model_type or not is_weak_name(item)):
            item.type = item.model_type or METHOD
    # What the text calls a benchmark is one in every mention, whatever typed the others.
    # A title's 'X: Evaluating …' counts unless the text calls X a method ('GraphRAG, a
    # retrieval method'; 'an evaluation framework' may be a benchmark).
    heads = [(item, apposition_head(item.span)) for item in mentions]
    methods = {item.name.lower() for item, head in heads
               if head is not None and head_type(head) == METHOD and head.lower_ not in TOOL_WORDS}
    benchmarks = {item.name.lower() for item, head in heads if is_benchmark_head(head)} | \
        ({item.name.lower() for item in mentions if is_evaluation_title(item)} - methods)
    # ... and a model: a name set off as 'X, a … model' (not a bracketed one: '(MMLU-Redux),
    # a 4B-parameter model trained …' is another sentence's subject).
    models = {item.name.lower() for item, head in heads if head is not None and
              head.lower_ in MODEL_WORDS and item.span.start and
              item.span.doc[item.span.start - 1].text != "("}
    # ... and so is a measure: 'Refusal Centroid Drift (RCD), a metric that quantifies …'.
    measures = {item.name.lower() for item, head in heads if is_measure_head(head)}
    # Both forms of an abbreviation: 'X (XB), a benchmark'.
    benchmarks |= both_forms(benchmarks, abbreviations)
    measures |= both_forms(measures, abbreviations)
    for item in mentions:
        if item.name.lower() in benchmarks:
            item.type = DATASET
        elif item.name.lower() in measures:
            item.type = METRIC
        elif item.type == DATASET and item.name.lower() in models:
            item.type = METHOD  # 'Moonlight, a 3B/16B-parameter … model trained …': no data set


def named_datasets(mentions: list[Mention], abbreviations: list[Abbreviation]) -> set[str]:
    """Names (lowercase) of the data sets the text names, with both forms of those it
    defines: an untyped recurrence is one too ('the Complexity Ceiling Benchmark (CCB), …
    CCB fixes …'). Not other types: a long form's head types it less surely ('Trajectory
    Image Transformer for Anomaly Detection (TITAnD)' is no Task)."""
    names = {m.name.lower() for m in mentions if m.type == DATASET}
    return names | both_forms(names, abbreviations)


CONTAINERS = frozenset("suite collection set family series".split())
MEASURE_WORDS = frozenset("metric metrics measure score".split())
TOOL_WORDS = frozenset("framework system toolkit library package".split())
MODEL_WORDS = frozenset("model architecture network".split())


def is_measure_head(head: Token | None) -> bool:
    """Does an apposition's head call its name a measure ('X (XB), a metric that …'), not
    a word the tagger cut a phrase at ('a metric learning framework')?"""
    if head is None or head.lower_ not in MEASURE_WORDS:
        return False
    after = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
    return after is None or not (after.tag_ == "VBG" or after.pos_ in ("NOUN", "PROPN"))


def is_evaluation_title(item: Mention) -> bool:
    """Is the name a title's 'X: Benchmarking …' or 'X: Evaluating …'?"""
    after = item.span.doc[item.span.end: item.span.end + 2]
    return len(after) == 2 and after[0].text == ":" and in_title(after[0]) and \
        after[1].lower_ in {"benchmarking", "evaluating"}


def is_benchmark_head(head: Token | None) -> bool:
    """Does an apposition's head (`apposition_head`) call its name a data set: 'X, a
    benchmark of …' or a title's 'X: A Multi-Agent Benchmark for …'?"""
    if head_type(head) == DATASET:
        # not 'a suite of … models', 'a collection of techniques' (what a container
        # holds says what it is), nor 'a dataset and fine-tuned model' (both things)
        rest = head.doc[head.i + 1: head.i + 6]
        return not (len(rest) and rest[0].lower_ == "of" and head.lower_ in CONTAINERS) and \
            not (len(rest) and rest[0].lower_ in {"and", "or"} and
                 any(t.lower_ in METHOD_HEADS for t in rest))
    return False


def is_weak_name(item: Mention) -> bool:
    """Capitalized words or a bare short acronym: too weak to be a name without context
    ('Pareto', 'HP', 'Markov Categories'); 'NorMuon' and 'GPT-4' are not."""
    words = [t.text for t in item.span if t.text != "-"]
    if len(words) == 1 and re.fullmatch(r"[A-Z]{2,4}s?", words[0]):
        return True
    return not any(has_name_shape(word) for word in words)


