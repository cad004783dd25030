"""Rules about names: which strings can be names, how a name is cleaned, and how
one method's name builds on another's. Plain string functions, no spaCy."""

from __future__ import annotations

import re

# Words that never make an entity on their own, however they are written.
GENERIC_WORDS = frozenset("""
method methods approach approaches framework frameworks model models result results
performance algorithm algorithms technique techniques system systems network networks
paper work study task tasks problem problems data dataset datasets benchmark benchmarks
baseline baselines experiment experiments analysis theory setting settings module
modules architecture architectures strategy strategies scheme schemes solution solutions
process processes procedure tool tools metric metrics application applications way ways
we our this these that those it its their they other new novel existing proposed
state art sota code part section figure table appendix
""".split())

# Head nouns that say what a name names: "the Muon optimizer", "the X benchmark".
METHOD_HEADS = frozenset("""
optimizer optimiser algorithm method model architecture framework network net solver
sampler estimator policy transformer encoder decoder autoencoder learner agent
technique scheme procedure layer mechanism attention regularizer regularization loss
objective parameterization parametrization initialization normalization activation
system library toolkit package checker server
""".split())
DATASET_HEADS = frozenset("dataset datasets benchmark benchmarks corpus corpora suite "
                          "collection leaderboard testbed".split())
# Heads a name drops ('the Muon optimizer' is Muon) and a name is no modifier of.
GENERIC_HEADS = METHOD_HEADS | DATASET_HEADS
METRIC_HEADS = frozenset("score metric distance error divergence rate".split())
TASK_HEADS = frozenset("task tasks challenge".split())
# Nouns for data drawn from a source: "variables from MERRA-2", "images from X".
DATA_NOUNS = frozenset("data variable sample image example observation record text document "
                       "question video sentence utterance trajectory".split())
# Heads of a spelled-out long form, for typing abbreviations like "Deep Attention Network (DAN)".
# A named problem is a task ('Sensor Selection Problem (SSP)', docs/annotation.md).
LONG_FORM_TASK_HEADS = frozenset("""
classification detection segmentation recognition generation translation answering
forecasting retrieval summarization captioning reconstruction synthesis estimation
problem problems assessment navigation re-identification geo-localization
""".split())

# Extraction damage from LaTeX: commands glued to their neighbours ("sigmaleft",
# "mathcal O_i(u)"), sub- and superscripts, stray braces and backslashes.
LATEX_WORDS = ("mathcal", "mathbb", "mathrm", "mathbf", "mathit", "operatorname", "textbf",
               "textit", "frac", "sqrt", "left", "right", "cdot", "ldots", "infty", "epsilon",
               "sigma", "alpha", "beta", "gamma", "delta", "lambda", "theta", "omega", "ell",
               "widetilde", "tilde", "hat", "bar", "nabla", "partial", "sum", "prod", "log")
LATEX_DEBRIS = re.compile(
    r"[\\{}_^$]|mathcal|mathbb|mathrm|operatorname|textbf|"
    rf"^(?:{'|'.join(LATEX_WORDS)})(?:{'|'.join(LATEX_WORDS)})$|^ell$|^O\(",
    re.IGNORECASE)

# Acronym-like things that are not names: sizes, dimensions, multipliers, NaN values.
NOT_A_NAME = re.compile(r"\d+(\.\d+)?[a-zA-Z]?|[a-zA-Z]|\d+(\.\d+)?[xX×%]|[A-Z]\d?|"
                        r"\d+[kKmMbBtT]|\d+(st|nd|rd|th)|[IVX]+|\d+[dD]|NaNs?")

# URLs, e-mail addresses, formulas and other debris that names never contain.
NOT_NAME_CHARACTERS = re.compile(r"://|www\.|\.(com|org|io|ai|net|html)\b|[!=|<>@~;\[\]]")

LOWER_VERSION_PARTS = frozenset("base large small tiny mini xl xxl lite plus pro turbo chat "
                                "instruct v1 v2 v3 v4 v5 next".split())


# LaTeX operators glued to numbers: '1leq', '5sim10', '256times256', '1+varepsilon'.
LATEX_GLUED = re.compile(r"\d(leq|geq|sim|times|approx|cdot|pm|le|ge)|"
                         r"(leq|geq|sim|times|approx|cdot|pm)\d|varepsilon|varphi|mathsf")


def is_latex_debris(text: str) -> bool:
    """True for strings that are broken LaTeX, not words: 'sigmaleft', 'ell_p', '1leq'."""
    return bool(LATEX_DEBRIS.search(text) or LATEX_GLUED.search(text))


