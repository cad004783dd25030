"""One page as one HTML file: page.html with page.css and the data inlined, and the
scripts (vis-network, page.js) either inlined too, so the page is self-contained,
or shared: sibling files that every page of a folder loads (`write_scripts`).
Either way it opens from file:// with no network at all.

Data is embedded as JSON in a non-executed <script type="application/json"> with
`<`, `>` and `&` written as \\u003c, \\u003e and \\u0026, so no string in it can
close the element; the page's Content-Security-Policy lets only the two inlined
scripts run (by hash), or the shared ones ('self': files beside the page), and
fetch nothing else.
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
# The shared scripts: file name beside the pages -> the kg.viz file it copies.
SHARED = {"vis-network.min.js": VIS_NETWORK, "kg-page.js": "page.js"}


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


def render(title: str, data: dict, aside: str = "", shared: bool = False) -> str:
    """The HTML page titled `title` (escaped here) for `data`: {"nodes", "edges"} (page
    items, see viz.elements, most central node first), "legend" ({"types", "size",
    optional "groups", "hidden", "years"}), optional "center" and "home" (a link back
    to an overview). `aside` is trusted, already escaped HTML for the side panel.
    `shared`: load the scripts from the files `write_scripts` puts beside the page
    instead of inlining them."""
    nodes, layout = place(data["nodes"])
    if shared:
        scripts = "".join(f'<script src="{name}"></script>' for name in SHARED)
        allowed = "'self'"
    else:
        code = [inline_script(asset("kg.viz", name)) for name in SHARED.values()]
        scripts = "".join(f"<script>{text}</script>" for text in code)
        allowed = " ".join(map(script_hash, code))
    return Template(asset("kg.viz", "page.html")).substitute(
        title=html.escape(title), style=asset("kg.viz", "page.css"), aside=aside,
        data=script_json({**data, "nodes": nodes, "layout": layout}),
        scripts=scripts, script_hashes=allowed)


def write_scripts(directory: str | Path) -> None:
    """Put the scripts that `shared` pages load into `directory`."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    for name, source in SHARED.items():
        (directory / name).write_text(asset("kg.viz", source), encoding="utf-8")


def write_page(path: str | Path, title: str, data: dict, aside: str = "",
               shared: bool = False) -> Path:
    """Write the page for `data` (see `render`) to `path`, creating its folder; return it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(title, data, aside, shared), encoding="utf-8")
    return path
