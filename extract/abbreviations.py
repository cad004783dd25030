"""Abbreviation definitions, after Schwartz & Hearst (2003).

Finds "long form (SHORT)" and "SHORT (long form)" in a spaCy Doc. Our own short
implementation: scispaCy's AbbreviationDetector does the same but would bring
nmslib, scikit-learn and scipy and pin numpy below 2.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.names import GENERIC_HEADS, singular_name
from kg.extract.spans import ARTICLES
from kg.extract.tags import RULE_VERBS
from spacy.tokens import Doc, Span, Token

MAX_SHORT_CHARS = 12
SHORT_FORM = re.compile(r"[^\W_][\w\-+./&μ@]*s?")
WORD_PART = re.compile(r"[^\W_]+")
HYPHENATED_WORDS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")  # 'business-to-business'


@dataclass(frozen=True)
class Abbreviation:
    short: Span
    long: Span


# A letter raised to a power stands for that many of it: 'MHC^3' for 'multi-head
# convolutional cross-covariance', 'P$^2$' for 'Personality Prompting'.
POWER = re.compile(r"(\w)\$?\^\{?([2-4])\}?\$?")


def without_powers(text: str) -> str:
    """The short form with each letter's power written out: 'MHC^3' -> 'MHCCC'."""
    return POWER.sub(lambda match: match[1] * int(match[2]), text)


def is_short_form(text: str) -> bool:
    """Could this parenthesized text be an abbreviation: 'DLL', 'AoA', 'u-μP', 'MHC^3',
    'SR@Loc'?"""
    text = without_powers(text)
    return (2 <= len(text) <= MAX_SHORT_CHARS and " " not in text and SHORT_FORM.fullmatch(text)
            is not None and any(ch.isalpha() for ch in text)
            and sum(ch.isupper() or ch.isdigit() for ch in text) >= 1)


def match_long_form(short: str, candidate: str) -> int | None:
    """Where the long form of `short` starts in `candidate`, or None.

    Schwartz & Hearst: walk both strings backwards; every character of the short
    form must appear in order in the long form, and its first character must
    start a word of the long form, or be the x of a word in 'ex' ('explainable AI
    (XAI)', 'eXtended PINNs (XPINN)').
    """
    short = singular_name(short).lower()
    candidate_lower = candidate.lower()
    s, c = len(short) - 1, len(candidate) - 1
    while s >= 0:
        char = short[s]
        if not char.isalnum():
            s -= 1
            continue
        while c >= 0 and (candidate_lower[c] != char or
                          (s == 0 and c > 0 and candidate_lower[c - 1].isalnum()
                           and not is_ex_start(candidate_lower, c))):
            c -= 1
        if c < 0:
            return None
        s -= 1
        c -= 1
    if not is_ex_start(candidate_lower, c + 1):
        return c + 1
    # An 'ex' word opens a long form only when its words are no more than the short
    # form's letters: not 'Extensive experiments on mixture models (XM)'.
    letters = sum(char.isalnum() for char in short)
    return c if len(candidate[c:].split()) <= letters else None


def is_ex_start(text: str, i: int) -> bool:
    """Is text[i] the x of a word beginning 'ex' ('eXplainable')?"""
    return text[i] == "x" and i > 0 and text[i - 1] == "e" and (i < 2 or not text[i - 2].isalnum())


# Tags that name a version or variant of what the short form names, not the short form
# itself: 'MMLU-Pro' is no name for 'Massive Multitask Language Understanding'.
VARIANT_TAGS = frozenset("pro lite plus max mini base large small tiny xl xxl based hq "
                         "redux turbo flash instruct chat".split())
# Digits that stand for a word in a short form ('ML4CO', 'P2P', '3D'), and the small
# words a long form may hold without a letter in the short form.
NUMBER_WORDS = {"1": {"one", "first", "single"}, "2": {"two", "second", "to"},
                "3": {"three", "third"}, "4": {"four", "for"}}
