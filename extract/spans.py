"""What a span of text can be: the predicates kg's rules and its span filter share.

The trained recognizer learned SciERC's and SciER's spans, which include clause
fragments ('DLL leverages conic duality'), lone adjectives ('generative') and
properties ('training efficiency'). The `kg_span_filter` component (`entity_spans`)
keeps a span only when it reads as a name: within one sentence of the abstract, no
clause inside, not a lone adjective or generic noun, not half a hyphenated word, not
starting with a pronoun or determiner other than an article (an article is trimmed
off), not a property or filler phrase, and a Concept only when it is a term
(`is_concept_term`: not an activity such as 'hyperparameter tuning', not a method
description such as 'offline optimizer'; docs/annotation.md). The rules use the same
predicates for their concept phrases and abbreviation long forms.
Nothing here knows about papers or the graph.
"""

from __future__ import annotations

import re

from kg.extract.names import GENERIC_WORDS, has_name_shape
from spacy.tokens import Doc, Span, Token

from kg.model import CONCEPT

# Capitalized words that are adjectives or common words, not names, mid-sentence.
NOT_PROPER = re.compile(r".*(ian|ean|ic|ical)$|Monte|Carlo|Internet|However|Moreover"
                        r"|Test|Dev|Train|Validation|Table|Figure|Section|Appendix"
                        r"|Furthermore|Finally|Specifically|Additionally|Notably|Code|Project")
# First words of a noun phrase that make it vague rather than a concept.
VAGUE_MODIFIERS = frozenset("""
diverse only rigorous fundamental specialized corresponding explicit constituent arbitrary
theoretical practical critical entire whole overall potential typical standard certain
following similar extra
new novel existing various different several many such other same recent previous prior
current key main important significant large small high low good better best strong
simple general specific additional further first second third last single multiple
more most less few numerous extensive comprehensive wide broad promising effective
efficient remarkable substantial considerable great certain particular possible
quantitative qualitative internal empirical accurate classical own original
fewer exponential unified mild common
""".split())
# Comparatives and the like that make a phrase a claim, not a term: 'faster convergence'.
FILLER_MODIFIERS = frozenset("""
future faster slower higher lower larger smaller improved reduced increased superior
""".split())
# Heads that make a phrase vague whatever its modifiers: 'diverse set', 'explicit value'.
VAGUE_HEADS = frozenset("""
set part element value capability resource way construction amount number kind type variety
range aspect fact case issue manner level degree extent form one thing lot example instance
effect role fraction portion majority share class family question direction challenge shift
phase stage view choice comparison growth practice investigation observation study
development expert truth checkpoint
""".split())
# Heads of properties and quantities: 'computational cost', 'training efficiency'.
PROPERTY_HEADS = frozenset("""
cost efficiency convergence research result performance speed overhead gain improvement
benefit advantage limitation drawback property behavior behaviour quality capacity budget
time demand footprint usage count consumption stability instability
""".split())
# Heads of activities: a phrase ending in one is a task, a method or a field, not a term
# ('hyperparameter tuning', 'drug discovery', 'numerical simulation').
ACTIVITY_HEADS = frozenset("""
optimization optimisation tuning discovery design learning simulation modeling modelling
experimentation evaluation computing analysis communication sharing
""".split())
# Heads of a method described without a name: 'offline optimizer', 'gradient estimator'.
TOOL_HEADS = frozenset("""
optimizer optimiser algorithm method solver sampler estimator learner technique scheme
procedure framework approach
""".split())
# Nouns too generic to be a term alone ('inputs', 'parameters'), fine in one ('input space').
LONE_GENERIC_WORDS = frozenset("sample parameter variable input output value quantity "
                               "term".split())
# 'optimal batch size': the best value of a quantity.
VALUE_MODIFIERS = frozenset("optimal ideal maximal minimal".split())
QUANTITY_NOUNS = frozenset("size rate weight hyperparameter parameter value step".split())
# Tags of a finite verb (and modal): a span holding one is a clause, not a name.
FINITE_VERB_TAGS = frozenset("VBZ VBD VBP MD".split())
# Parts of speech a term never ends in: 'generative' alone is no entity; 'learning' is a head.
NOT_HEADS = frozenset("ADJ ADV ADP DET PRON CCONJ AUX".split())
ARTICLES = frozenset("the a an".split())
# Tags of the words that start a verb's object or complement: 'leverages conic duality'.
OBJECT_STARTS = frozenset("DT PDT PRP PRP$ JJ JJR JJS RB RBR RBS CD".split())
NOUN_TAGS = frozenset("NN NNS NNP NNPS".split())


def title_end(doc: Doc) -> int:
    """Where the title ends: at the first blank line (computed once per doc)."""
    if "kg_title_end" not in doc.user_data:
        doc.user_data["kg_title_end"] = doc.text.find("\n\n")
    return doc.user_data["kg_title_end"]


def in_title(token: Token) -> bool:
    """Is the token in the title, the text before the first blank line?"""
    end = title_end(token.doc)
    return end != -1 and token.idx < end


def crosses_sentence(span: Span) -> bool:
    return any(token.is_sent_start for token in span[1:])


