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
    references: list[dict] = field(default_factory=list)  # cited works: {"id", "title"}
    external: bool = False  # known only as a cited work, not read in full
    doi: str | None = None  # bare, lowercase: '10.48550/arxiv.2502.16982'
    arxiv_id: str | None = None  # '2502.16982'
    venue: str | None = None

    @property
    def key(self) -> str:
        """The paper's graph id: its explicit id when the input has one, else from its title."""
        return self.id or title_id(self.title)

    @property
    def text(self) -> str:
        """The text extraction reads; mention offsets count from its first character."""
        return f"{self.title}\n\n{self.abstract}" if self.abstract else self.title


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


def normalize_title(title: str) -> str:
    """Titles that differ only in case, punctuation or spacing normalize alike."""
    return " ".join(re.findall(r"[a-z0-9]+", fold(title)))


def title_id(title: str) -> str:
    """A stable paper id from the normalized title."""
    digest = hashlib.sha1(normalize_title(title).encode()).hexdigest()[:12]
    return f"paper:{digest}"


def name_key(name: str) -> str:
    """The key entity names merge on: case, spaces, hyphens and dots do not count.

    'CIFAR10', 'CIFAR-10' and 'cifar 10' share a key; so do 'μP' and 'muP'.
    """
    return re.sub(r"[^a-z0-9+#]", "", fold(name))


def entity_id(label: str, name: str) -> str:
    """The graph id of an entity node, e.g. 'method:muon'."""
    return f"{label.lower()}:{name_key(name)}"