def singular_name(name: str) -> str:
    """'ReLUs' -> 'ReLU', 'ViTs' -> 'ViT', 'LLMs' -> 'LLM': plural acronyms."""
    return name[:-1] if re.search(r"[A-Z]s$", name) else name


def has_name_shape(word: str) -> bool:
    """A word written like a name: inner capitals or letters with digits.

    'NorMuon', 'AdamW', 'DLL', 'GPT-4', 'CIFAR10', 'μP' have it; 'Muon' and
    'method' do not (a plain capitalized word needs context to be a name).
    """
    if NOT_A_NAME.fullmatch(word) or not re.search(r"[^\W\d_]", word):
        return False
    inner_capital = re.search(r"[^\W\d_][A-Z]", word) is not None
    letters_and_digits = re.search(r"\d", word) is not None and re.search(r"[A-Za-z]{2}", word)
    greek_prefix = re.match(r"[α-ωµ][A-Z]", word) is not None
    return inner_capital or bool(letters_and_digits) or greek_prefix


def is_acceptable_name(name: str) -> bool:
    """Can this string name an entity at all (not generic, not debris, not a number)?"""
    words = name.split()
    if not words or len(name) < 2 or len(name) > 80 or is_latex_debris(name):
        return False
    if all(word.lower() in GENERIC_WORDS for word in words) or NOT_NAME_CHARACTERS.search(name):
        return False
    # 'Gaussian elimination /', and half a pair: 'Attention-' of 'Attention- and gradient-based'
    if name.count("(") != name.count(")") or name[-1] in "/,;:-":
        return False
    return bool(re.search(r"[^\W\d_]", name)) and not NOT_A_NAME.fullmatch(name)


# Words shaped like adjectives: a name never ends in one ('generative model' is not
# 'generative', 'Euclidean parametrization' is not 'Euclidean').
ADJECTIVE_SHAPE = re.compile(r"[a-z]+(ive|al|ar|ic|ical|ian|ean|ous|ed)|"
                             r"[A-Z][a-z]+(ive|al|ous|ian|ean|ic|ical)")


def without_articles(name: str) -> str:
    """The name without leading articles and possessives: 'the Muon optimizer'."""
    words = name.split()
    while words and words[0].lower() in {"the", "a", "an", "our", "their", "its", "this"}:
        words = words[1:]
    return " ".join(words)


# Nouns that name a technique by themselves: a name before one names a method with or
# without a generic head ('Rayleigh-Ritz projection procedure', 'Bayesian optimization
# algorithm', 'Kalman filter algorithm'), unlike a noun for a thing ('Gaussian mixture
# model', 'Riemannian batch normalization', 'State space models').
TECHNIQUE_NOUNS = frozenset("""
projection approximation optimization optimisation iteration decomposition factorization
orthogonalization elimination interpolation expansion inference estimation regression
sampling search descent ascent quadrature filter filtering matching convolution pooling
""".split())
# Generic heads for an operation on something: a plain word before one says which kind
# and the name is the whole phrase ('Batch normalization', 'Pareto parameterization');
# a coined name before one is the operation's name ('ReLU activation', 'muP
# parameterization', 'HiPPO initialization').
OPERATION_HEADS = frozenset("""
normalization initialization parameterization parametrization regularization activation
attention loss objective
""".split())

# A capitalized participle: 'Learned optimizers' are no 'Learned'.
CAPITALIZED_PARTICIPLE = re.compile(r"[A-Z][a-z]*[a-df-z]ed")


def is_head_in(word: str, heads: frozenset[str]) -> bool:
    """Is the lowercase word one of `heads`, or its plural in -s ('models', 'activations')?"""
    return word in heads or word.removesuffix("s") in heads


def is_generic_head(word: str) -> bool:
    """'optimizer', 'models', 'procedures': a head a name drops."""
    return is_head_in(word, GENERIC_HEADS)


def is_coined(word: str) -> bool:
    """A word written as a coined name, not a word of the language: name-shaped
    ('ReLU', 'muP', 'HiPPO'), an acronym or letters with digits in any of its parts
    ('NTK', 'S4D/S5'); 'Batch', 'Pareto' and 'Cayley-Neumann' are no coined names."""
    return has_name_shape(word) or any(
        re.fullmatch(r"[A-Z][A-Z\d]+", part) or re.search(r"\d", part) and
        re.search(r"[^\W\d_]", part) for part in re.split(r"[-/]", word))


