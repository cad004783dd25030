"""Finding mentions of names in a tagged spaCy Doc.

Each finder takes the Doc and returns `Mention`s; `find_mentions` runs them
(gazetteer, abbreviation, name shape, title, trained model, concept phrase) and
merges them by precedence: of overlapping rule names and model spans the longest
wins (a rule name before a model span of the same length: measured best on SciER
dev), then rule concept phrases where neither is. Gazetteer names, abbreviations,
model spans and concept phrases come typed; names found by their shape are typed
later from their context (extract.context), falling back to the model's type for
the same span.
Nothing here knows about papers or the graph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.extract import gazetteer
from kg.extract.abbreviations import Abbreviation, in_hyphenated_word
from kg.extract.names import (
    DATA_NOUNS,
    DATASET_HEADS,
    GENERIC_WORDS,
    LONG_FORM_TASK_HEADS,
    LOWER_VERSION_PARTS,
    METHOD_HEADS,
    METRIC_HEADS,
    MODIFIER_ENDS,
    has_name_shape,
    is_acceptable_name,
    is_latex_debris,
    singular_name,
    strip_name,
    without_articles,
)
from kg.extract.spans import (
    ACTIVITY_HEADS,
    FINITE_VERB_TAGS,
    JUDGEMENT_MODIFIERS,
    NOT_PROPER,
    TERM_TECHNIQUE_HEADS,
    TITLE_PHRASE_ENDS,
    crosses_sentence,
    ends_in_participle,
    head_of,
    in_title,
    is_concept_term,
    is_gerund,
    leading_name,
    splits_word,
    title_end,
    title_words,
)
from kg.extract.tags import singular
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from kg.model import CONCEPT, DATASET, METHOD, METRIC, TASK, name_key

UNTYPED = ""
# What a title 'X: …' says the paper is, not its name: 'Position: Academic Conferences …'.
GENRE_WORDS = frozenset("position survey review tutorial perspective commentary editorial "
                        "erratum".split())
REJECTED = "kg_rejected"  # the span group of spans the span check doubted
YEAR = re.compile(r"(19|20)\d\d[a-z]?")
VERSION = re.compile(r"v?\d+(\.\d+)+|v\d+|(19|20)\d\d")


@dataclass
class Mention:
    """A stretch of text naming an entity, with its type and cleaned name."""

    span: Span
    type: str
    name: str
    proposed: bool = False
    model_type: str = ""  # the trained model's type for this very span, if it found it
    from_model: bool = False  # found by the trained model, not by a rule


# A size in billions is a model's ('Qwen3-4B', 'InternVL2-26B'); a data set counts its
# items in thousands or millions ('ProgressLM-45K', 'BIOSCAN-5M').
MODEL_SIZE = re.compile(r"(?<![A-Za-z])\d+(\.\d+)?B(?![A-Za-z])")


def mention(span: Span, label: str, name: str | None = None,
            from_model: bool = False) -> Mention | None:
    """A Mention of `span` named `name` (default: the span's text without articles or
    generic head nouns), or None if that cannot be a name. A name with a model's size is
    a Method, whatever its context said. A lone modifier names the well-known Method it is
    made from, or nothing (modified_head)."""
    head = modified_head(span)
    if head is not None:
        span, name = head, head.text
    name = name or strip_name(span.text)
    if label == DATASET and MODEL_SIZE.search(name):
        label = METHOD
    return Mention(span, label, name, from_model=from_model) if is_acceptable_name(name) and \
        gazetteer.is_entity(name) and not crosses_sentence(span) else None


def modified_head(span: Span) -> Span | None:
    """The name in one word 'X-Based' (MODIFIER_ENDS) that modifies the word after it:
    X when it is a well-known Method ('LLM' in 'LLM-Based Attacks'), the empty span when it
    is not ('Template-Based Retrieval', 'EEG-Based Decoding'), None for any other span. A
    modifier before punctuation may be a paper's own name ('LoRA-Guided, an adapter search
    method') and stays one."""
    doc = span.doc
    if len(span) < 3 or span[-2].text != "-" or span[-1].lower_ not in MODIFIER_ENDS or \
            any(token.whitespace_ for token in span[:-1]) or span.end >= len(doc) or \
            not doc[span.end].is_alpha:
        return None
    head = span[:-2]
    known = gazetteer.lookup(head.text)
    return head if known and known[0] == METHOD else span[:0]


