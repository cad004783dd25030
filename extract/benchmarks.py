"""Public entity benchmarks read into kg's types: SciERC (DyGIE format) and SciER (JSON Lines).

Both read into `Annotated` documents: tokens, the entity spans in kg's types, and the
spans whose type kg's scheme leaves open (`unknown`: neither entity nor non-entity).
Used for training (scripts/train) and scoring (`kg eval`).

Label mapping (docs/annotation.md): SciERC Method, Task, Metric keep their names;
OtherScientificTerm is a Concept; Material is a Dataset when it is a named data set
(an acronym, a word with a digit, or a capitalized name with a data word: WSJ,
MUC-6, Penn Treebank),
otherwise unknown (SciERC calls "images" or "English" Material, which is no Dataset);
Generic ("this approach") is no entity. SciER's Method, Dataset and Task keep theirs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from kg.model import CONCEPT, DATASET, METHOD, METRIC, TASK

SCIERC_LABELS = {"Method": METHOD, "Task": TASK, "Metric": METRIC,
                 "OtherScientificTerm": CONCEPT}
SCIER_LABELS = {"Method": METHOD, "Dataset": DATASET, "Task": TASK}
LANGUAGES = set("""English Chinese Mandarin Cantonese Japanese Korean German French Spanish Italian
Portuguese Dutch Czech Russian Arabic Hindi Urdu Turkish Swedish Danish Norwegian Finnish Greek
Hebrew Polish Hungarian Romanian Bulgarian Croatian Serbian Slovene Basque Catalan Estonian Thai
Vietnamese Indonesian Malay Persian Tagalog Swahili European Asian Western""".split())


@dataclass
class Annotated:
    """One annotated document: tokens, typed spans and open spans (token offsets, end excl.)."""

    doc_id: str
    words: list[str]
    entities: list[tuple[int, int, str]] = field(default_factory=list)
    unknown: list[tuple[int, int]] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(self.words)

    def word_offsets(self) -> list[tuple[int, int]]:
        """(start, end) character offsets of each word in `text`."""
        offsets, position = [], 0
        for word in self.words:
            offsets.append((position, position + len(word)))
            position += len(word) + 1
        return offsets

    def names(self) -> list[tuple[str, str]]:
        """(surface text, type) of every entity span."""
        return [(" ".join(self.words[s:e]), label) for s, e, label in self.entities]

    @property
    def scored_types(self) -> set[str]:
        return set(SCIER_LABELS.values()) if self.doc_id.startswith("scier:") else \
            {METHOD, TASK, METRIC, DATASET, CONCEPT}


# Penn Treebank escapes in SciERC's tokens, back to the characters papers print.
PTB_ESCAPES = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}",
               "``": '"', "''": '"'}


DATASET_WORDS = frozenset("corpus corpora treebank dataset datasets database bank benchmark "
                          "collection wordnet".split())


def is_named_dataset(words: list[str]) -> bool:
    """A SciERC Material that names a data set: an acronym or a word with a digit
    ('WSJ', 'MUC-6'), or a capitalized name with a data word ('Penn Treebank')."""
    if any(sum(c.isupper() for c in w) >= 2 or any(c.isdigit() for c in w) for w in words):
        return True
    return any(w.lower() in DATASET_WORDS for w in words) and \
        any(w[:1].isupper() and w not in LANGUAGES for w in words)


def json_lines(path: str | Path) -> Iterator[tuple[int, dict]]:
    """(line number, record) of each JSON object in a JSON Lines file, read lazily, blank
    lines skipped, a UTF-8 byte order mark allowed. Lines end at a newline only: JSON
    strings may hold U+2028 as it is.

    Raises ValueError naming the file and line of one that is not UTF-8 or not a JSON object.
    """
    with Path(path).open("rb") as lines:
        for number, raw in enumerate(lines, 1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                raise ValueError(f"{path}:{number}: not UTF-8 (byte 0x{raw[error.start]:02x} "
                                 f"at column {error.start + 1})") from None
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}:{number}: not JSON ({error.msg})") from None
            if not isinstance(record, dict):
                raise ValueError(f"{path}:{number}: not a JSON object")
            yield number, record


def first_record(path: str | Path) -> tuple[int, dict]:
    """The first record of a JSON Lines file and its line; ValueError if it has none."""
    found = next(json_lines(path), None)
    if found is None:
        raise ValueError(f"{path}: no records")
    return found


@contextmanager
def record_at(path: str | Path, number: int, form: str) -> Iterator[None]:
    """Converting the record at this line: a field missing or of the wrong kind becomes a
    ValueError naming the file and line."""
    try:
        yield
    except (KeyError, TypeError, IndexError, ValueError, AttributeError) as error:
        raise ValueError(f"{path}:{number}: not a {form} record "
                         f"({error.__class__.__name__}: {error})") from None


def read_scierc(path: str | Path) -> Iterator[Annotated]:
    """SciERC documents (one per line: sentences, ner with inclusive document offsets)."""
    for number, record in json_lines(path):
        with record_at(path, number, "SciERC"):
            doc = Annotated("scierc:" + record["doc_key"], [])
            for sentence in record["sentences"]:
                doc.sentence_starts.append(len(doc.words))
                doc.words.extend(PTB_ESCAPES.get(word, word) for word in sentence)
            for start, end, label in (span for spans in record["ner"] for span in spans):
                if not (isinstance(start, int) and isinstance(end, int)
                        and 0 <= start <= end < len(doc.words)):
                    raise ValueError(f"span [{start}, {end}] outside the document's "
                                     f"{len(doc.words)} words")
                end += 1
                if label in SCIERC_LABELS:
                    doc.entities.append((start, end, SCIERC_LABELS[label]))
                elif label == "Material":
                    if is_named_dataset(doc.words[start:end]):
                        doc.entities.append((start, end, DATASET))
                    else:
                        doc.unknown.append((start, end))
            doc.entities = without_overlaps(doc.entities)
            doc.unknown = untouched([(s, e) for s, e, _ in
                                     without_overlaps([(s, e, "") for s, e in doc.unknown])],
                                    doc.entities)
        yield doc


def scier_tokens(text: str) -> list[str]:
    """SciER's tokens with split numbers and hyphens joined ("4 2 . 2" -> "42.2")."""
    text = re.sub(r"(?<=\d) (?=\d)", "", text)
    text = re.sub(r"(?<=\d) ([.,]) (?=\d)", r"\1", text)
    text = re.sub(r"(?<=\w) - (?=\w)", "-", text)
    return text.split()


