"""One page as one self-contained HTML file: page.html with vis-network, page.css,
page.js and the data inlined, so it opens from file:// with no network at all.

Data is embedded as JSON in a non-executed <script type="application/json"> with
`<`, `>` and `&` written as \\u003c, \\u003e and \\u0026, so no string in it can
close the element; the page's Content-Security-Policy lets only the two inlined
scripts run (by hash) and fetch nothing.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from functools import cache
from importlib.resources import files
from pathlib import Path
from string import Template

from kg.viz.layout import place

VIS_NETWORK = "assets/vis-network.min.js"  # vis-network 9.1.2, licences beside it


@cache
def asset(package: str, name: str) -> str:
    """The text of a data file shipped in `package`."""
    return files(package).joinpath(name).read_text(encoding="utf-8")


def script_json(data: object) -> str:
    """`data` as JSON that is safe inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def inline_script(code: str) -> str:
    """JavaScript that cannot end its <script> element early."""
    return re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)


def script_hash(code: str) -> str:
    """The CSP source that allows exactly this inline script."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode()).digest()).decode() + "'"


def render(title: str, data: dict, aside: str = "") -> str:
    """The HTML page titled `title` (escaped here) for `data`: {"nodes", "edges"} (page
    items, see viz.elements, most central node first), "legend" ({"types", "size",
    optional "groups"}), optional "center" and "home" (a link back to an overview).
    `aside` is trusted, already escaped HTML for the side panel."""
    nodes, layout = place(data["nodes"])
    scripts = [inline_script(asset("kg.viz", VIS_NETWORK)),
               inline_script(asset("kg.viz", "page.js"))]
    return Template(asset("kg.viz", "page.html")).substitute(
        title=html.escape(title), style=asset("kg.viz", "page.css"), aside=aside,
        data=script_json({**data, "nodes": nodes, "layout": layout}),
        vis=scripts[0], script=scripts[1], script_hashes=" ".join(map(script_hash, scripts)))


def write_page(path: str | Path, title: str, data: dict, aside: str = "") -> Path:
    """Write the page for `data` (see `render`) to `path`, creating its folder; return it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(title, data, aside), encoding="utf-8")
    return path