@cache
def phrase_matchers(vocab) -> tuple[PhraseMatcher, PhraseMatcher]:
    """Case-sensitive matcher for names written with capitals, case-blind for the rest."""
    exact, caseless = PhraseMatcher(vocab, attr="ORTH"), PhraseMatcher(vocab, attr="LOWER")
    from spacy.lang.en import English
    tokenizer = English().tokenizer
    for name in gazetteer.phrases():
        # Multi-word capitalized names are unambiguous enough to match in any case.
        matcher = exact if name != name.lower() and " " not in name else caseless
        forms = [name] if name.endswith("s") and not name.endswith("ss") else \
            [name, re.sub(r"([^aeiou])y$", r"\1ies", name) if re.search(r"[^aeiou]y$", name)
             else name + ("es" if re.search(r"(s|x|ch|sh)$", name) else "s")]
        matcher.add(name, [tokenizer(form) for form in forms])
    return exact, caseless


def gazetteer_mentions(doc: Doc) -> list[Mention]:
    """Well-known names, typed by the gazetteer; none that ends a hyphenated word
    ('autoregressive language model' is not in 'non-autoregressive language model')."""
    found = []
    for matcher in phrase_matchers(doc.vocab):
        for match_id, start, end in matcher(doc):
            if start >= 2 and doc[start - 1].text == "-" and \
                    not doc[start - 1].whitespace_ and not doc[start - 2].whitespace_:
                continue
            label, canonical = gazetteer.lookup(doc.vocab.strings[match_id])
            found.append(Mention(doc[start:end], label, canonical))
    return found


def is_data_source(span: Span) -> bool:
    """Is the span where data comes from: '160 variables from X', 'images drawn from X'?"""
    doc = span.doc
    before = [t for t in doc[max(span.start - 4, 0):span.start]
              if not t.is_punct and t.lower_ not in ("the", "a", "an")]
    return len(before) >= 2 and before[-1].lower_ == "from" and \
        any(t.lemma_.lower() in DATA_NOUNS for t in before[:-1])


LONG_FORM_PREPOSITIONS = frozenset("of for with in on over via under from".split())


def type_of_long_form(long: Span) -> str:
    """The type a spelled-out long form names, from its head noun."""
    words = [t for t in long if t.is_alpha]
    # The head comes before a preposition: 'Attention Model for Routing Problems (AMRP)',
    # 'Vehicle Routing Problem with Time Windows (VRPTW)'.
    head = next((t for t in words if t.lower_ in LONG_FORM_PREPOSITIONS), None)
    head_token = words[words.index(head) - 1] if head and words.index(head) > 0 else \
        words[-1] if words else long[-1]
    head_word = head_token.lower_
    # 'Cross-View Geo-Localization': the hyphenated word is the head.
    doc, at = long.doc, head_token.i
    hyphenated = doc[at - 2:at + 1].text.lower() if at >= 2 and doc[at - 1].text == "-" \
        and not doc[at - 2].whitespace_ and not doc[at - 1].whitespace_ else head_word
    if head_word in DATASET_HEADS:
        return DATASET
    if head_word in METRIC_HEADS or head_word in {"accuracy", "coefficient"}:
        return METRIC if head_word != "coefficient" else CONCEPT
    before = doc[max(long.start - 2, 0):long.start].text.lower()
    if LONG_FORM_TASK_HEADS & {head_word, hyphenated} or before in ("problem of", "task of"):
        return TASK  # 'the problem of Iterative Machine Teaching (IMT)'

    if is_data_source(long):
        return DATASET
    if head_word in METHOD_HEADS or singular(head_word) in METHOD_HEADS:
        return METHOD
    # A capitalized long form is a name ('Dual Lagrangian Learning'); a lowercase one
    # is a term of the field ('large language models'), whatever its head.
    capitalized = any(t.text[:1].isupper() for t in words[1:]) or \
        len(words) == 1 and has_name_shape(words[0].text)
    # An activity is a technique: 'parameter-efficient fine-tuning (PEFT)',
    # 'Topological data analysis (TDA)'.
    return METHOD if capitalized or singular(head_word) in ACTIVITY_HEADS else CONCEPT


