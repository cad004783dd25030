"""The one output layer of `kg`: every command builds its result, then prints it here,
as JSON or as text, from the same data.

    emit(result, fmt, text, table)  result (a dict, or an object with to_dict()) in the
                                  format asked: "text" by `text(data)`, "json", or its rows
                                  (`table(data)` -> columns, rows) as "table", "csv", "tsv"
                                  or "nl" (one JSON object per line), as sqlite-utils does
    echo(text, err=False, **style) one line to the terminal; all printing goes through it:
                                  control characters and escape sequences from data are
                                  stripped, passwords in URIs hidden, NO_COLOR honoured
    clean, shorten                text safe for a terminal; a long echoed input cut short
    print_json, print_table       JSON; rows under column names
    Progress                      progress of a long command on stderr: a bar on a
                                  terminal, else a plain line per whole percent done
    <command>_text(data)          how each query result reads as text

A command module with its own result writes its own `..._text(data)` function with echo.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from collections.abc import Callable
from typing import Any

import click

# Escape sequences (CSI "ESC [ ... final", OSC "ESC ] ... BEL or ESC \\", other
# two-byte ESC x), then any C0 control but newline and tab, DEL, C1 controls, and the
# bidirectional overrides that make text read differently from what it is.
ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]?|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"
                     r"|\x1b[ -~]?|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
UNESCAPED_IN_JSON = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
URI_PASSWORD = re.compile(r"(?<=://)([^/@\s:]*):[^/@\s]*@")


def clean(text: str) -> str:
    """`text` safe to print: no escape sequences or control characters (newlines and
    tabs kept), no user:password in a URI."""
    return URI_PASSWORD.sub(r"\1:***@", ESCAPES.sub("", text))


def shorten(text: str, limit: int = 80) -> str:
    """`text` cut to `limit` characters with an ellipsis saying how much was left out."""
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text):,} characters)"


def echo(text: str = "", err: bool = False, **style: Any) -> None:
    """Print `text` and a newline to stdout (or stderr), cleaned, styled as
    click.style(**style) unless NO_COLOR is set."""
    if style and not os.environ.get("NO_COLOR"):
        click.secho(clean(text), err=err, **style)
    else:
        click.echo(clean(text), err=err)


def dumps(data: Any, indent: int | None = None) -> str:
    """`data` as JSON text that is safe on a terminal: the controls JSON leaves raw
    (DEL, C1, bidi overrides) written as \\u escapes, so the data is kept exactly."""
    text = json.dumps(as_data(data), indent=indent, ensure_ascii=False, default=str)
    return UNESCAPED_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def as_data(result: Any) -> Any:
    """A result as plain data: its to_dict() if it has one, else itself."""
    return result.to_dict() if hasattr(result, "to_dict") else result


def print_json(data: Any) -> None:
    echo(dumps(data, indent=2))


FORMATS = ["text", "table", "json", "csv", "tsv", "nl"]
Rows = Callable[[Any], tuple[list[str], list[dict]]]


def emit(result: Any, fmt: str | bool, text: Callable[[Any], None],
         table: Rows | None = None) -> None:
    """Print a command's result in format `fmt` (one of FORMATS; True/False, a --json
    flag, mean json/text): text by `text(data)`, the whole result as JSON, or the rows
    `table(data)` gives (column names, row dicts) as an aligned table, CSV, TSV or
    newline-delimited JSON."""
    if isinstance(fmt, bool):
        fmt = "json" if fmt else "text"
    data = as_data(result)
    if fmt == "json":
        print_json(data)
    elif fmt == "text" or table is None:
        text(data)
    else:
        columns, rows = table(data)
        if fmt == "nl":
            for row in rows:
                echo(dumps({key: row.get(key) for key in columns}))
        elif fmt == "table":
            print_table(columns, [[cell(row.get(key)) for key in columns] for row in rows])
        else:
            buffer = io.StringIO()
            writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t",
                                lineterminator="\n")
            writer.writerows([columns, *([cell(row.get(key)) for key in columns]
                                         for row in rows)])
            echo(buffer.getvalue().removesuffix("\n"))


def cell(value: Any) -> str:
    """A value as text for a table cell: lists joined with '; ', objects as JSON, true/false
    and empty for null (never a Python repr)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return "; ".join(cell(item) for item in value)
    if isinstance(value, dict):
        return dumps(value)
    return str(value)


