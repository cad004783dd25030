"""`kg export neo4j-admin DIR`: the graph as CSV files for `neo4j-admin database import full`.

Bulk import writes Neo4j's store files directly, an order of magnitude faster than
transactions, into a new (empty) database. The files hold exactly what `kg load`
writes: the same labels, types, ids and properties (kg.neo4j.load's
node_properties / edge_properties), so the imported database answers the same.

    nodes-<Label>[-<n>].csv          id:ID, :LABEL, then one typed column per property
    relationships-<TYPE>[-<n>].csv   :START_ID, :END_ID, :TYPE, then the properties
    import-command.txt               the neo4j-admin command, to run inside DIR

A column has one type (string, long, double, boolean or an array of one of them);
rows whose properties disagree in type with a file's go to a further file. Rows
come from the store a page at a time (kg.neo4j.load.store_rows) and are spooled
once to disk while the columns are learnt, then written with their header, so
memory grows neither with the graph nor with its largest label or type.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.model import EDGE_TYPES, NODE_LABELS
from kg.neo4j.load import edge_properties, node_properties

ARRAY_DELIMITER = "\x1f"  # the ASCII unit separator: in no name, title or sentence
TYPE_NAMES = {str: "string", int: "long", float: "double", bool: "boolean"}
COMMAND_FILE = "import-command.txt"
OPTIONS = ["--overwrite-destination=true", "--array-delimiter=U+001F",
           "--multiline-fields=true"]


def column_type(value) -> str:
    """The neo4j-admin header type of a property value (as node_properties gives them)."""
    if isinstance(value, list):
        return TYPE_NAMES[type(value[0])] + "[]"
    return TYPE_NAMES[type(value)]


def field_text(value) -> str:
    """A CSV field: strings quoted (so "" stays an empty string), absent values empty."""
    if value is None:
        return ""
    if isinstance(value, list):
        return quoted(ARRAY_DELIMITER.join(
            plain(item).replace(ARRAY_DELIMITER, " ") for item in value))
    return quoted(value) if isinstance(value, str) else plain(value)


def plain(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) else str(value)


def quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


@dataclass
class CsvFile:
    """One output file: rows whose properties agree on their columns' types."""

    path: Path
    fixed: list[str]  # the header's leading columns (:ID/:LABEL or :START_ID/:END_ID/:TYPE)
    types: dict[str, str] = field(default_factory=dict)
    rows: int = 0

    def __post_init__(self) -> None:
        self.spool = self.path.with_suffix(".spool").open("w", encoding="utf-8")

    def fits(self, types: dict[str, str]) -> bool:
        return all(self.types.get(key, kind) == kind for key, kind in types.items())

    def add(self, leading: list[str], properties: dict, types: dict[str, str]) -> None:
        self.types.update(types)
        self.spool.write(json.dumps([leading, properties], ensure_ascii=False) + "\n")
        self.rows += 1

    def finish(self) -> None:
        """Write the CSV (header, then every spooled row with all columns) and drop the spool."""
        self.spool.close()
        spool = self.path.with_suffix(".spool")
        columns = sorted(self.types)
        with self.path.open("w", encoding="utf-8", newline="") as out, \
                spool.open(encoding="utf-8") as rows:
            out.write(",".join([*self.fixed, *(f"{name}:{self.types[name]}"
                                               for name in columns)]) + "\n")
            for line in rows:
                leading, properties = json.loads(line)
                out.write(",".join([*map(quoted, leading),
                                    *(field_text(properties.get(name)) for name in columns)])
                          + "\n")
        spool.unlink()


class Files:
    """The files of one kind (nodes or relationships), by label or type."""

    def __init__(self, folder: Path, prefix: str, fixed: list[str]):
        self.folder, self.prefix, self.fixed = folder, prefix, fixed
        self.files: dict[str, list[CsvFile]] = {}

    def add(self, group: str, leading: list[str], properties: dict) -> None:
        types = {key: column_type(value) for key, value in properties.items()}
        files = self.files.setdefault(group, [])
        target = next((file for file in files if file.fits(types)), None)
        if target is None:
            suffix = f"-{len(files) + 1}" if files else ""
            target = CsvFile(self.folder / f"{self.prefix}-{group}{suffix}.csv", self.fixed)
            files.append(target)
        target.add(leading, properties, types)

    def finish(self) -> list[CsvFile]:
        done = [file for files in self.files.values() for file in files]
        for file in done:
            file.finish()
        return done


@dataclass
class ExportSummary:
    """What was written: counts per label and type, the files and the import command."""

    nodes: dict[str, int]
    relationships: dict[str, int]
    files: list[str]
    command: str


def export_neo4j_admin(nodes: Iterable[dict], edges: Iterable[dict], folder: str | Path,
                       database: str = "neo4j") -> ExportSummary:
    """Write the CSV files and the import command for a graph into `folder` (created).

    In: node dicts {"id", "label", ...attributes} and edge dicts {"start", "end",
    "type", ...attributes}, as the graph has them. Out: an ExportSummary; the command
    (also in import-command.txt) names the files relative to `folder`. Raises
    ValueError for a label or type outside kg.model.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    node_files = Files(folder, "nodes", ["id:ID", ":LABEL"])
    for node in nodes:
        if node["label"] not in NODE_LABELS:
            raise ValueError(f"not a node label of kg.model: {node['label']!r}")
        node_files.add(node["label"], [node["id"], node["label"]], node_properties(node))
    edge_files = Files(folder, "relationships", [":START_ID", ":END_ID", ":TYPE"])
    for edge in edges:
        if edge["type"] not in EDGE_TYPES:
            raise ValueError(f"not a relationship type of kg.model: {edge['type']!r}")
        edge_files.add(edge["type"], [edge["start"], edge["end"], edge["type"]],
                       edge_properties(edge))
    written_nodes, written_edges = node_files.finish(), edge_files.finish()
    command = shlex.join(["neo4j-admin", "database", "import", "full", database, *OPTIONS,
                          *(f"--nodes={file.path.name}" for file in written_nodes),
                          *(f"--relationships={file.path.name}" for file in written_edges)])
    (folder / COMMAND_FILE).write_text(command + "\n", encoding="utf-8")
    return ExportSummary(count(node_files), count(edge_files),
                         [file.path.name for file in [*written_nodes, *written_edges]], command)


def count(files: Files) -> dict[str, int]:
    return {group: sum(file.rows for file in group_files)
            for group, group_files in sorted(files.files.items())}
