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

from kg.extract import gazetteer
from kg.extract.names import GENERIC_WORDS, METHOD_HEADS, has_name_shape, names_a_thing
from kg.extract.tags import singular
from spacy.tokens import Doc, Span, Token

from kg.model import CONCEPT, DATASET, METHOD, METRIC, TASK

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
fewer exponential unified mild common lightweight flexible powerful versatile heavy compute-heavy
handcrafted hand-crafted
large-scale small-scale high-quality real-world state-of-the-art well-known high-performance
""".split())
# Comparatives and the like that make a phrase a claim, not a term: 'faster convergence'.
FILLER_MODIFIERS = frozenset("""
future faster slower higher lower larger smaller improved reduced increased superior
inefficient
""".split())
# Words that judge rather than name, whatever follows: no name starts with one.
JUDGEMENT_MODIFIERS = VAGUE_MODIFIERS | FILLER_MODIFIERS
# Heads that make a phrase vague whatever its modifiers: 'diverse set', 'explicit value'.
VAGUE_HEADS = frozenset("""
set part element value capability resource way construction amount number kind type variety
range aspect fact case issue manner level degree extent form one thing lot example instance
effect role fraction portion majority share class family question direction challenge shift
phase stage view choice comparison growth practice investigation observation study
development expert truth checkpoint change
""".split())
# Heads of properties and quantities: 'computational cost', 'training efficiency'.
PROPERTY_HEADS = frozenset("""
cost efficiency convergence research result performance speed overhead gain improvement
benefit advantage limitation drawback property behavior behaviour quality capacity budget
time demand footprint usage count consumption stability instability guarantee variability
""".split())
# Heads of activities: a phrase ending in one is a task, a method or a field, not a term
# ('hyperparameter tuning', 'drug discovery', 'numerical simulation').
ACTIVITY_HEADS = frozenset("""
optimization optimisation tuning discovery design learning simulation modeling modelling
experimentation evaluation computing analysis communication sharing transfer generation
estimation
""".split())
# Sciences: a phrase headed by one is a field, not a term ('numerical relativity').
FIELD_NOUNS = frozenset("physics relativity mechanics chemistry biology".split())
# Heads that make a field unless a proper noun names it: 'multilinear algebra' is a field,
# 'Lie algebra' an object.
PLAIN_FIELD_NOUNS = frozenset(["algebra"])
# A resource before 'complexity' makes a property ('computational complexity', like
# 'computational cost'); 'sample complexity' is a named quantity, a Concept.
RESOURCE_WORDS = frozenset("computational time space memory communication".split())
# Heads of a method described, not named: 'offline optimizer', 'retrieval approach',
# 'greedy teaching algorithm' (docs/annotation.md: descriptions without a name).
DESCRIPTION_HEADS = frozenset("""
optimizer optimiser algorithm method solver sampler estimator learner technique scheme
procedure framework approach methodology strategy paradigm mechanism prescription
formulation solution
""".split())
# Heads of a model described by what it is, not named: 'generative model', 'deep neural net'
# (a system the text uses is a Method: docs/annotation.md).
MODEL_HEADS = frozenset("model network net layer architecture system".split())
# Modifiers that describe a model or system without naming a family ('generative model',
# 'dynamical system'; 'diffusion model', 'autoregressive model', 'dialogue system' name one).
DESCRIPTIVE_MODIFIERS = frozenset("""
generative discriminative statistical physical simplified dense deep shallow neural
mathematical numerical computational probabilistic predictive handcrafted hand-crafted
simple complex hybrid parametric nonparametric non-parametric trained pretrained learned
underlying surrogate dynamical machine learning
""".split())
# Heads of mathematical objects and theories, Concepts whatever the recognizer says:
# 'Hessian matrix', 'dynamical system', 'Pareto frontier', 'Lawvere theory'.
OBJECT_HEADS = frozenset("""
matrix group norm equation frontier domain theory theorem lemma basis tensor
process formula component assumption regime scale dimension period space function
distribution bound landscape manifold inequality vector loss objective coefficient
multiplier proof operator program pde coordinate measure index
""".split())
# Heads of fields, not methods or tasks, after adjectives: 'generative modeling',
# 'mathematical modelling', 'spatial computing' ('tumor growth modeling' is a task).
FIELD_HEADS = frozenset("modeling modelling computing".split())
# Heads that make a phrase the recognizer calls a Method a Task: 'symbolic regression',
# 'isosurface extraction', 'zero-shot stylization', 'LLM compression'.
TASK_NOUNS = frozenset("""
regression classification extraction reconstruction synthesis stylization compression
customization detection segmentation recognition translation forecasting prediction
answering captioning summarization identification removal
""".split())
# Heads of techniques, not problems or terms: a Task or Concept span so headed is a
# Method ('Newton-Schulz iteration', 'update clipping', 'matrix decomposition').
TECHNIQUE_HEADS = frozenset("""
iteration approximation decomposition factorization orthogonalization distillation
augmentation quantization pruning sampling clipping rounding matching decoding tuning
regularization normalization initialization differentiation relaxation
""".split())
# A term so headed is a technique too ('line search', 'grid search'); a task or data set may
# be one ('proof search', 'NQ Search').
TERM_TECHNIQUE_HEADS = TECHNIQUE_HEADS | {"search"}
# Words after a name and a hyphen that describe something else by it: 'Transformer-based'.
DESCRIBING_WORDS = frozenset("based style like type driven inspired guided".split())
# Endings of the process nouns a Task is headed by: 'image generation', 'model merging'.
PROCESS_ENDINGS = ("ing", "tion", "sion", "sis", "ment", "ence", "al", "ery")

# Nouns too generic to be a term alone ('inputs', 'parameters'), fine in one ('input space').
LONE_GENERIC_WORDS = frozenset("sample parameter hyperparameter variable input output value "
                               "quantity term rule parameterization parametrization".split())
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
PARTICIPLE = re.compile(r"[a-z]+(iz|is|at)ed")
ADJECTIVE_ENDING = re.compile(r"[a-z]+(ic|al|ous|ar|ary)")


def title_end(doc: Doc) -> int:
    """Where the title ends: at the first blank line (Paper.text always has one); -1 in a
    text with none, which has no title (computed once per doc)."""
    if "kg_title_end" not in doc.user_data:
        doc.user_data["kg_title_end"] = doc.text.find("\n\n")
    return doc.user_data["kg_title_end"]


# Words that end a phrase of a title: 'Stacked tensorial neural networks for …', '… for
# Child Detection in Noisy Footage'.
TITLE_PHRASE_ENDS = frozenset("for with via using based through towards toward in on by from "
                              "to under of and as beyond".split())
# Nouns that end in 'ing' and are no gerund ('Building Damage Classification').
ING_NOUNS = frozenset("building bearing string clothing ceiling setting spring evening morning "
                      "thing king ring wing".split())


def title_words(doc: Doc) -> list[Token]:
    """The title's tokens (`title_end`), spaces left out."""
    end = title_end(doc)
    if end == -1:
        return []
    words = []
    for token in doc:
        if token.idx >= end:
            break
        if not token.is_space:
            words.append(token)
    return words


