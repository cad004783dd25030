"""Finding typed mentions of names in a tagged spaCy Doc.

Each finder takes the Doc and returns `Mention`s; `find_mentions` runs them in
order of trust (gazetteer, abbreviation, name shape, concept phrase), keeps the
longest of overlapping mentions, and types what is still untyped from its
context. Nothing here knows about papers or the graph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from extract import gazetteer
from extract.abbreviations import Abbreviation
from extract.names import (DATASET_HEADS, GENERIC_WORDS, LONG_FORM_METHOD_HEADS,
                           LONG_FORM_TASK_HEADS, LOWER_VERSION_PARTS, METHOD_HEADS,
                           METRIC_HEADS, TASK_HEADS, has_name_shape, is_acceptable_name,
                           is_latex_debris, strip_name)
from kg.model import CONCEPT, DATASET, METHOD, METRIC, TASK

UNTYPED = ""
DATASET_SHAPE = re.compile(r".*(Bench|bench|QA|Eval|Arena|Set|Corpus|-Hard|Gym)$")
EVALUATION_WORDS = frozenset("evaluate evaluation experiment test benchmark outperform "
                             "achieve result accuracy dataset state-of-the-art".split())
# Capitalized words that are adjectives or common words, not names, mid-sentence.
NOT_PROPER = re.compile(r".*(ian|ean|ic|ical)$|English|Monte|Carlo|Internet|However|Moreover"
                        r"|Furthermore|Finally|Specifically|Additionally|Notably|Code|Project")
# First words of a noun phrase that make it vague rather than a concept.
VAGUE_MODIFIERS = frozenset("""
new novel existing various different several many such other same recent previous prior
current key main important significant large small high low good better best strong
simple general specific additional further first second third last single multiple
more most less few numerous extensive comprehensive wide broad promising effective
efficient remarkable substantial considerable great certain particular possible
""".split())


@dataclass
class Mention:
    """A stretch of text naming an entity, with its type and cleaned name."""

    span: Span
    type: str
    name: str
    proposed: bool = False


def mention(span: Span, label: str, name: str | None = None) -> Mention | None:
    """A Mention of `span` named `name` (default: the span's text without articles or
    generic head nouns), or None if that cannot be a name."""
    name = name or strip_name(span.text)
    return Mention(span, label, name) if is_acceptable_name(name) else None


@cache
def phrase_matchers(vocab) -> tuple[PhraseMatcher, PhraseMatcher]:
    """Case-sensitive matcher for names written with capitals, case-blind for the rest."""
    exact, caseless = PhraseMatcher(vocab, attr="ORTH"), PhraseMatcher(vocab, attr="LOWER")
    from spacy.lang.en import English
    tokenizer = English().tokenizer
    for name in gazetteer.phrases():
        # Multi-word capitalized names are unambiguous enough to match in any case.
        matcher = exact if name != name.lower() and " " not in name else caseless
        matcher.add(name, [tokenizer(name)])
    return exact, caseless


def gazetteer_mentions(doc: Doc) -> list[Mention]:
    """Well-known names, typed by the gazetteer."""
    found = []
    for matcher in phrase_matchers(doc.vocab):
        for match_id, start, end in matcher(doc):
            label, canonical = gazetteer.lookup(doc.vocab.strings[match_id])
            found.append(Mention(doc[start:end], label, canonical))
    return found


def type_of_long_form(long: Span) -> str:
    """The type a spelled-out long form names, from its head noun."""
    words = [t for t in long if t.is_alpha]
    head = next((t for t in words if t.lower_ == "of"), None)
    head_word = (words[words.index(head) - 1] if head and words.index(head) > 0 else
                 words[-1] if words else long[-1]).lower_
    if head_word in DATASET_HEADS:
        return DATASET
    if head_word in METRIC_HEADS or head_word in {"accuracy", "coefficient"}:
        return METRIC if head_word != "coefficient" else CONCEPT
    if head_word in LONG_FORM_TASK_HEADS:
        return TASK
    if head_word in LONG_FORM_METHOD_HEADS or any(t.text[:1].isupper() for t in words[1:]):
        return METHOD
    return CONCEPT


def abbreviation_mentions(abbreviations: list[Abbreviation]) -> list[Mention]:
    """Both forms of every defined abbreviation, typed alike."""
    found = []
    for abbreviation in abbreviations:
        known = gazetteer.lookup(abbreviation.short.text.rstrip("s")) or \
            gazetteer.lookup(abbreviation.long.text)
        label = known[0] if known else type_of_long_form(abbreviation.long)
        for span in (abbreviation.long, abbreviation.short):
            if found_mention := mention(span, label, singular_acronym(span.text)):
                found.append(found_mention)
    return found


def singular_acronym(text: str) -> str:
    """'LLMs' -> 'LLM'; anything else unchanged."""
    return text[:-1] if re.fullmatch(r"[A-Z][A-Z0-9]+s", text) else text


def title_end(doc: Doc) -> int:
    """Where the title ends: at the first blank line (computed once per doc)."""
    if "kg_title_end" not in doc.user_data:
        doc.user_data["kg_title_end"] = doc.text.find("\n\n")
    return doc.user_data["kg_title_end"]


def in_title(token: Token) -> bool:
    """Is the token in the title, the text before the first blank line?"""
    end = title_end(token.doc)
    return end != -1 and token.idx < end


def is_name_word(token: Token) -> bool:
    """Does this token, in its place, look like part of a name?"""
    if has_name_shape(token.text):
        return True
    if in_title(token) or token.is_sent_start or not token.text[:1].isupper():
        return False
    return token.text[1:].islower() and token.pos_ == "PROPN" and not NOT_PROPER.fullmatch(token.text)


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


def shape_mentions(doc: Doc) -> list[Mention]:
    """Names found by how they are written: 'NorMuon', 'Turbo-Muon', 'Interaction Basis'."""
    found, index = [], 0
    while index < len(doc):
        end = hyphen_chain(doc, index)
        chain = doc[index:end]
        if any(is_name_word(token) for token in chain if token.text != "-") and \
                not any(is_latex_debris(token.text) for token in chain):
            # Title-case words that follow mid-sentence belong to the same name.
            while end < len(doc) and is_name_word(doc[end]) and doc[end - 1].whitespace_:
                end = hyphen_chain(doc, end)
            if found_mention := mention(doc[index:end], UNTYPED):
                found.append(found_mention)
            index = end
        else:
            index += 1
    return found


def title_prefix(doc: Doc) -> Span | None:
    """The 'X' of a title 'X: …', when it is short enough to be a name."""
    end = title_end(doc)
    colon = doc.text.find(":", 0, end if end != -1 else len(doc.text))
    span = doc.char_span(0, colon, alignment_mode="contract") if colon > 0 else None
    return span if span is not None and 0 < len(span) <= 5 else None


def title_name_mentions(doc: Doc) -> list[Mention]:
    """The 'X' of a title 'X: …' when X is written as one name ('Turbo-Muon', 'PFGM++')."""
    prefix = title_prefix(doc)
    if prefix is None or not (len(prefix.text.split()) == 1 or
                              any(has_name_shape(t.text) for t in prefix) and len(prefix) <= 4):
        return []
    found = mention(prefix, UNTYPED, prefix.text)
    return [found] if found else []


def concept_mentions(doc: Doc) -> list[Mention]:
    """Multi-word technical noun phrases: adjectives and nouns ending in a noun."""
    found, index = [], 0
    while index < len(doc):
        end = index
        while end < len(doc) and doc[end].pos_ in {"ADJ", "NOUN", "PROPN"} and \
                doc[end].is_alpha and not (end > index and doc[end].is_sent_start):
            end += 1
        while end > index and doc[end - 1].pos_ != "NOUN":
            end -= 1
        phrase = doc[index:end]
        glued_to_previous = index > 0 and not doc[index - 1].whitespace_
        if 2 <= len(phrase) <= 4 and phrase[0].lower_ not in VAGUE_MODIFIERS and \
                not glued_to_previous and \
                not any(t.lower_ in GENERIC_WORDS or is_latex_debris(t.text) or len(t) < 3
                        for t in phrase):
            name = " ".join([t.lower_ for t in phrase[:-1]] + [phrase[-1].lemma_.lower()])
            if found_mention := mention(phrase, CONCEPT, name):
                found.append(found_mention)
        index = max(end, index + 1)
    return found


def type_from_context(item: Mention) -> str:
    """Type an untyped name from the words around it, its shape, or the gazetteer."""
    known = gazetteer.lookup(item.name)
    if known:
        item.name = known[1]
        return known[0]
    span, doc = item.span, item.span.doc
    following = doc[span.end].lower_ if span.end < len(doc) else ""
    if following in DATASET_HEADS:
        return DATASET
    if following in METHOD_HEADS:
        return METHOD
    if following in METRIC_HEADS:
        return METRIC
    if following in TASK_HEADS:
        return TASK
    if DATASET_SHAPE.fullmatch(item.name):
        return DATASET
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    next_is_noun = span.end < len(doc) and doc[span.end].pos_ == "NOUN"
    if before == "on" and not next_is_noun and not is_lone_capitalized(item) and any(t.lemma_.lower() in EVALUATION_WORDS for t in span.sent):
        return DATASET
    if re.fullmatch(r"[A-Z]{2,}s", item.name):  # an unknown plural acronym names a class of things
        return CONCEPT
    return UNTYPED


def coordinated_groups(mentions: list[Mention]) -> list[list[Mention]]:
    """Runs of mentions joined only by ',', 'and', 'or': 'on CIFAR-10, SVHN and FooSet'."""
    groups: list[list[Mention]] = []
    for item in mentions:
        if groups:
            last = groups[-1][-1].span
            between = item.span.doc[last.end:item.span.start]
            if last.sent == item.span.sent and all(t.lower_ in {",", "and", "or"} for t in between):
                groups[-1].append(item)
                continue
        groups.append([item])
    return groups


def assign_types(mentions: list[Mention]) -> list[Mention]:
    """Type every untyped name: from context, else like its list neighbours, else Method.

    A lone capitalized word ('Pareto', 'Chinchilla') is kept only when its context
    types it: capitalization alone is weak evidence.
    """
    for item in mentions:
        if item.type == UNTYPED:
            item.type = type_from_context(item)
    for group in coordinated_groups([m for m in mentions if m.type != CONCEPT or
                                     has_name_shape(m.name)]):
        typed = [m.type for m in group if m.type not in (UNTYPED, CONCEPT)]
        majority = max(set(typed), key=typed.count) if typed else METHOD
        for item in group:
            if item.type == UNTYPED and (typed or not is_lone_capitalized(item)):
                item.type = majority
    return [item for item in mentions if item.type != UNTYPED]


def is_lone_capitalized(item: Mention) -> bool:
    return len(item.span) == 1 and not has_name_shape(item.span.text)


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


def find_mentions(doc: Doc, abbreviations: list[Abbreviation]) -> list[Mention]:
    """Every typed mention in the doc, in text order, none overlapping."""
    named = longest_first(abbreviation_mentions(abbreviations) + gazetteer_mentions(doc)
                          + shape_mentions(doc) + title_name_mentions(doc))
    named = assign_types(named)
    taken = {i for m in named for i in range(m.span.start, m.span.end)}
    concepts = [m for m in concept_mentions(doc)
                if not taken & set(range(m.span.start, m.span.end))]
    return sorted(named + concepts, key=lambda m: m.span.start)
