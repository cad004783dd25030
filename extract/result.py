"""From a Doc's mentions to the plain extraction record of one paper.

The record is kg's stable interface (`kg extract --format jsonl`): see
docs/extract-format.md. Mentions of one entity (same name key, or both forms of
an abbreviation) merge into one entity with every surface form as an alias.
"""

from __future__ import annotations

from collections import Counter

from kg.extract.abbreviations import Abbreviation
from kg.extract.mentions import Mention
from kg.extract.names import singular_name, strip_name, without_articles
from spacy.tokens import Doc

from kg.model import CONCEPT, METHOD, PROPOSES, ROLE_FOR_TYPE, name_key

MAX_SENTENCE_CHARS = 600


def group_mentions(mentions: list[Mention],
                   abbreviations: list[Abbreviation]) -> list[list[Mention]]:
    """Mentions grouped by entity: same key, or linked as long and short form."""
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    for abbreviation in abbreviations:
        parent[root(name_key(singular_name(abbreviation.short.text)))] = \
            root(name_key(abbreviation.long.text))
    groups: dict[str, list[Mention]] = {}
    for item in mentions:
        groups.setdefault(root(name_key(item.name)), []).append(item)
    return list(groups.values())


def entity_of(group: list[Mention]) -> dict:
    """One entity from its mentions: the commonest name, the commonest type (Method for a
    name the paper proposes and types Method once), the strongest role."""
    names = Counter(m.name for m in group)
    name = max(names, key=lambda n: (names[n], len(n)))
    types = Counter(m.type for m in group)
    proposed = any(m.proposed for m in group)
    # A name the paper proposes and once calls a Method is its method.
    label = METHOD if types[METHOD] and (proposed or types[METHOD] >= max(types.values()) -
                                         types[CONCEPT]) else types.most_common(1)[0][0]
    # Surface forms of names count as aliases too: 'LayerNorm' for Layer Normalization
    # (a concept's surface forms are only its plurals), without articles, with and
    # without a generic head ('the Muon optimizer', a span the model finds, is Muon,
    # also written 'Muon optimizer').
    forms = set(names) | {singular_name(form(m.span.text)) for m in group
                          if label != CONCEPT for form in (strip_name, without_articles)}
    aliases = sorted({n for n in forms if name_key(n) != name_key(name)})
    return {"name": name, "type": label, "aliases": aliases,
            "role": PROPOSES if proposed else ROLE_FOR_TYPE[label], "count": len(group)}


def sentence_text(item: Mention) -> str:
    text = " ".join(item.span.sent.text.split())
    return text if len(text) <= MAX_SENTENCE_CHARS else text[:MAX_SENTENCE_CHARS] + "…"


def extraction_of(doc: Doc, mentions: list[Mention], abbreviations: list[Abbreviation],
                  extends: list[str]) -> dict:
    """The extraction record of a doc: entities, mentions, abbreviations, extends."""
    entities, mention_rows = [], []
    for group in group_mentions(mentions, abbreviations):
        entity = entity_of(group)
        entities.append(entity)
        mention_rows += [{"text": m.span.text, "type": entity["type"], "entity": entity["name"],
                          "start": m.span.start_char, "end": m.span.end_char,
                          "sentence": sentence_text(m)} for m in group]
    return {
        "entities": entities,
        "mentions": sorted(mention_rows, key=lambda row: row["start"]),
        "abbreviations": [{"short": a.short.text, "long": a.long.text} for a in abbreviations],
        "extends": extends,
    }