def is_gerund(token: Token) -> bool:
    """Is the word a verb's '-ing' form ('Training …', 'Simulating …')? The tagger calls a
    title-case one a proper noun, so the ending decides, but for nouns like 'Building'."""
    return token.lower_ not in ING_NOUNS and (
        token.tag_ == "VBG" or token.lower_.endswith("ing") and len(token) > 4)


def in_title(token: Token) -> bool:
    """Is the token in the title (`title_end`)?"""
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
    if head is None:
        return True
    heads = VAGUE_HEADS | PROPERTY_HEADS
    first = first_word(span)
    # A capital makes it part of a name: 'Faster R-CNN', not 'faster convergence'.
    vague = first.text.lower() in JUDGEMENT_MODIFIERS and \
        (first[0].is_lower or first[0].is_sent_start and is_plain(span))
    return vague or head.lemma_.lower() in heads or head.lower_ in heads


def first_word(span: Span) -> Span:
    """The span's first word, whole when hyphenated: 'large-vocabulary speech recognition'
    starts with 'large-vocabulary', not with the vague 'large'."""
    first = next(token for token in span if token.is_alpha)
    end = first.i
    while end + 2 < span.end and not span.doc[end].whitespace_ and \
            span.doc[end + 1].text == "-" and not span.doc[end + 1].whitespace_:
        end += 2
    return span.doc[first.i:end + 1]


