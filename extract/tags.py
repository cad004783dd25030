"""Coarse parts of speech and base forms from the tagger's fine-grained tags.

A stand-in for the model's attribute_ruler and lemmatizer, which take a third of
extraction time: kg's rules need only the coarse POS, nouns in the singular, and
the base forms of the few verbs they look for.
"""

from __future__ import annotations

import re

TAG_TO_POS = {
    "$": "SYM", "''": "PUNCT", ",": "PUNCT", "-LRB-": "PUNCT", "-RRB-": "PUNCT", ".": "PUNCT",
    ":": "PUNCT", "``": "PUNCT", "HYPH": "PUNCT", "NFP": "PUNCT", "ADD": "X", "AFX": "ADJ",
    "CC": "CCONJ", "CD": "NUM", "DT": "DET", "EX": "PRON", "FW": "X", "IN": "ADP", "JJ": "ADJ",
    "JJR": "ADJ", "JJS": "ADJ", "LS": "X", "MD": "AUX", "NN": "NOUN", "NNS": "NOUN",
    "NNP": "PROPN", "NNPS": "PROPN", "PDT": "DET", "POS": "PART", "PRP": "PRON", "PRP$": "DET",
    "RB": "ADV", "RBR": "ADV", "RBS": "ADV", "RP": "ADP", "SYM": "SYM", "TO": "PART",
    "UH": "INTJ", "VB": "VERB", "VBD": "VERB", "VBG": "VERB", "VBN": "VERB", "VBP": "VERB",
    "VBZ": "VERB", "WDT": "DET", "WP": "PRON", "WP$": "DET", "WRB": "ADV", "XX": "X",
    "_SP": "SPACE",
}

# The verbs kg's rules look for (proposals, naming, evaluation, extension).
RULE_VERBS = """propose introduce present develop design devise call dub name term coin
evaluate experiment test benchmark outperform achieve extend generalize build improve""".split()


# Plurals no suffix rule gets right (Latin and Greek ones, -ies and -ches words).
IRREGULAR_PLURALS = {
    "matrices": "matrix", "vertices": "vertex", "indices": "index", "simplices": "simplex",
    "appendices": "appendix", "analyses": "analysis", "hypotheses": "hypothesis",
    "theses": "thesis", "axes": "axis", "bases": "basis", "diagnoses": "diagnosis",
    "syntheses": "synthesis", "parentheses": "parenthesis", "criteria": "criterion",
    "phenomena": "phenomenon", "spectra": "spectrum", "maxima": "maximum", "minima": "minimum",
    "optima": "optimum", "corpora": "corpus", "formulae": "formula", "radii": "radius",
    "stimuli": "stimulus", "biases": "bias", "aliases": "alias", "gases": "gas",
    "series": "series", "species": "species", "movies": "movie", "cookies": "cookie",
    "caches": "cache", "niches": "niche", "sizes": "size", "prizes": "prize", "mazes": "maze",
    "lies": "lie", "ties": "tie", "dies": "die", "pies": "pie", "calories": "calorie",
    "zombies": "zombie",
}


def singular(noun: str) -> str:
    """'networks' -> 'network', 'dynamics' stays, 'studies' -> 'study', 'losses' -> 'loss',
    'matrices' -> 'matrix' (never 'matrice'), 'caches' -> 'cache'."""
    if noun in IRREGULAR_PLURALS:
        return IRREGULAR_PLURALS[noun]
    if re.search(r"(ss|us|is|ics)$", noun) or len(noun) < 4:
        return noun
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    if re.search(r"(sses|xes|ches|shes|zzes)$", noun):
        return noun[:-2]
    return noun[:-1] if noun.endswith("s") else noun


def inflections(base: str) -> set[str]:
    """The regular forms of a verb: propose -> proposes, proposed, proposing."""
    if base.endswith("e"):
        return {base, base + "s", base + "d", base[:-1] + "ing"}
    stem = base + base[-1] if re.fullmatch(r"[^aeiou]*[aeiou][bdgmnpt]", base) else base
    return {base, base + "s", stem + "ed", stem + "ing"}


VERB_BASE = {form: base for base in RULE_VERBS for form in inflections(base)}


def base_form(word: str, tag: str) -> str:
    """The lemma kg's rules compare with: nouns singular, rule verbs in their base form."""
    lower = word.lower()
    if tag in ("NNS", "NNPS"):
        return singular(lower)
    return VERB_BASE.get(lower, lower)