def abbreviation_mentions(abbreviations: list[Abbreviation]) -> tuple[list[Mention], set[str]]:
    """Both forms of every defined abbreviation, typed alike; and the name keys of the
    abbreviations that stand for no term a Concept can be ('number of function
    evaluations (NFE)', 'primal-dual (PD)', the field 'numerical relativity (NR)'), which
    are no entity anywhere in the text."""
    found, not_terms = [], set()
    for abbreviation in abbreviations:
        known = gazetteer.lookup(abbreviation.short.text.rstrip("s")) or \
            gazetteer.lookup(abbreviation.long.text)
        label = known[0] if known else \
            METRIC if is_measure_at_cutoff(abbreviation) else type_of_long_form(abbreviation.long)
        if not known and label == CONCEPT and not is_concept_term(abbreviation.long):
            not_terms |= {name_key(singular_name(span.text))
                          for span in (abbreviation.long, abbreviation.short)}
            continue
        for span in (abbreviation.long, *recurrences(abbreviation.long), abbreviation.short):
            if found_mention := mention(span, label, singular_name(span.text)):
                found.append(found_mention)
    return found, not_terms


# Measures written with a cutoff besides the metric heads: 'Recall@10', 'Hit Ratio@10'.
CUTOFF_MEASURES = frozenset("accuracy precision recall ratio".split())


def is_measure_at_cutoff(abbreviation: Abbreviation) -> bool:
    """A measure at a cutoff: 'Success Rate at Locate (SR@Loc)', 'mean Average Precision at
    0.5 IoU (mAP@0.5)'; not 'Robot at Home (Robot@Home)'."""
    return "@" in abbreviation.short.text and \
        any(t.lower_ in METRIC_HEADS | CUTOFF_MEASURES for t in abbreviation.long)


def recurrences(long: Span) -> list[Span]:
    """Where else the text writes a long form of several words, in any case: the title's
    'Vision Language Models' of 'vision language models (VLMs)' is that name, not the
    'language models' inside it."""
    doc, words = long.doc, [t.lower_ for t in long]
    if len(words) < 2:
        return []
    found = [doc[i: i + len(words)] for i in range(len(doc) - len(words) + 1)
             if i != long.start and doc[i].lower_ == words[0] and
             [t.lower_ for t in doc[i: i + len(words)]] == words]
    # not half of a hyphenated word: 'process-reward models' is no 'reward models'
    return [span for span in found if not splits_word(span)]


def in_citation(token: Token) -> bool:
    """Is the token inside a citation: [BFN19], (FOCS 2024), (Jordan et al., 2024)?"""
    doc = token.doc
    if "kg_citations" not in doc.user_data:
        inside: set[int] = set()
        for t in doc:
            if t.text in "[(":
                close = next((u.i for u in doc[t.i + 1: t.i + 30] if u.text in ")]"), None)
                group = doc[t.i + 1: close] if close else []
                if t.text == "[" or any(YEAR.fullmatch(u.text) for u in group):
                    inside.update(u.i for u in group)
        doc.user_data["kg_citations"] = inside
    return token.i in doc.user_data["kg_citations"]


def is_name_word(token: Token) -> bool:
    """Does this token, in its place, look like part of a name?"""
    if in_citation(token):
        return False
    if has_name_shape(token.text):
        return True
    if in_title(token) or token.is_sent_start or not token.text[:1].isupper():
        return False
    return token.text[1:].islower() and not NOT_PROPER.fullmatch(token.text)


def joined(left: Token, right: Token) -> bool:
    """Are two tokens written together, with no space or only a hyphen between?"""
    return not left.whitespace_ and (right.text == "-" or left.text == "-" or
                                     right.text[:1].isalnum() and left.text[-1:].isalnum())


