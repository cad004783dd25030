"""Results that display themselves in Jupyter, with no dependency on the rest of kg.

`Subgraph` (a networkx MultiDiGraph) draws itself with pyvis; `HtmlResult`, a mixin
for result types with `to_dict()`, shows the dict as an escaped HTML table. The
query layer can use both: this module imports nothing from kg at load time.
"""

from __future__ import annotations

import html

import networkx as nx

FRAME_HEIGHT = 620  # pixels of the notebook frame around a drawn graph
SHOWN_ROWS = 50  # rows of a list shown in a result's HTML view


def frame(page: str, height: int = FRAME_HEIGHT) -> str:
    """A whole HTML page as an iframe for a notebook cell: its scripts run in a
    sandbox (no access to the notebook), and it needs nothing from the network."""
    return (f'<iframe srcdoc="{html.escape(page, quote=True)}" sandbox="allow-scripts" '
            f'style="width:100%;height:{height}px;border:0"></iframe>')


class Subgraph(nx.MultiDiGraph):
    """A kg subgraph (a networkx MultiDiGraph) that draws itself in Jupyter."""

    def _repr_html_(self) -> str:
        from kg.viz.network import to_pyvis

        return to_pyvis(self)._repr_html_()



def value_html(value: object) -> str:
    """`value` as escaped HTML: a dict as a two-column table, a list of dicts as a
    table with a column per key (first SHOWN_ROWS rows), other lists comma-joined."""
    if isinstance(value, dict):
        rows = "".join(f"<tr><th>{html.escape(str(key))}</th><td>{value_html(item)}</td></tr>"
                       for key, item in value.items())
        return f"<table>{rows}</table>"
    if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        columns = list(dict.fromkeys(key for item in value for key in item))
        head = "".join(f"<th>{html.escape(str(column))}</th>" for column in columns)
        body = "".join("<tr>" + "".join(f"<td>{value_html(item.get(column, ''))}</td>"
                                        for column in columns) + "</tr>"
                       for item in value[:SHOWN_ROWS])
        more = (f"<p>… {len(value) - SHOWN_ROWS} more</p>" if len(value) > SHOWN_ROWS else "")
        return f"<table><tr>{head}</tr>{body}</table>{more}"
    if isinstance(value, list):
        return html.escape(", ".join(map(str, value)))
    return html.escape("" if value is None else str(value))


class HtmlResult:
    """Mixin for a result type with `to_dict()`: Jupyter shows it as an HTML table."""

    def _repr_html_(self) -> str:
        return value_html(self.to_dict())