def splits_word(span: Span) -> bool:
    """Is the span half of a hyphenated word: '(high-)dimensional space', 'sequential
    decision(-making)', 'orthogonal fine(-tuning)'? A name before a modifier stays:
    'CFG(-enhanced)', 'Transformer(-based)'."""
    doc, start, end = span.doc, span.start, span.end
    after_hyphen = start > 0 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_
    continued = end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
        and not doc[end].whitespace_ and doc[end + 1].tag_ in ("NN", "NNS", "VBG")
    return after_hyphen or continued


def head_of(span: Span) -> Token | None:
    """The head noun of a phrase: the word before 'of' ('number of function evaluations'),
    else its last word; None for a phrase without a word."""
    words = [token for token in span if token.is_alpha]
    if not words:
        return None
    of = next((i for i, token in enumerate(words) if token.lower_ == "of"), None)
    return words[of - 1] if of else words[-1]


def is_filler(span: Span) -> bool:
    """A property, quantity or filler phrase, not an entity: 'computational cost',
    'future research', 'faster convergence', 'wide range', 'number of evaluations'."""
    head = head_of(span)
    first = next(token for token in span if token.is_alpha) if head is not None else None
    heads = VAGUE_HEADS | PROPERTY_HEADS
    return head is None or first.lower_ in VAGUE_MODIFIERS | FILLER_MODIFIERS or \
        head.lemma_.lower() in heads or head.lower_ in heads


def is_clause(span: Span) -> bool:
    """Is the span a clause: a lowercase finite verb after its subject, with what reads
    as its object after it ('MaMs support scalable training', 'LSE term forces the …'),
    or an infinitive ('module to learn two parameters')? The tagger reads some verbs as
    plural nouns ('DLL leverages conic duality': a plural noun followed by an adjective
    inside a name is a verb), and some nouns as verbs: those stay ('pose estimation',
    'word embeddings are')."""
    doc = span.doc
    for token in span[1:]:
        if not token.is_lower or token.i + 1 >= len(doc):
            continue
        after, inside = doc[token.i + 1].tag_, token.i + 1 < span.end
        if token.tag_ == "TO" and inside and after == "VB":
            return True
        verb = token.tag_ in FINITE_VERB_TAGS or token.tag_ == "NNS" and inside
        subject = any(t.pos_ in ("NOUN", "PROPN") for t in doc[span.start:token.i])
        if verb and subject and (after in OBJECT_STARTS or
                                 not inside and token.tag_ != "NNS" and after in NOUN_TAGS):
            return True
    return False


def is_lone_word(span: Span) -> bool:
    """A lone adjective or generic noun: 'generative', 'Euclidean', 'method', 'inputs'."""
    words = [token for token in span if not token.is_punct]
    if len(words) != 1 or has_name_shape(words[0].text):
        return False
    word = words[0]
    adjective = word.pos_ == "ADJ" and (word.is_lower or NOT_PROPER.fullmatch(word.text))
    generic = GENERIC_WORDS | LONE_GENERIC_WORDS
    return bool(adjective) or word.lower_ in generic or word.lemma_ in generic


def is_value(span: Span) -> bool:
    """The best value of a quantity, not a term: 'optimal batch size', 'optimal weights'."""
    words = [token for token in span if token.is_alpha]
    return len(words) >= 2 and words[0].lower_ in VALUE_MODIFIERS and \
        words[-1].lemma_ in QUANTITY_NOUNS


def is_term(span: Span) -> bool:
    """Is the phrase a term at all: ending in a noun (or a name), not a filler, not a
    clause, not starting with an adverb? 'primal-dual', 'number of function evaluations',
    'conditionally strongly log-concave' and 'module to learn parameters' are not."""
    return head_of(span) is not None and not is_filler(span) and not is_clause(span) and \
        (span[-1].pos_ not in NOT_HEADS or has_name_shape(span[-1].text)) and \
        span[0].pos_ != "ADV"


def is_concept_term(span: Span) -> bool:
    """Can the phrase be a Concept: a term (`is_term`) that is not an activity (a task,
    method or field: 'hyperparameter tuning', 'numerical simulation') and not a method
    described without a name ('offline optimizer')?"""
    return is_term(span) and head_of(span).lemma_ not in ACTIVITY_HEADS | TOOL_HEADS and \
        not is_value(span)


def without_article(span: Span) -> Span | None:
    """The span without a leading article; None if it starts with another determiner
    or a pronoun ('this method', 'our model', 'each layer') or is nothing else."""
    start = span.start
    while start < span.end and span.doc[start].lower_ in ARTICLES:
        start += 1
    first = span.doc[start] if start < span.end else None
    if first is None or first.pos_ in ("DET", "PRON") and first.is_lower:
        return None
    return Span(span.doc, start, span.end, label=span.label_)


def is_name_span(span: Span) -> bool:
    """Can this span (articles trimmed) be an entity name at all?"""
    return not crosses_sentence(span) and not in_title(span[0]) and not is_filler(span) \
        and (span[-1].pos_ not in NOT_HEADS or has_name_shape(span[-1].text)) \
        and not is_clause(span) and not is_lone_word(span) and not splits_word(span) \
        and (span.label_ != CONCEPT or is_concept_term(span))


def entity_spans(doc: Doc) -> list[Span]:
    """The doc's entity spans (doc.ents) that can be names, articles trimmed."""
    kept = []
    for ent in doc.ents:
        trimmed = without_article(ent)
        if trimmed is not None and is_name_span(trimmed):
            kept.append(trimmed)
    return kept