def names_a_thing(words: list[str], head: str) -> bool:
    """Are these words, left before a generic head, a name by themselves? They start with
    a name word ('Muon', 'ReLU', 'muP', 'Rayleigh-Ritz'), not a lowercase modifier
    ('minimal ReLU', 'neural PDE'); and they end in a word written as a name ('JAVELIN',
    'GPT-4', 'Marching Cubes', 'Llama-base'), in a noun naming a technique ('Rayleigh-Ritz
    projection') or in another generic head ('Transformer encoder'), not in a
    description ('FDR-controlling', 'ReLU-based', 'Learned') or a common noun ('Riemannian
    batch', 'Global climate'). Before an operation head, only a coined name is one
    ('ReLU activation', not 'Batch normalization')."""
    first, last = words[0], words[-1]
    if first.islower() and not has_name_shape(first):
        return False
    if is_head_in(head.lower(), OPERATION_HEADS) and not is_coined(last):
        return False
    part = ([piece for piece in re.split(r"[-/]", last) if piece] or [last])[-1]
    if part.islower() and part.isalpha():
        if part != last:  # the lowercase end of a hyphenated word: 'FDR-controlling'
            return part in LOWER_VERSION_PARTS
        return part in TECHNIQUE_NOUNS or is_generic_head(part)
    return not CAPITALIZED_PARTICIPLE.fullmatch(part) or has_name_shape(last)


# What '-Based' and its like make of a name: a modifier ('LLM-Based Attacks' in a title;
# extract.mentions.modified_head).
MODIFIER_ENDS = frozenset("""based guided driven generated powered assisted enabled aware
native informed augmented conditioned grounded centric oriented specific inspired""".split())


def strip_name(name: str) -> str:
    """A name without leading articles or trailing generic heads after a name: 'the Muon
    optimizer' -> 'Muon', 'the JAVELIN system' -> 'JAVELIN'; a head stays after an
    adjective or words that are no name by themselves (names_a_thing): 'generative
    model', 'language model', 'large language model' (never 'large language'), 'minimal
    ReLU networks', 'FDR-controlling procedures'."""
    words = without_articles(name).split()
    while len(words) > 1 and is_generic_head(words[-1].lower()) and \
            not words[-1][0].isupper() and not ADJECTIVE_SHAPE.fullmatch(words[-2]) and \
            names_a_thing(words[:-1], words[-1]):
        words = words[:-1]
    return " ".join(words)


def humps(chunk: str) -> list[str]:
    """A word's camel-case humps, split only at a word boundary: before a capitalized
    word ('Nor|Muon', 'DPM|Solver'), a final capital ('Adam|W') or after a one-letter
    prefix ('x|LSTM'). Capitals glued to lowercase letters belong to them:
    'HiPPO', 'LoRA' and 'NeRF' are one part each (HiPPO is no variant of PPO)."""
    pieces = re.findall(r"[A-Z]+(?![a-z])\d*|[A-Z]?[a-z]+\d*|\d+[a-z]*|[^\W\d_]+", chunk)
    merged: list[str] = []
    for piece in pieces:
        glued = merged and merged[-1][-1:].islower() and re.fullmatch(r"[A-Z]{2,}\d*", piece) \
            and not (len(merged) == 1 and len(merged[0]) == 1)
        if glued:
            merged[-1] += piece
        else:
            merged.append(piece)
    return merged


def name_parts(name: str) -> list[str]:
    """The parts a name is built from: hyphens, spaces and camel-case humps.

    'NorMuon' -> ['nor', 'muon'], 'DPM-Solver-v3' -> ['dpm', 'solver', 'v3'],
    'HiPPO' -> ['hippo'].
    """
    parts = []
    for chunk in re.split(r"[\s\-_/.]+", name):
        parts += humps(chunk)
    return [part.lower() for part in parts if part]


def shorter_runs(name: str) -> list[tuple[str, ...]]:
    """Every shorter run of a name's parts: the names it may build on.

    'NorMuon' -> [('nor',), ('muon',)]; 'DPM-Solver-v3' -> [('dpm',), ('dpm', 'solver'), …].
    A run of fewer than 3 characters is too short to say anything; a lowercase term of
    several words has none (lineage is between names).
    """
    if name == name.lower() and " " in name.strip():
        return []  # a lowercase term of the field ('projected gradient descent') is no name
    parts = name_parts(name)
    return [tuple(parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)
            if j - i < len(parts) and len("".join(parts[i:j])) >= 3]