def find_all(words: list[str], wanted: list[str]) -> Iterator[int]:
    n = len(wanted)
    for i in range(len(words) - n + 1):
        if words[i:i + n] == wanted:
            yield i


def read_scier(path: str | Path) -> Iterator[Annotated]:
    """SciER papers, one Annotated per paper (its sentences in order).

    SciER gives entity strings without offsets: every occurrence of the string in
    its sentence is the entity, longest strings first, never overlapping.
    """
    papers: dict[str, Annotated] = {}
    for number, record in json_lines(path):
        with record_at(path, number, "SciER"):
            doc = papers.setdefault(record["doc_id"],
                                    Annotated("scier:" + record["doc_id"], []))
            offset = len(doc.words)
            words = scier_tokens(record["sentence"])
            spans: list[tuple[int, int, str]] = []
            for name, label in sorted(record["ner"], key=lambda item: -len(item[0])):
                wanted = scier_tokens(name)
                if label in SCIER_LABELS and wanted:
                    spans.extend((offset + i, offset + i + len(wanted), SCIER_LABELS[label])
                                 for i in find_all(words, wanted))
        doc.sentence_starts.append(offset)
        doc.words.extend(words)
        doc.entities.extend(without_overlaps(spans))
    yield from papers.values()


def retokenized(document: Annotated, make_doc: Callable[[str], Doc]) -> Annotated:
    """The document in the tokens `make_doc` gives its text (kg's run-time tokenizer splits
    'n-gram' into three tokens where SciERC has one), its spans carried over by character
    offsets; a span no token boundary fits is dropped."""
    offsets = document.word_offsets()
    doc = make_doc(document.text)

    def carried(start: int, end: int) -> tuple[int, int] | None:
        span = doc.char_span(offsets[start][0], offsets[end - 1][1], alignment_mode="contract")
        return (span.start, span.end) if span is not None and len(span) else None

    entities = [(*bounds, label) for s, e, label in document.entities
                if (bounds := carried(s, e)) is not None]
    unknown = [bounds for s, e in document.unknown if (bounds := carried(s, e)) is not None]
    sentence_starts = [doc.char_span(offsets[i][0], offsets[i][0] + 1,
                                     alignment_mode="expand").start
                       for i in document.sentence_starts if i < len(offsets)]
    return Annotated(document.doc_id, [token.text for token in doc], entities, unknown,
                     sentence_starts)


def untouched(spans: Iterable[tuple[int, int]],
              entities: Iterable[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """The (start, end) spans that share no token with any entity (start, end, label)."""
    taken = {i for start, end, _ in entities for i in range(start, end)}
    return [(start, end) for start, end in spans if not taken & set(range(start, end))]


def without_overlaps(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Spans sorted by start, dropping any that overlaps an earlier or longer one."""
    kept: list[tuple[int, int, str]] = []
    taken: set[int] = set()
    for start, end, label in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        if not taken & set(range(start, end)):
            kept.append((start, end, label))
            taken.update(range(start, end))
    return sorted(set(kept))


def read_benchmark(path: str | Path) -> list[Annotated]:
    """SciERC (.json, DyGIE) or SciER (.jsonl with "sentence") documents, told by content.

    Raises ValueError naming the file and line of a record that is neither.
    """
    number, record = first_record(path)
    if "sentences" in record:
        return list(read_scierc(path))
    if "sentence" in record:
        return list(read_scier(path))
    raise ValueError(f"{path}:{number}: neither SciERC (sentences) nor SciER (sentence) format")