def is_clause(span: Span) -> bool:
    """Is the span a clause: a lowercase finite verb after its subject, with what reads
    as its object after it ('MaMs support scalable training', 'LSE term forces the …'),
    or an infinitive ('module to learn two parameters')? The tagger reads some verbs as
    plural nouns ('DLL leverages conic duality': a plural noun followed by an adjective
    inside a name is a verb; so is a third-person verb before a noun: 'formulation
    simplifies generation'), and some nouns as verbs: those stay ('pose estimation',
    'word embeddings are')."""
    doc = span.doc
    for token in span[1:]:
        if not token.is_lower or token.i + 1 >= len(doc):
            continue
        after, inside = doc[token.i + 1].tag_, token.i + 1 < span.end
        if token.tag_ == "TO" and inside and after == "VB":
            return True
        verb = token.tag_ in FINITE_VERB_TAGS or token.tag_ in ("NNS", "NNPS") and inside
        subject = any(t.pos_ in ("NOUN", "PROPN") for t in doc[span.start:token.i])
        object_noun = after in NOUN_TAGS and (not inside and token.tag_ != "NNS" or
                                              inside and token.tag_ == "VBZ")
        if verb and subject and (after in OBJECT_STARTS or object_noun):
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
    method or field: 'hyperparameter tuning', 'numerical simulation'), a science
    ('numerical relativity', 'multilinear algebra'), a resource's complexity, a method
    described without a name ('offline optimizer') or generic words only ('input sample',
    'weight parameter')?"""
    words = [token.lemma_ for token in span if token.is_alpha]
    generic = all(word in LONE_GENERIC_WORDS | {"weight"} for word in words)
    if not is_term(span) or generic or is_value(span):
        return False
    head = head_of(span).lemma_
    named = any(token.tag_ in ("NNP", "NNPS") for token in span)
    field = head in FIELD_NOUNS or head in PLAIN_FIELD_NOUNS and not named
    resource = head == "complexity" and any(word.lower() in RESOURCE_WORDS for word in words)
    return not field and not resource and head not in ACTIVITY_HEADS | DESCRIPTION_HEADS


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


def ends_in_participle(span: Span) -> bool:
    """'a Gaussian parameterized (by …)': a name never ends in a participle."""
    last = span[-1]
    return last.tag_ in ("VBN", "VBD") or PARTICIPLE.fullmatch(last.text) is not None


def ends_in_verb(span: Span) -> bool:
    """Does the span end in a lowercase verb: a clause's ('AI workloads grow'), or a
    participle's before its object ('MDLM requiring substantial compute', 'nations
    exhibiting strong bias')? A gerund that names a technique stays ('policy training')."""
    last, doc = span[-1], span.doc
    if not last.is_lower or len(span) < 2:
        return False
    if last.tag_ in ("VB", "VBP"):  # not VBZ: the tagger reads plurals so ('factorizations')
        return True
    after = doc[span.end] if span.end < len(doc) else None
    return last.tag_ == "VBG" and span[-2].pos_ in ("NOUN", "PROPN") and after is not None \
        and (after.tag_ in OBJECT_STARTS or after.tag_ in NOUN_TAGS)


def is_verb_first(span: Span) -> bool:
    """Does the span start with a verb ('derive policy gradient')? The tagger reads some
    adjectives after 'to' as verbs: 'complementary to stochastic rounding'."""
    first = span[0]
    return first.tag_ == "VB" and first.is_lower and not ADJECTIVE_ENDING.fullmatch(first.text)


def is_name_span(span: Span) -> bool:
    """Can this span (articles trimmed) be an entity name at all?"""
    return not crosses_sentence(span) and not in_title(span[0]) and not is_filler(span) \
        and span.text[:1].isalnum() and not ends_in_participle(span) \
        and not (span[0].pos_ == "ADV" and len(span) > 1 and span[1].tag_ == "VBG") \
        and not is_verb_first(span) and span[-1].lower_ != "using" and not ends_in_verb(span) \
        and (span[-1].pos_ not in NOT_HEADS or has_name_shape(span[-1].text)) \
        and not is_clause(span) and not is_lone_word(span) and not splits_word(span) \
        and (span.label_ != CONCEPT or is_concept_term(span))