def hyphen_chain(doc: Doc, start: int) -> int:
    """End of the run of tokens joined to doc[start] without spaces ('DPM-Solver-v3')."""
    end = start + 1
    while end < len(doc) and joined(doc[end - 1], doc[end]):
        end += 1
    # Keep version words ('-base', '-v3'); drop trailing descriptions ('-based', '-style').
    while end - start > 1 and (doc[end - 1].text == "-" or doc[end - 1].is_alpha and
                               doc[end - 1].is_lower and
                               doc[end - 1].lower_ not in LOWER_VERSION_PARTS):
        end -= 1
    return end


def is_measured_name(name: Span, word: Token) -> bool:
    """Is `word` a well-known measure of the name before it, not part of it: 'CIFAR-10
    FID', 'Celeb-DF v2 AUC', 'ImageNet FID' (a known name, or one holding a number or a
    hyphen; 'dB PSNR' and 'Integral KL' stay as written)?"""
    if (gazetteer.lookup(word.text) or ("",))[0] != METRIC:
        return False
    return gazetteer.lookup(name.text) is not None or re.search(r"\d|-", name.text) is not None \
        and any(has_name_shape(token.text) for token in name)


def shape_mentions(doc: Doc) -> list[Mention]:
    """Names found by how they are written: 'NorMuon', 'Turbo-Muon', 'Interaction Basis'."""
    found, index = [], 0
    while index < len(doc):
        end = hyphen_chain(doc, index)
        chain = doc[index:end]
        if any(is_name_word(token) for token in chain if token.text != "-") and \
                not any(is_latex_debris(token.text) for token in chain):
            # Title-case words that follow mid-sentence belong to the same name,
            # and so does a version: 'SQuAD v1.1', 'wav2vec 2.0'.
            while end < len(doc) and doc[end - 1].whitespace_ and (
                    is_name_word(doc[end]) or VERSION.fullmatch(doc[end].text)) and \
                    not is_measured_name(doc[index:end], doc[end]):
                end = hyphen_chain(doc, end)
            if found_mention := mention(doc[index:end], UNTYPED,
                                        singular_name(strip_name(doc[index:end].text))):
                found.append(found_mention)
            index = end
        else:
            index += 1
    return found


def title_prefix(doc: Doc) -> Span | None:
    """The 'X' of a title 'X: …', when it is short enough to be a name."""
    end = title_end(doc)
    colon = doc.text.find(":", 0, end) if end != -1 else -1  # no title, no prefix
    span = doc.char_span(0, colon, alignment_mode="contract") if colon > 0 else None
    return span if span is not None and 0 < len(span) <= 5 else None


# Heads of a task a title's 'for …' phrase names: 'for Reliable Child Detection'.
TITLE_TASK_HEADS = LONG_FORM_TASK_HEADS | frozenset(
    "prediction identification localization screening planning reasoning understanding "
    "proving driving mapping navigation design editing compression inspection inpainting "
    "outpainting verification tracking".split())
# What a title wants its method to be, not part of the task: 'for Reliable Child Detection',
# the judging words (JUDGEMENT_MODIFIERS) less sizes and counts, which name a setting.
SIZE_WORDS = frozenset("large small high low single multiple long short".split())
TITLE_JUDGEMENTS = JUDGEMENT_MODIFIERS - SIZE_WORDS | frozenset(
    "reliable robust explainable interpretable faithful trustworthy fast safe accurate".split())