FUNCTION_WORDS = frozenset("a an and by for in of on the to via with".split())
# Words before a long form, not of it: 'a novel …' ('novel view synthesis (NVS)' keeps its own).
PRAISE_WORDS = frozenset("novel new".split())
# Head nouns a long form may end in with no letter of their own: 'Outfit-aware Noise
# Optimization Module (OANO)'.
UNLETTERED_HEADS = GENERIC_HEADS | {"module", "block", "unit", "component"}


def initials_offset(short: str, candidate: str) -> int | None:
    """Where a long form starts whose words and hyphenated parts begin with the short
    form's letters, in order, or None: 'self-supervised learning' for SSL (where the
    walk of match_long_form stops at 'supervised learning'), 'Machine Learning for
    Combinatorial Optimization' for ML4CO (a digit stands for its word: a 4 for 'for' or
    'four', a 3 for 'three' in 'three-dimensional (3D)'). Small words with no letter of
    their own may sit between ('Machine Learning for …'), and a head noun may end it
    ('Outfit-aware Noise Optimization Module' for OANO)."""
    letters = [char for char in singular_name(short).lower() if char.isalnum()]
    parts = [(match.start(), match.group().lower())
             for match in WORD_PART.finditer(candidate)]
    i, j = len(letters) - 1, len(parts) - 1
    if parts and not parts[j][1].startswith(letters[-1]) and parts[j][1] in UNLETTERED_HEADS:
        j -= 1
    while i >= 0 and j >= 0:
        word = parts[j][1]
        if word.startswith(letters[i]) or word in NUMBER_WORDS.get(letters[i], ()):
            i, j = i - 1, j - 1
        elif word in FUNCTION_WORDS:
            j -= 1
        else:
            return None
    return parts[j + 1][0] if i < 0 else None


def long_form_offset(short: str, candidate: str) -> int | None:
    """Where the long form of `short` starts in `candidate`: by initials if every letter
    begins a word, else by Schwartz & Hearst's walk; None if neither finds one."""
    if POWER.search(short):  # 'MHC^3': every letter, powers written out, begins a word
        return initials_offset(without_powers(short), candidate)
    by_initials = initials_offset(short, candidate)
    offset = by_initials if by_initials is not None else match_long_form(short, candidate)
    head, _, tag = short.partition("-")
    if offset is None and len(tag) >= 2 and len(head) >= 2 and head.isupper() and \
            tag.isalpha() and tag.lower() not in VARIANT_TAGS:
        # A hyphenated short form may add a tag the long form leaves out: 'Parameter
        # Competition Balancing (PCB-Merging)', 'General Scene Adaptation (GSA-VLN)';
        # its head's letters must then begin the words.
        offset = initials_offset(head, candidate)
    return offset if offset is not None else compound_offset(short, candidate)


def compound_offset(short: str, candidate: str) -> int | None:
    """Where the long form starts when the short form joins two words' starts with a digit
    for the word between: 'Text2Cypher' for 'Text-To-Cypher', 'Seq2Seq' for
    'sequence-to-sequence'; else None."""
    compound = re.fullmatch(r"([^\W\d_]+)(\d)([^\W\d_]+)", short)
    if compound is None:
        return None
    parts = [(match.start(), match.group().lower()) for match in WORD_PART.finditer(candidate)]
    if len(parts) < 3:
        return None
    first, digit, last = compound.groups()
    (start, word), (_, middle), (_, end) = parts[-3:]
    fits = word.startswith(first.lower()) and middle in NUMBER_WORDS.get(digit, ()) and \
        end.startswith(last.lower())
    return start if fits else None


def versioned_offset(short: str, candidate: str) -> int | None:
    """Where the long form starts when the short form adds a version the long form leaves
    out: 'You Only Look Once (Yolov10)' (a 'v' before the number: 'floating point (FP8)'
    is no FP of version 8); its letters must begin the words. Else None."""
    versioned = re.fullmatch(r"([^\W\d_]{2,}?)-?v\d+(?:\.\d+)?", short)
    return initials_offset(versioned[1], candidate) if versioned else None


