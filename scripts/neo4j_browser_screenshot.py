"""Look at kg's graph in Neo4j Browser as a person would, and save the screenshot.

    eval "$(scripts/neo4j-local start)" && kg load
    .venv/bin/python scripts/neo4j_browser_screenshot.py -o browser.png

The Browser is the one on 127.0.0.1:$KG_NEO4J_HTTP_PORT (default 7474) unless --url
says otherwise. The PNG goes where -o says, else to a new temporary file (the path is
printed): never over docs/ unless you ask for it.

Headless Chromium (driven by tests/browser.py) opens the Browser the server
serves, connects with NEO4J_USER / NEO4J_PASSWORD, applies cypher/style.grass
with `:style`, sets `:param method => "Muon"`, runs
cypher/queries/method_graph.cypher, opens the result full screen and saves a PNG.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import browser  # noqa: E402 (importable once the repository root is on the path)

BROWSER_URL = f"http://127.0.0.1:{os.environ.get('KG_NEO4J_HTTP_PORT', '7474')}/browser/"
STYLE = ROOT / "cypher" / "style.grass"
QUERY = ROOT / "cypher" / "queries" / "method_graph.cypher"
LOCAL = ("--host-resolver-rules=", "--proxy-server=")  # tests/browser.py flags that keep
# pages offline: this page talks to the local server, so they are left out


def open_tab(chromium: browser.Chromium, url: str) -> browser.Page:
    """A new 1400×900 tab showing `url`."""
    target = chromium.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = chromium.send("Target.attachToTarget", {"targetId": target,
                                                      "flatten": True})["sessionId"]
    page = browser.Page(chromium, session, target)
    for method, params in [("Runtime.enable", {}), ("Page.enable", {}),
                           ("Emulation.setDeviceMetricsOverride",
                            {"width": 1400, "height": 900, "deviceScaleFactor": 1,
                             "mobile": False})]:
        page.call(method, params)
    page.call("Page.navigate", {"url": url})
    return page


def type_into(page: browser.Page, selector: str, text: str) -> None:
    page.evaluate(f"document.querySelector({selector!r}).focus()")
    page.call("Input.insertText", {"text": text})


def connect(page: browser.Page, user: str, password: str) -> None:
    """Fill in the Browser's connect form and wait until it is connected."""
    page.wait_for("!!document.querySelector('[data-testid=password]')", timeout=60)
    type_into(page, "[data-testid=username]", user)
    type_into(page, "[data-testid=password]", password)
    page.evaluate("document.querySelector('[data-testid=connect]').click()")
    # Connected, the editor's prompt names the database: "neo4j$" instead of "$".
    try:
        page.wait_for(r"/^[^\s$]+\$/m.test(document.body.innerText)", timeout=120)
    except browser.BrowserError as error:
        shown = page.evaluate("document.body.innerText.slice(0, 400)")
        raise browser.BrowserError(f"Neo4j Browser did not connect: {error}; the page "
                                   f"says: {shown!r}") from None


def run(page: browser.Page, command: str) -> None:
    """Type `command` into the Browser's editor, run it, and wait for its frame."""
    frames = "document.querySelectorAll('[data-testid=rerunFrameButton]').length"
    before = page.evaluate(frames)
    type_into(page, ".inputarea", command)
    page.evaluate("document.querySelector('[data-testid=editor-Run]').click()")
    page.wait_for(f"{frames} > {before}")


def screenshot(output: Path, user: str, password: str, method: str = "Muon",
               url: str = BROWSER_URL) -> dict:
    """Show `method` in context in Neo4j Browser at `url`, styled, and save a PNG.

    Out: {"path", "nodes": nodes drawn, "fills": their colours}.
    """
    browser.FLAGS = [flag for flag in browser.FLAGS if not flag.startswith(LOCAL)]
    with browser.Chromium(timeout=60) as chromium:
        page = open_tab(chromium, url)
        connect(page, user, password)
        # The editor takes one line: grass does not mind where the line breaks go.
        run(page, ":style " + " ".join(STYLE.read_text(encoding="utf-8").split()))
        run(page, f':param method => "{method}"')
        run(page, QUERY.read_text(encoding="utf-8"))
        page.wait_for("document.querySelectorAll('svg g.node').length > 0")
        page.evaluate("document.querySelector('button[title=Fullscreen]').click()")
        time.sleep(3)  # the force layout settles
        for _ in range(2):
            page.evaluate("document.querySelector('button[aria-label=zoom-in]').click()")
        time.sleep(1)
        fills = page.evaluate("Array.from(document.querySelectorAll('svg g.node circle'))"
                              ".map(c => c.getAttribute('fill')).filter(f => f)")
        output.write_bytes(page.screenshot())
    return {"path": str(output), "nodes": len(fills), "fills": fills}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=None,
                        help="PNG to write (default: a new temporary file)")
    parser.add_argument("--method", default="Muon")
    parser.add_argument("--url", default=BROWSER_URL)
    args = parser.parse_args()
    if args.output is None:
        handle, name = tempfile.mkstemp(prefix="neo4j-browser-", suffix=".png")
        os.close(handle)
        args.output = Path(name)
    result = screenshot(args.output, os.environ.get("NEO4J_USER", "neo4j"),
                        os.environ["NEO4J_PASSWORD"], args.method, args.url)
    print(f"{result['path']}: {result['nodes']} nodes drawn")


if __name__ == "__main__":
    main()