def title_task_mentions(doc: Doc, tasks: list[Mention]) -> list[Mention]:
    """The task a title says it is for: 'Enhancing YOLOv11n for Reliable Child Detection in
    Noisy Footage' -> 'Child Detection' (a judgement before it is no part of it), unless
    one of `tasks` lies inside that phrase: the known task is the name, the words before it
    a setting ('Long-Horizon Time Series Forecasting')."""
    words = title_words(doc)
    found = []
    for at, token in enumerate(words):
        if token.lower_ != "for":
            continue
        phrase = []
        for word in words[at + 1:]:
            if word.lower_ in TITLE_PHRASE_ENDS or word.pos_ not in ("ADJ", "NOUN", "PROPN") \
                    and word.text != "-":
                break
            phrase.append(word)
        # A judgement is no part of the task ('Reliable', 'Improved'), a hyphenated
        # modifier ('Low-Resource') or a size ('Low Dose CT Reconstruction') is.
        while len(phrase) > 1 and phrase[1].text != "-" and phrase[0].lower_ in TITLE_JUDGEMENTS:
            phrase = phrase[1:]
        if len(phrase) >= 2 and phrase[-1].lower_ in TITLE_TASK_HEADS and \
                not is_gerund(phrase[0]):
            span = doc[phrase[0].i: phrase[-1].i + 1]
            if any(span.start <= m.span.start and m.span.end <= span.end for m in tasks) or \
                    (gazetteer.lookup(span.text) or (TASK,))[0] != TASK:
                continue  # a task inside, or a known method: 'for Proximal Policy Optimization'
            if task := mention(span, TASK, span.text):
                found.append(task)
    return found


def is_phrase_prefix(prefix: Span, abbreviations: list[Abbreviation]) -> bool:
    """Does a title's 'X: …' read as a phrase, not a name: opening with an article, a
    pronoun, a preposition or an adverb ('Beyond Completion: …', 'Not All Skills Help: …';
    not a word glued to the next, 'On-Device Diffusion', 'Once-for-All'), or holding a
    lowercase preposition ('Epistemology of Generative AI: …'; not one the text defines as
    a long form, 'Tree of Thoughts (ToT)')?"""
    if prefix[0].pos_ in ("DET", "PRON"):
        return True
    if len(prefix) == 1 or prefix.text.lower() in {a.long.text.lower() for a in abbreviations}:
        return False
    return prefix[0].pos_ in ("ADP", "ADV", "PART") and not in_hyphenated_word(prefix[0]) or \
        any(t.pos_ == "ADP" and t.is_lower and not in_hyphenated_word(t) for t in prefix[1:])


def title_name_mentions(doc: Doc, abbreviations: list[Abbreviation]) -> list[Mention]:
    """The 'X' of a title 'X: …' when X is written as one name ('Turbo-Muon', 'PFGM++'),
    or as a name of up to four capitalized words ('Sparse Ladder Attention',
    'Generalized Fisher-Weighted SVD'), not a sentence ('This Is X') or the paper's genre
    ('Position: …')."""
    prefix = title_prefix(doc)
    words = prefix.text.split() if prefix is not None else []
    if not words or len(words) == 1 and words[0].lower() in GENRE_WORDS:
        return []
    if not (len(words) == 1 or len(words) <= 4 and (
            any(has_name_shape(t.text) for t in prefix) or
            all(word[:1].isupper() for word in words))):
        return []
    # A sentence is no name, in title case too: 'This Is SPIRAL-TAP: …', 'Model Collapse
    # Demystified: …', nor is a gerund's phrase ('Simulating Organized Group Behavior: …';
    # the tagger calls title-case words proper nouns), unless a method head ends it ('Sliding
    # Window Attention').
    if is_phrase_prefix(prefix, abbreviations) or any(t.tag_ in FINITE_VERB_TAGS for t in prefix) \
            or len(words) > 1 and is_gerund(prefix[0]) \
            and prefix[-1].lower_ not in METHOD_HEADS \
            or len(prefix) > 1 and ends_in_participle(prefix):
        return []
    # A name of several words is one whose words the text goes on to use ('Implicit
    # Diffusion: …'); a catchphrase's are not ('Power Lines: …', 'Little Brains, Big Feats: …').
    if len(words) > 1:
        body = {t.lemma_.lower() for t in doc if not in_title(t) and not t.is_space}
        if body and any(t.lemma_.lower() not in body for t in prefix if t.is_alpha):
            return []
    found = mention(prefix, UNTYPED, prefix.text)
    return [found] if found else []