def number_first_offset(short: str, candidate: str) -> int | None:
    """Where the long form starts when the short form puts its number last and the long
    form first: 'FP8' for '8-bit floating point', 'INT4' for '4-bit integer'."""
    number = re.fullmatch(r"([^\W\d_][^\W\d_.-]*)-?(\d+)", short)
    if number is None:
        return None
    letters, digits = number.groups()
    lead = re.search(rf"(?<![\w.]){digits}-(bit|byte|way|layer|step|shot)\b\s*", candidate)
    if lead is None:
        return None
    rest = match_long_form(letters, candidate[lead.end():])
    return lead.start() if rest == 0 else None


def is_joining_hyphen(doc: Doc, i: int) -> bool:
    """Is doc[i] a hyphen inside a word ('Fine-tuning-as-a-Service')?"""
    return doc[i].text == "-" and i > 0 and not doc[i - 1].whitespace_ and not doc[i].whitespace_


def in_hyphenated_word(token: Token) -> bool:
    """Is the token part of a word joined by hyphens ('to' in 'end-to-end')?"""
    doc = token.doc
    return token.i > 0 and is_joining_hyphen(doc, token.i - 1) or \
        token.i + 1 < len(doc) and is_joining_hyphen(doc, token.i + 1)


def is_introducing_verb(token: Token) -> bool:
    """A verb kg's rules know, written as a verb: 'we propose X (SHORT)', not the
    capitalized first word of a name ('Named Entity Recognition (NER)')."""
    return token.tag_.startswith("VB") and token.lemma_ in RULE_VERBS and \
        not token.text[:1].isupper()


def window_start(doc: Doc, open_paren: int, end: int, max_words: int) -> int:
    """Where the words before doc[end] start: at most max_words back from the '(' (a
    hyphen inside a word is no word), not across a sentence end, a bracket, colon,
    semicolon, comma or period, a LaTeX command ('\\emph{'), or a verb kg's rules know
    ('we propose X (SHORT)': a long form holds no verb introducing it)."""
    start = end
    words = sum(not is_joining_hyphen(doc, i) for i in range(end, open_paren))
    while start > 0 and words < max_words and not doc[start - 1].is_sent_end \
            and doc[start - 1].text not in {"(", ")", ";", ":", ",", "."} \
            and not doc[start - 1].text.startswith("\\") \
            and not is_introducing_verb(doc[start - 1]):
        start -= 1
        words += not is_joining_hyphen(doc, start)
    return start


