"""The graph model: what a paper is, which node labels and edge types exist, and ids.

Everything here is plain data and string handling, cheap to import: query
commands use it without loading spaCy.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

# Node labels. Entity labels are the types the extractor assigns.
PAPER = "Paper"
METHOD = "Method"
DATASET = "Dataset"
TASK = "Task"
METRIC = "Metric"
CONCEPT = "Concept"
AUTHOR = "Author"
REFERENCE = "Reference"
ENTITY_LABELS = (METHOD, DATASET, TASK, METRIC, CONCEPT)
NODE_LABELS = (PAPER, *ENTITY_LABELS, AUTHOR, REFERENCE)
# Node properties, stored when a graph is written: per entity label, how many entities
# of it the node's papers name without an edge to the node (`kg neighbors` totals).
CO_OCCURRING = {label: f"co_{label.lower()}" for label in ENTITY_LABELS}

# Edge types: paper -> entity roles, entity -> entity lineage, paper -> paper links.
PROPOSES = "PROPOSES"
USES = "USES"
EVALUATED_ON = "EVALUATED_ON"
ADDRESSES = "ADDRESSES"
MEASURES = "MEASURES"
MENTIONS = "MENTIONS"
VARIANT_OF = "VARIANT_OF"
EXTENDS = "EXTENDS"
CITES = "CITES"
BUILDS_ON = "BUILDS_ON"
AUTHORED = "AUTHORED"
EDGE_TYPES = (PROPOSES, USES, EVALUATED_ON, ADDRESSES, MEASURES, MENTIONS,
              VARIANT_OF, EXTENDS, CITES, BUILDS_ON, AUTHORED)

# The relation a paper has to an entity of each type when it does not propose it.
ROLE_FOR_TYPE = {METHOD: USES, DATASET: EVALUATED_ON, TASK: ADDRESSES,
                 METRIC: MEASURES, CONCEPT: MENTIONS}

GREEK = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon",
         "θ": "theta", "λ": "lambda", "μ": "mu", "µ": "mu", "π": "pi", "σ": "sigma",
         "τ": "tau", "φ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega"}


@dataclass
class Paper:
    """One paper as read from an input: title and abstract plus what the input knows."""

    title: str
    abstract: str = ""
    id: str | None = None
    authors: list[str] = field(default_factory=list)
    year: int | None = None
    url: str | None = None
    sources: list[str] = field(default_factory=list)  # "file:line" of every listing
    references: list[dict] = field(default_factory=list)  # cited works: {"id", "title", ...}
    external: bool = False  # known only as a cited work, not read in full
    doi: str | None = None  # lowercase, without "https://doi.org/": "10.1038/nature14539"
    arxiv_id: str | None = None  # without version: "2401.12345", "hep-th/9901001"
    venue: str | None = None  # journal, conference or repository it appeared in

    @property
    def key(self) -> str:
        """The paper's graph id: its explicit id when the input has one, else from its title."""
        return self.id or title_id(self.title)

    @property
    def text(self) -> str:
        """The text extraction reads: the title, a blank line, the abstract (the blank line
        ends the title even with no abstract); mention offsets count from its first
        character."""
        return f"{self.title}\n\n{self.abstract}"


@dataclass
class Problem:
    """A piece of input that was skipped or repaired, with where it is."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


def fold(text: str) -> str:
    """Unicode-normalize, lowercase and spell Greek letters out: 'μP' -> 'mup', 'Δ' -> 'delta'."""
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(GREEK.get(ch, ch) for ch in text)


def bare(text: str) -> str:
    """`fold`ed and without accents: 'Schrödinger' -> 'schrodinger'; letters of every
    script are kept ('Глубокое' -> 'глубокое', '深度学习' stays)."""
    decomposed = unicodedata.normalize("NFKD", fold(text))
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


WORD = re.compile(r"[^\W_]+")  # letters and digits of any script
ASCII_WORD = re.compile(r"[a-z0-9]+")
KEY_CHAR = re.compile(r"[^\W_]|[+#]")
ASCII_NOT_KEY = re.compile(r"[^a-z0-9+#]")


def normalize_title(title: str) -> str:
    """Titles that differ only in case, accents, punctuation or spacing normalize alike.

    '' for a title without a letter or digit ('', '(', '.*'): callers treat '' as no key.
    """
    if title.isascii():  # the same result, without the Unicode work
        return " ".join(ASCII_WORD.findall(title.lower()))
    return " ".join(WORD.findall(bare(title)))


def title_id(title: str) -> str:
    """A stable paper id from the normalized title (from the title as written when it
    has no letter or digit, so no id is ever the hash of '')."""
    key = normalize_title(title) or " ".join(fold(title).split())
    digest = hashlib.sha1(key.encode()).hexdigest()[:12]
    return f"paper:{digest}"


def name_key(name: str) -> str:
    """The key entity names merge on: case, accents, spaces, hyphens and dots do not count.

    'CIFAR10', 'CIFAR-10' and 'cifar 10' share a key; so do 'μP' and 'muP'. Letters of
    every script count ('Трансформер'). '' when the name has no letter or digit, and
    '' matches nothing: see `same_name`.
    """
    if name.isascii():  # the same result, without the Unicode work
        return ASCII_NOT_KEY.sub("", name.lower())
    return "".join(KEY_CHAR.findall(bare(name)))


def same_name(a: str, b: str) -> bool:
    """Do two names share a (non-empty) key? '' and '(' match nothing, not even each other."""
    key = name_key(a)
    return bool(key) and key == name_key(b)


def entity_id(label: str, name: str) -> str:
    """The graph id of an entity node, e.g. 'method:muon'."""
    return f"{label.lower()}:{name_key(name)}"