def concept_mentions(doc: Doc) -> list[Mention]:
    """Multi-word technical noun phrases: adjectives and nouns ending in a noun; Concepts,
    or Methods when headed by a technique noun."""
    found, index = [], 0
    while index < len(doc):
        end = index
        while end < len(doc) and doc[end].pos_ in {"ADJ", "NOUN", "PROPN"} and \
                doc[end].is_alpha and not (end > index and doc[end].is_sent_start):
            end += 1
        while end > index and doc[end - 1].pos_ != "NOUN":
            end -= 1
        phrase = doc[index:end]
        # Half a hyphenated word is no phrase: 'orthogonal fine(-tuning)'.
        glued = index > 0 and not doc[index - 1].whitespace_ or splits_word(phrase)
        if 2 <= len(phrase) <= 4 and not glued and is_concept_term(phrase) and \
                not any(t.lower_ in GENERIC_WORDS or is_latex_debris(t.text) or len(t) < 3
                        for t in phrase):
            name = " ".join([t.lower_ for t in phrase[:-1]] + [phrase[-1].lemma_.lower()])
            # A technique is a Method: 'update clipping', 'matrix decomposition'.
            label = METHOD if phrase[-1].lemma_.lower() in TERM_TECHNIQUE_HEADS else CONCEPT
            if found_mention := mention(phrase, label, name):
                found.append(found_mention)
        index = max(end, index + 1)
    return found


def term_name(span: Span) -> str:
    """The name of a model span. A lowercase term keeps its head noun, in the singular
    ('graph neural networks' -> 'graph neural network'); a name loses generic heads
    ('the Muon optimizer' -> 'Muon')."""
    if span.text != span.text.lower():
        return singular_name(strip_name(leading_name(span).text))
    words = without_articles(span.text).split() or span.text.split()
    if span[-1].tag_ in ("NNS", "NNPS") and words[-1] == span[-1].text:
        words[-1] = span[-1].lemma_.lower()
    return " ".join(words)


def model_mentions(doc: Doc) -> list[Mention]:
    """The trained entity recognizer's spans (doc.ents, as the span filter left them:
    extract.spans), typed by it, except that a name followed by a data set's head noun
    is a Dataset ('the TidePool-QA benchmark')."""
    found = []
    for ent in doc.ents:
        # A name and a description of it mention the name ('Gen' in 'the Gen probabilistic
        # programming system', 'Frank-Wolfe-based online algorithm'); a name and one
        # generic head are written together ('the JAVELIN system').
        name = leading_name(ent)
        span = name if len(ent) - len(name) > 1 else ent
        label = DATASET if ent[-1].lower_ in DATASET_HEADS else ent.label_
        if item := mention(span, label, term_name(ent), from_model=True):
            found.append(item)
    return found


def longest_first(mentions: list[Mention]) -> list[Mention]:
    """Drop mentions overlapping an earlier-trusted or longer one; sort by position."""
    kept: list[Mention] = []
    taken: set[int] = set()
    for item in sorted(mentions, key=lambda m: -len(m.span)):
        positions = set(range(item.span.start, item.span.end))
        if not positions & taken:
            kept.append(item)
            taken |= positions
    return sorted(kept, key=lambda m: m.span.start)


def widened(item: Mention, longer: list[Mention]) -> Mention:
    """A lowercase well-known term inside a longer phrase is that phrase, typed as the term
    ('dropout' in 'spectral dropout'), and so is the term after a hyphenated modifier
    ('gradient descent' in 'full-batch gradient descent') unless the modifier is a
    judgement, as the span filter's vague words are ('compute-heavy backpropagation').
    Only hand-listed terms: a learned one is a name as written ('small language model',
    never 'on-device small language model')."""
    if item.name != item.name.lower() or item.type != METHOD or \
            gazetteer.find(gazetteer.listed(), item.name) is None:
        return item
    outer = [m for m in longer if m.span.start <= item.span.start and
             item.span.end <= m.span.end and len(m.span) > len(item.span)]
    if outer:
        widest = max(outer, key=lambda m: len(m.span))
        return Mention(widest.span, item.type, widest.name, from_model=widest.from_model)
    # A hyphenated modifier belongs to the term: 'full-batch gradient descent'.
    doc, start = item.span.doc, item.span.start
    modifier = doc[start - 3:start] if start >= 3 else None
    # Not the end of a longer chain: 'state-of-the-art diffusion model'.
    chained = start >= 4 and doc[start - 4].text == "-" and not doc[start - 4].whitespace_
    if modifier is not None and not chained and modifier[1].text == "-" and \
            modifier[-1].whitespace_ and \
            not modifier[0].whitespace_ and not modifier[1].whitespace_ and \
            all(t.is_lower for t in modifier if t.text != "-") and \
            modifier.text not in JUDGEMENT_MODIFIERS:
        span = doc[start - 3:item.span.end]
        return Mention(span, item.type, f"{modifier.text} {item.name}")
    return item


