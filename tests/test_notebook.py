"""docs/quickstart.ipynb runs top to bottom in a real Jupyter kernel (nbclient) on the
bundled corpus's store, and each cell shows what its text promises."""

from __future__ import annotations

import html
from pathlib import Path

import nbformat
from nbclient import NotebookClient

import kg

NOTEBOOK = Path(__file__).resolve().parent.parent / "docs" / "quickstart.ipynb"


def shown(cell) -> str:
    """Everything a code cell put on screen: stdout, HTML and plain text."""
    parts = []
    for output in cell.get("outputs", []):
        parts.append(output.get("text", ""))
        data = output.get("data", {})
        parts.append(data.get("text/html", "") + data.get("text/plain", ""))
    return "\n".join(parts)


def test_quickstart_runs_top_to_bottom(store, tmp_path, monkeypatch):
    monkeypatch.setenv("KG_STORE", str(store))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    stats, neighbours, search, drawn, top, pagerank = (shown(cell) for cell in cells[:6])
    assert "Method" in stats and "Paper" in stats
    assert "NorMuon" in neighbours and "AdamW" in neighbours
    assert "<table" in search and "orthogonal" in search.lower()
    assert "nodes," in drawn
    frame = next(output["data"]["text/html"] for output in cells[3]["outputs"]
                 if "text/html" in output.get("data", {}))
    assert frame.startswith("<iframe srcdoc=")
    page = html.unescape(frame)
    assert '"label": "Muon"' in page and '"label": "NorMuon"' in page
    with kg.open(store) as graph:
        best = graph.top(label="Method", limit=10).to_dict()["top"]
    assert all(row["name"] in top for row in best)
    assert any("image/png" in output.get("data", {}) for output in cells[5]["outputs"])