def leading_name(span: Span) -> Span:
    """A name followed by a lowercase description of what it is, without the description:
    'Gen probabilistic programming system' -> 'Gen', 'Lean 4 checker' -> 'Lean 4'."""
    lower = next((t.i for t in span if t.is_lower and t.is_alpha), span.end)
    doc = span.doc
    # 'Frank-Wolfe-based online algorithm', 'Longformer-style sliding windows': a name
    # the rest is described by, not part of it.
    based_on = span.start + 1 < lower < span.end - 1 and doc[lower - 1].text == "-" and \
        doc[lower].lower_ in DESCRIBING_WORDS
    if lower < span.end and not doc[lower - 1].whitespace_ and not based_on:
        return span  # 'Kronecker-factored'
    name = doc[span.start:lower - 1] if based_on else doc[span.start:lower]
    # Only words that are a name by themselves lose the description ('Pareto
    # parameterization' stays: extract.names.names_a_thing).
    described = based_on or span[-1].lower_ in METHOD_HEADS and all(
        t.is_lower or not t.is_alpha for t in doc[lower:span.end]) and \
        len(name) > 0 and names_a_thing(name.text.split(), span[-1].text)
    # A sentence's first word or an adjective ('Riemannian gradient method') is no name.
    word = len(name) == 1 and not has_name_shape(name.text) and \
        (name[0].is_sent_start or NOT_PROPER.fullmatch(name.text) is not None)
    return name if 0 < len(name) < len(span) and described and not word else span


def is_plain(span: Span) -> bool:
    """Written in lowercase words (a sentence's capitalized first word too), no name in it."""
    return all(token.is_lower or not token.is_alpha or
               token.is_sent_start and token.text[1:].islower() for token in span) and \
        not any(has_name_shape(token.text) for token in span)


def scheme_label(span: Span) -> str | None:
    """The type docs/annotation.md gives a recognizer's Method, Task or Concept span by
    its head noun, or None when it is no entity; a well-known span has the gazetteer's.

    Method: a described method or model ('retrieval approach', 'generative model') and
    a field ('generative modeling') are none; a mathematical object is a Concept
    ('Hessian matrix'); a task noun makes a Task ('symbolic regression').
    Task: a field, a bare word ('regression', 'generation') and a phrase not headed by
    a process noun ('model depth', 'image database') are none.
    Task, Concept or Dataset: a technique noun makes a Method ('Newton-Schulz iteration',
    'update clipping').
    """
    head = head_of(span)
    known = gazetteer.lookup(span.text)
    if known:
        return known[0]
    if span.label_ == DATASET and head is not None and singular(head.lower_) in TECHNIQUE_HEADS:
        # no data set is headed by a technique noun: 'Newton-Schulz approximation'
        return scheme_label(Span(span.doc, span.start, span.end, label=METHOD))
    if span.label_ not in (METHOD, TASK, CONCEPT) or head is None:
        return span.label_
    words = [token for token in span if token.is_alpha or "-" in token.text]
    modifiers = [token.lower_ for token in words if token.i < head.i]
    lemma = singular(head.lower_)  # the tagger reads some plural heads as verbs: 'algorithms'
    named = any(has_name_shape(token.text) for token in span)
    if lemma == "computing" or lemma in FIELD_HEADS and \
            all(token.pos_ == "ADJ" for token in words if token.i < head.i):
        return None
    technique = lemma in TECHNIQUE_HEADS or span.label_ == TASK and lemma in METHOD_HEADS or \
        span.label_ == CONCEPT and lemma in TERM_TECHNIQUE_HEADS
    if span.label_ in (TASK, CONCEPT) and technique:
        return scheme_label(Span(span.doc, span.start, span.end, label=METHOD))
    if span.label_ == CONCEPT:
        return CONCEPT
    if span.label_ == TASK:
        process = lemma.endswith(PROCESS_ENDINGS) and lemma not in DESCRIPTION_HEADS or \
            lemma == "problem"
        # A named task stays: 'SBIR', 'instance-level SBIR'.
        return TASK if process and len(words) > 1 or has_name_shape(head.text) or \
            named and len(words) == 1 else None
    if lemma in TASK_NOUNS or lemma == "problem":  # 'non-convex optimization problem'
        return TASK if len(words) > 1 else None
    # 'neural' makes an object a learned model: 'neural ordinary differential equations'.
    if lemma in OBJECT_HEADS and not named and "neural" not in modifiers and \
            leading_name(span) == span:
        return CONCEPT if is_concept_term(span) else None
    if not is_plain(span):
        return METHOD
    if lemma in DESCRIPTION_HEADS or lemma in MODEL_HEADS and modifiers and \
            set(modifiers) <= DESCRIPTIVE_MODIFIERS:
        return None
    return METHOD