def modifies_doubted(item: Mention, doubted: list[Span], known: list[Mention]) -> bool:
    """Does a known term only modify the head of a phrase the span check doubted ('language
    model' in 'language model adaptation', in 'reasoning of language models')? The phrase
    is about its head, so the term names nothing there. A head that is a known term itself
    has both: 'transformer language model'."""
    for span in doubted:
        head = head_of(span)
        if head is not None and span.start <= item.span.start and item.span.end <= span.end:
            return not any(other.span.start <= head.i < other.span.end for other in known)
    return False


def covered(mentions: list[Mention]) -> set[int]:
    """The token indices inside any of the mentions."""
    return {i for m in mentions for i in range(m.span.start, m.span.end)}


def without_taken(mentions: list[Mention], kept: list[Mention]) -> list[Mention]:
    """The mentions that overlap none of `kept`."""
    taken = covered(kept)
    return [m for m in mentions if not taken & set(range(m.span.start, m.span.end))]


def replacing(mentions: list[Mention], new: list[Mention]) -> list[Mention]:
    """The new mentions in place of those they overlap, all in text order."""
    return sorted([*new, *without_taken(mentions, new)], key=lambda m: m.span.start)


# Words before 'accuracy' that say whose it is, not which: 'model accuracy', 'human accuracy'.
OWNER_NOUNS = frozenset("model models baseline baselines method methods system systems network "
                        "networks classifier classifiers agent agents approach student teacher "
                        "human humans peak human-level".split())
# Verbs that take a measure as object, which the tagger may read as nouns: 'and report test
# accuracy'; and 'SOTA', a judgement.
NOT_QUALIFIERS = frozenset("report reports measure measures evaluate evaluates compare "
                           "compares improve improves boost boosts reach reaches achieve "
                           "achieves attain attains yield yields sota".split())
# Adjectives that say which accuracy: 'average accuracy', 'balanced accuracy'.
MEASURE_QUALIFIERS = frozenset("average balanced predictive diagnostic adversarial".split())


def qualified_accuracy(item: Mention, taken: set[int]) -> Mention:
    """Accuracy after the words that say which one it is, that accuracy: 'test accuracy',
    'top-1 accuracy', 'average accuracy', 'multiple-choice accuracy'
    (docs/annotation.md names accuracies so); not after a judgement ('high accuracy',
    'state-of-the-art accuracy'), an owner ('model accuracy'), a value ('71.1% accuracy')
    words another mention holds (`taken`: 'image classification' of 'image
    classification accuracy') or a word shaped like a name ('TidePool-QA accuracy')."""
    if item.type != METRIC or item.span.text not in ("accuracy", "accuracies"):
        return item
    doc, start = item.span.doc, item.span.start
    while start > item.span.sent.start:
        first = start - 1  # the word before, hyphenated words whole: 'multiple-choice'
        while first >= 2 and doc[first - 1].text == "-" and in_hyphenated_word(doc[first]):
            first -= 2
        word = doc[first: start]
        # A number only inside a hyphenated word: 'top-1', not 'two accuracy measures'.
        names_which = word[0].is_alpha and (word[-1].tag_ in ("NN", "NNP") or
                                            word[-1].tag_ == "CD" and len(word) > 1 or
                                            word[-1].lower_ in MEASURE_QUALIFIERS)
        if not names_which or taken & set(range(first, start)) or \
                word.text.lower() in JUDGEMENT_MODIFIERS | OWNER_NOUNS | NOT_QUALIFIERS or \
                has_name_shape(word.text) and not word.text.islower():  # a name: 'FooNet'
            break
        start = first
    if start == item.span.start:
        return item
    span = doc[start: item.span.end]  # named in the singular: 'test accuracies'
    return Mention(span, METRIC, f"{doc[start: item.span.start].text} accuracy",
                   from_model=item.from_model)