def long_form_before(doc: Doc, open_paren: int, short: str) -> Span | None:
    """The long form ending just before the '(' at token index `open_paren`; it may
    take in one comma before a short tail ('…and Applications, Version 2 (MERRA-2)'), and
    ends before a LaTeX unbreakable space ('Large language models~(LLMs)')."""
    if open_paren > 0 and doc[open_paren - 1].text == "~":
        open_paren -= 1
    letters = len(without_powers(short))
    max_words = min(letters + 5, letters * 2)
    start = window_start(doc, open_paren, open_paren, max_words)
    if start == open_paren:
        return None
    offset = long_form_offset(short, doc[start:open_paren].text)
    if offset is None and open_paren - start <= 2 and start > 1 and doc[start - 1].text == ",":
        start = window_start(doc, open_paren, start - 1, max_words)
        offset = long_form_offset(short, doc[start:open_paren].text)
    window = doc[start:open_paren]
    if offset is None:
        offset = number_first_offset(short, window.text)
    if offset is None:
        offset = versioned_offset(short, window.text)
    if offset is None:
        return None
    span = doc.char_span(window.start_char + offset, window.end_char, alignment_mode="expand")
    # '"stacked … network" (STNN)', '\\emph{Graph Neural Fields} (GNF)'
    if span is not None and len(span) > 1 and (span[-1].is_quote or span[-1].text == "}"):
        span = span[:-1]
    if span is None or len(span) < 1 or len(span.text) <= len(short):
        return None
    # A long form starts at a whole word, not inside a hyphenated one: 'Feed-forward
    # Likelihood Maximization (FLM)', not 'forward Likelihood Maximization'; a prefix the
    # short form has no letter for stays out ('CLIP-Guided Diffusion (GD)').
    start = span.start
    while start - 2 >= window.start and is_joining_hyphen(doc, start - 1):
        start -= 2
    if doc[start].text[0].lower() == short[0].lower():
        span = doc[start:span.end]
    # Nor at an article or a word of praise whose letter only happens to fit: '(2) a novel
    # self-taught reasoning model with adaptive chain-of-thought (A-STAR)'.
    if len(span) > 2 and span[0].text in ARTICLES:  # not 'A Lite BERT (ALBERT)'
        span = span[2:] if span[1].lower_ in PRAISE_WORDS and len(span) > 3 else span[1:]
    # A long form of one word must be the whole word ("Muon (NorMuon)" is not one).
    return span if len(span) > 1 or len(short) <= 3 and span.text[0].lower() == short[0].lower() \
        else None


def find_abbreviations(doc: Doc) -> list[Abbreviation]:
    """Every "long form (SHORT)" and "SHORT (long form)" defined in the doc."""
    found = []
    for token in doc:
        if token.text != "(":
            continue
        close = next((t.i for t in doc[token.i + 1: token.i + 14] if t.text == ")"), None)
        if close is None:
            continue
        inside = doc[token.i + 1: close]
        if len(inside) == 0:
            continue
        # '(WER; from 0.217 to 0.180)', '(RAG, Lewis et al., 2020)': a short form may lead
        # a longer aside, but not a list of names ('(ViT, ResNet, ConvNeXt)').
        aside = next((t.i for t in inside if t.text in {";", ","}), close)
        if aside < close and doc[aside].text == "," and is_list_of_names(inside):
            aside = close
        short = doc[token.i + 1: aside]
        long = long_form_before(doc, token.i, short.text) if is_short_form(short.text) else None
        before = word_before(doc, token.i)
        if long is not None:
            found.append(Abbreviation(short, long))
        elif not is_short_form(inside.text) and before is not None and \
                is_short_form(before.text) and \
                (len(inside.text.split()) > 1 or HYPHENATED_WORDS.fullmatch(inside.text)) and \
                len(inside.text.split()) <= len(before.text) + 2 and \
                long_form_offset(before.text, inside.text) is not None:
            found.append(Abbreviation(before, inside))
    return found


def is_list_of_names(inside: Span) -> bool:
    """Is a bracket's text a list of short-form names, each one word ('ViT, ResNet,
    ConvNeXt'), not a short form and an aside ('RAG, Lewis et al., 2020', 'WER, Table 2')?"""
    items = [item.strip() for item in inside.text.split(",")]
    return len(items) >= 2 and all(is_short_form(item) for item in items)


def word_before(doc: Doc, open_paren: int) -> Span | None:
    """The whole word before the '(' at `open_paren`, hyphenated parts and all
    ('DGM-Net (Directional Geometric Mamba Network)'), or None at the doc's start."""
    if open_paren == 0:
        return None
    start = open_paren - 1
    while start >= 2 and is_joining_hyphen(doc, start - 1):
        start -= 2
    return doc[start:open_paren]


def both_forms(names: set[str], abbreviations: list[Abbreviation]) -> set[str]:
    """The short and long forms (lowercase) of the abbreviations that define one of the names."""
    found = set()
    for abbreviation in abbreviations:
        forms = {abbreviation.short.text.lower(), abbreviation.long.text.lower()}
        if forms & names:
            found |= forms
    return found