def split_known_end(span: Span) -> list[Span]:
    """A name ending in a well-known task is two names: 'WMT 2014 English-German machine
    translation' is the data set 'WMT 2014 English-German' and the Task 'machine
    translation'. So is a data set's or a method's name ending in a well-known measure:
    'CIFAR-10 FID', 'MultiNLI accuracy', 'FooNet BLEU'; a 'data set' of a task or plain
    words and a measure is one Metric, the measure of that ('VQA accuracy', '3D FID')."""
    if span.label_ == TASK:
        return [span]
    for start in range(max(span.start + 1, span.end - 3), span.end):
        known = gazetteer.lookup(span.doc[start:span.end].text)
        if known and known[0] == TASK:
            return [Span(span.doc, span.start, start, label=span.label_),
                    Span(span.doc, start, span.end, label=TASK)]
        if known and known[0] == METRIC and span.label_ in (DATASET, METHOD):
            owner = span.doc[span.start:start]
            if (gazetteer.lookup(owner.text) or (span.label_,))[0] == span.label_ and any(
                    has_name_shape(token.text) for token in owner):
                return [Span(span.doc, span.start, start, label=span.label_),
                        Span(span.doc, start, span.end, label=METRIC)]
            if span.label_ == DATASET:
                return [Span(span.doc, span.start, span.end, label=METRIC)]
    return [span]


def entity_spans(doc: Doc) -> list[Span]:
    """The doc's entity spans (doc.ents) that can be names, articles trimmed, split from
    a well-known task or measure they end in (`split_known_end`), typed by the scheme
    (`scheme_label`)."""
    return [name for ent in doc.ents for part in split_known_end(ent)
            if (name := as_name(part)) is not None]


SPACED_DASHES = frozenset("- – — − ‒".split())  # hyphen, en, em, minus and figure dashes


def within_clause(span: Span) -> Span:
    """The span without what a clause break adds to a name: a spaced dash and the
    lowercase words on one side of it ('ScienceAgentBench - including', 'datasets -
    CUB-200-2011'; 'Retinal OCT Image Classification - C8' stays), a dash at either end and
    a possessive ('MRAG-Bench's')."""
    doc, start, end = span.doc, span.start, span.end
    for token in span:
        spaced = token.text in SPACED_DASHES and doc[token.i - 1].whitespace_ and \
            token.whitespace_ and start < token.i < end - 1
        if spaced and doc[token.i + 1].is_lower:
            end = token.i
        elif spaced and doc[token.i - 1].is_lower:
            start = token.i + 1
    while end - start > 1 and (doc[end - 1].tag_ == "POS" or doc[end - 1].text in SPACED_DASHES):
        end -= 1
    while end - start > 1 and doc[start].text in SPACED_DASHES:
        start += 1
    return Span(doc, start, end, label=span.label_)


def as_name(span: Span) -> Span | None:
    """The span as an entity name: clause breaks (`within_clause`) and articles trimmed,
    typed by the scheme (`scheme_label`); None when the scheme or the name predicates
    (`is_name_span`) refuse it."""
    trimmed = without_article(within_clause(span))
    label = scheme_label(trimmed) if trimmed is not None else None
    if label is None:
        return None
    named = Span(span.doc, trimmed.start, trimmed.end, label=label)
    return named if is_name_span(named) else None