def is_unmodified(span: Span) -> bool:
    """Does no modifier stand before the span ('the accuracy', 'our accuracy', 'Accuracy
    rises'), so that nothing says which one it is ('clean accuracy', 'robust accuracy')?"""
    before = span.doc[span.start - 1] if span.start > span.sent.start else None
    return before is None or before.pos_ not in ("ADJ", "NOUN", "PROPN", "NUM", "PUNCT") or \
        before.text in (",", "(", ";", ":")


def one_accuracy(mentions: list[Mention]) -> list[Mention]:
    """Mentions of an unmodified 'accuracy' (`is_unmodified`) named as the one qualified
    accuracy the text writes ('test accuracy'), if it writes just one: the same measure,
    said short; not 'clean accuracy and adversarial accuracy'."""
    qualified = {m.name.lower(): m.name for m in mentions if m.type == METRIC and
                 len(m.span) > 1 and m.span[-1].lower_ in ("accuracy", "accuracies")}
    if len(qualified) != 1:
        return mentions
    name = qualified.popitem()[1]
    return [Mention(m.span, METRIC, name, from_model=m.from_model)
            if m.type == METRIC and m.span.text.lower() in ("accuracy", "accuracies") and
            is_unmodified(m.span) else m for m in mentions]


def find_mentions(doc: Doc, abbreviations: list[Abbreviation],
                  entities: str = "combined") -> list[Mention]:
    """Every typed mention in the doc, in text order, none overlapping.

    entities: "rules" (kg's rules alone), "model" (the trained recognizer's spans
    alone), "combined" (rule names and model spans, the longest of overlapping ones,
    a rule name before a model span of the same length; then rule concept phrases).
    """
    learned = model_mentions(doc) if entities != "rules" else []
    if entities == "model":
        return learned
    doubted = list(doc.spans.get(REJECTED, []))  # by the span check (extract.pipeline)
    doubted_tokens = {i for span in doubted for i in range(span.start, span.end)}
    # What the two models disagree on is no concept phrase either, unless the rules call
    # it a technique.
    # Nor is a phrase about a name annotators pass over ('RGB image', 'GUI agent').
    phrases = [item for item in concept_mentions(doc) if (item.type == METHOD
               or not doubted_tokens & set(range(item.span.start, item.span.end)))
               and not any(gazetteer.is_passed_over(token.text) for token in item.span)]
    known = [widened(item, learned + phrases) for item in gazetteer_mentions(doc)]
    # Words of another known name ('exact match accuracy') or a recognized span of another
    # type are no accuracy's.
    others = covered(known + [m for m in learned if m.type != METRIC])
    known = one_accuracy([qualified_accuracy(item, others) for item in known])
    known = [item for item in known if not modifies_doubted(item, doubted, known)]
    defined, not_terms = abbreviation_mentions(abbreviations)
    named = [item for item in defined + known + shape_mentions(doc)
             + title_name_mentions(doc, abbreviations)
             + title_task_mentions(doc, [m for m in known + learned if m.type == TASK])
             if name_key(item.name) not in not_terms]
    learned = [item for item in learned if name_key(item.name) not in not_terms]
    by_extent = {(m.span.start, m.span.end): m.type for m in learned}
    for item in named:
        item.model_type = by_extent.get((item.span.start, item.span.end), "")
    # A model span joining rule names ('Muon and Soap') is two names, not one.
    learned = [m for m in learned if not (any(t.pos_ == "CCONJ" for t in m.span)
                                          and not without_taken([m], named))]
    # Rule names before model spans of the same length; the longest of overlapping wins.
    found = longest_first(named + learned)
    found += without_taken(phrases, found)
    return sorted(found, key=lambda m: m.span.start)