def print_table(columns: list[str], rows: list[list[str]], width: int = 60) -> None:
    """Rows of text under their column names, each column as wide as it needs (at most
    `width`)."""
    cells = [[cell if len(cell) <= width else cell[:width - 1] + "…" for cell in row]
             for row in [columns, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(columns))]
    for number, row in enumerate(cells):
        echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if number == 0:
            echo("  ".join("-" * w for w in widths))
    echo(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")


class Progress:
    """How much of `total` things a long command has done, on stderr (stdout keeps the
    result): click's progress bar when stderr is a terminal, else (a log, a pipe) a line
    "Loading: 1,000 of 4,759 rows (21%)" each time another whole percent is done."""

    def __init__(self, total: int, label: str, unit: str = "rows"):
        self.total, self.label, self.unit = total, label, unit
        self.done, self.said = 0, -1
        self.bar = click.progressbar(length=total, label=label, file=sys.stderr,
                                     show_pos=True) if sys.stderr.isatty() else None

    def set_total(self, total: int) -> None:
        """The total, once known (a build learns it after reading its inputs)."""
        self.total = total
        if self.bar is not None:
            self.bar.length = total
            self.bar.render_progress()

    def update(self, count: int) -> None:
        """`count` more things are done."""
        self.done += count
        if self.bar is not None:
            self.bar.update(count)
            return
        if not self.total:
            return
        percent = self.done * 100 // self.total
        if percent > self.said:
            self.said = percent
            echo(f"{self.label}: {self.done:,} of {self.total:,} {self.unit} ({percent}%)",
                 err=True)

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.render_finish()


def counts_line(heading: str, counts: dict) -> str:
    return f"{heading}: " + ", ".join(f"{k} {v}" for k, v in counts.items())


def neighbors_text(limit: int | None) -> Callable[[dict], None]:
    """The text of `neighbors`: each type once, with its true total (`totals`, before
    --limit) and what the limit cut; rows beyond one hop say which node they came through."""
    def text(data: dict) -> None:
        match, rows, totals = data["match"], data["neighbors"], data["totals"]
        echo(f"{match['name']} ({match['type']})", bold=True)
        if match.get("matched_by") in ("prefix", "search"):
            how = "the one name it starts" if match["matched_by"] == "prefix" \
                else "the best search hit"
            echo(f"(no node has that very name: {how}; `kg search` lists more)", fg="yellow")
        groups: dict[str, list[dict]] = {}
        for row in rows:
            groups.setdefault(row["type"], []).append(row)
        for label, members in groups.items():
            total = totals.get(label, len(members))
            count = f"{len(members)} of {total}" if len(members) < total else f"{total}"
            echo(f"\n{label}s ({count})", fg="cyan")
            for row in members:
                relation = row["relation"] if row["direction"] != "in" else f"{row['relation']} ←"
                details = []
                if row["relation"] == "CO_OCCURS":
                    details.append(f"in {row['count']} paper" + ("s" if row["count"] != 1 else ""))
                if row.get("depth", 1) > 1:
                    details.append(f"{row['depth']} hops, via {row['via']}")
                detail = f"  ({'; '.join(details)})" if details else ""
                echo(f"  {relation:<14} {row['name']}{detail}")
        shown = {label: len(members) for label, members in groups.items()}
        cut = {label: n - shown.get(label, 0) for label, n in totals.items()
               if n > shown.get(label, 0)}
        if cut:
            echo(f"\n--limit {limit} left out {sum(cut.values())} of {sum(totals.values())}: "
                 + ", ".join(f"{label} {n}" for label, n in cut.items()))
    return text


def neighbors_table(data: dict) -> tuple[list[str], list[dict]]:
    return (["name", "type", "relation", "direction", "depth", "via", "count", "inferred"],
            data["neighbors"])


def show_table(data: dict) -> tuple[list[str], list[dict]]:
    return (["direction", "relation", "name", "type", "evidence"],
            [{**edge, "evidence": edge["evidence"][:1]} for edge in data["edges"]])


def stats_table(data: dict) -> tuple[list[str], list[dict]]:
    return (["kind", "name", "count"],
            [{"kind": kind[:-1], "name": name, "count": count}
             for kind in ("nodes", "edges") for name, count in data[kind].items()])


def citations_table(key: str) -> Rows:
    """The rows of `cites` or `cited_by` (under `key`)."""
    def table(data: dict) -> tuple[list[str], list[dict]]:
        return (["relation", "name", "type", "external", "source", "marker", "inferred", "via"],
                data[key])
    return table


def path_table(data: dict) -> tuple[list[str], list[dict]]:
    return (["hop", "relation", "direction", "name", "type", "inferred", "evidence"],
            [{**step, "hop": number, "name": step["to"]["name"], "type": step["to"]["type"]}
             for number, step in enumerate(data["hops"], 1)])


def top_table(data: dict) -> tuple[list[str], list[dict]]:
    return ["rank", "name", "type", "score"], data["top"]


def search_table(data: dict) -> tuple[list[str], list[dict]]:
    return ["type", "name", "score"], data["hits"]


def show_text(node: dict) -> None:
    echo(f"{node['name']} ({node['type']}, id {node['id']})", bold=True)
    for key in ("aliases", "title", "sources", "authors", "year", "venue", "doi", "arxiv_id",
                "url", "abstract"):
        if node.get(key):
            value = node[key] if not isinstance(node[key], list) else ", ".join(map(str, node[key]))
            echo(f"{key}: {value}")
    echo(f"degree: {node['degree']}")
    for edge in node["edges"]:
        arrow = "→" if edge["direction"] == "out" else "←"
        echo(f"  {arrow} {edge['relation']} {edge['name']} ({edge['type']})")
        for sentence in edge["evidence"][:1]:
            echo(f"      “{sentence}”")
    if len(node["edges"]) < node["degree"]:
        echo(f"  … {node['degree'] - len(node['edges'])} more edges (--limit 0 lists all)")


def stats_text(data: dict) -> None:
    for section in ("nodes", "edges"):
        echo(section.capitalize(), bold=True)
        for key, value in data[section].items():
            echo(f"  {key:<14} {value:>6}")


def citation_tag(row: dict) -> str:
    """Why a link is there, in brackets: read from the input, from the text, or inferred."""
    if row["inferred"]:
        return f"[inferred, uses {', '.join(row['via'])}]"
    if row["marker"]:
        return f"[{row['source']}: {row['marker']}]"
    return f"[{row['source']}]"


def citations_text(key: str) -> Callable[[dict], None]:
    """The text of `cites` or `cited_by`, whose rows are under `key`."""
    def text(data: dict) -> None:
        paper, rows = data["paper"], data[key]
        echo(f"{paper['name']} ({paper['type']})", bold=True)
        heading = key.replace("_", " ").capitalize()
        echo(f"\n{heading} ({len(rows)})", fg="cyan")
        for row in rows:
            kind = " (external)" if row["external"] else "" if row["type"] == "Paper" \
                else f" ({row['type']})"
            echo(f"  {row['relation']:<10} {row['name']}{kind}  {citation_tag(row)}")
    return text


def path_text(data: dict) -> None:
    echo(f"{data['source']['name']!r} and {data['target']['name']!r}: "
         f"{len(data['hops'])} hop(s)", bold=True)
    echo(f"{data['source']['name']} ({data['source']['type']})")
    for step in data["hops"]:
        relation = step["relation"] + (" (inferred)" if step["inferred"] else "")
        arrow = f"—{relation}→" if step["direction"] == "out" else f"←{relation}—"
        echo(f"  {arrow}  {step['to']['name']} ({step['to']['type']})")
        if step["evidence"]:
            echo(f"      “{step['evidence']}”")


def search_text(data: dict) -> None:
    echo(f"Search {data['query']!r}: {len(data['hits'])} hit(s)", bold=True)
    for hit in data["hits"]:
        echo(f"  {hit['type']:<9} {hit['name']}  {hit['score']:.2f}")


def cell_text(value: Any) -> str:
    """A query value as one short line for a table cell: (Method Muon) for a node,
    (paper:1)-[USES]->(method:muon) for a relationship whose ends are known ([USES]
    else), a path as its nodes joined by its relationships, each pointing the way it
    goes; lists joined, maps as JSON, true/false, never a repr."""
    if isinstance(value, dict) and "label" in value and "id" in value:
        return f"({value['label']} {clip(str(value.get('name', value['id'])))})"
    if isinstance(value, dict) and "nodes" in value:
        nodes, links = value["nodes"], value.get("relationships", [])
        return cell_text(nodes[0]) + "".join(
            f"{arrow(link, node.get('id'))}{cell_text(after)}"
            for node, link, after in zip(nodes[:-1], links, nodes[1:], strict=True))
    if isinstance(value, dict) and "type" in value and value.get("start") is not None \
            and value.get("end") is not None:
        return f"({value['start']})-[{value['type']}]->({value['end']})"
    if isinstance(value, dict) and "type" in value:
        return f"[{value['type']}]"
    if isinstance(value, (list, tuple)):
        return ", ".join(cell_text(item) for item in value)
    return cell(value)


def arrow(link: dict, before: str | None) -> str:
    """A path's relationship `link` after the node with id `before`: -[TYPE]-> if it
    starts there, <-[TYPE]- if it ends there, -[TYPE]- if its ends are not known."""
    if link.get("start") is not None and link.get("start") == before:
        return f"-[{link['type']}]->"
    if link.get("end") is not None and link.get("end") == before:
        return f"<-[{link['type']}]-"
    return f"-[{link['type']}]-"


def clip(name: str, width: int = 40) -> str:
    return name if len(name) <= width else name[:width - 1] + "…"


def top_text(label: str | None, by: str) -> Callable[[dict], None]:
    """The text of `top --type label --by by`."""
    def text(data: dict) -> None:
        echo(f"Top {label or 'nodes'} by {by}", bold=True)
        for row in data["top"]:
            kind = "" if label else f" ({row['type']})"
            echo(f"  {row['rank']:>3}. {row['name']}{kind}  {row['score']:g}")
    return text
