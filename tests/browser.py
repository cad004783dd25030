"""Headless Chromium for page tests, driven over the DevTools protocol through a pipe
(`--remote-debugging-pipe`: NUL-separated JSON on fds 3 and 4), so no package is needed.

    with Chromium() as browser:
        page = browser.open(path)              # file:// URL, network switched off
        page.wait_for("document.body.dataset.ready === 'true'")
        page.evaluate("kg.nodes.length")

Networking is off three ways: DNS resolves nothing, every proxy is a closed
port, and the tab is emulated offline. `page.requests` lists every URL the page
asked for, so a test can assert that nothing but the file itself was fetched.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Self

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
WIDTH, HEIGHT = 1280, 800
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--disable-default-apps", "--mute-audio",
         "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
         f"--window-size={WIDTH},{HEIGHT}", "--remote-debugging-pipe"]


# Runs Chromium (argv[3:]) with the pipe ends argv[1] and argv[2] on fds 3 and 4, where
# --remote-debugging-pipe looks for them (copied high first, so neither overwrites the other).
ON_3_AND_4 = """import fcntl, os, sys
ends = [fcntl.fcntl(int(fd), fcntl.F_DUPFD, 10) for fd in sys.argv[1:3]]
os.dup2(ends[0], 3)
os.dup2(ends[1], 4)
os.execv(sys.argv[3], sys.argv[3:])"""


class BrowserError(Exception):
    """Chromium answered with an error, went away, or a wait timed out."""


class Chromium:
    """One headless Chromium process with a fresh profile; a context manager."""

    def __init__(self, timeout: float = 30) -> None:
        self.timeout = timeout
        self.profile = tempfile.TemporaryDirectory(prefix="kg-chromium-")
        self.log = Path(self.profile.name, "stderr.log")  # quoted when Chromium fails
        to_browser, self.writer = os.pipe()
        self.reader, from_browser = os.pipe()
        log = os.open(self.log, os.O_WRONLY | os.O_CREAT)
        self.process = subprocess.Popen(
            [sys.executable, "-c", ON_3_AND_4, str(to_browser), str(from_browser), CHROMIUM,
             *FLAGS, f"--user-data-dir={self.profile.name}", "about:blank"],
            pass_fds=(to_browser, from_browser), stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=log)
        for fd in (to_browser, from_browser, log):
            os.close(fd)
        self.buffer, self.next_id, self.events = b"", 0, []

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """End the browser (politely, then by force) and remove its profile."""
        with contextlib.suppress(BrowserError, OSError):
            self.send("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self.writer)
        os.close(self.reader)
        self.profile.cleanup()

    def last_words(self) -> str:
        """The end of what Chromium wrote to stderr, and its exit status if it has ended."""
        return f"exit status {self.process.poll()}; stderr: " + \
            self.log.read_text(errors="replace")[-2000:]

    def receive(self, deadline: float) -> dict:
        """The next message from the browser (an event is also kept in `events` as
        (session, method, params)); BrowserError if none has come by `deadline`."""
        while b"\0" not in self.buffer:
            left = max(0.0, deadline - time.monotonic())
            if not select.select([self.reader], [], [], left)[0]:
                raise BrowserError("timed out waiting for Chromium")
            chunk = os.read(self.reader, 1 << 20)
            if not chunk:
                raise BrowserError(f"Chromium closed the pipe: {self.last_words()}")
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        message = json.loads(raw)
        if "method" in message:
            self.events.append((message.get("sessionId"), message["method"], message["params"]))
        return message

    def drain(self) -> None:
        """Take in every message that has arrived, without waiting."""
        try:
            while True:
                self.receive(time.monotonic())
        except BrowserError:
            return

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        """Call a DevTools method and return its result."""
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        try:
            os.write(self.writer, json.dumps(message).encode() + b"\0")
        except BrokenPipeError:
            raise BrowserError(f"Chromium has gone: {self.last_words()}") from None
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self.receive(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def open(self, path: str | Path, before: str | None = None) -> Page:
        """A new tab showing the file at `path`, offline from before the first request;
        `before` is JavaScript to run in the page before any of its own scripts."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target,
                                                      "flatten": True})["sessionId"]
        page = Page(self, session, target)
        for method, params in [
                ("Network.enable", {}),
                ("Network.emulateNetworkConditions", {"offline": True, "latency": 0,
                                                      "downloadThroughput": -1,
                                                      "uploadThroughput": -1}),
                ("Runtime.enable", {}), ("Log.enable", {}), ("Page.enable", {}),
                ("Emulation.setDeviceMetricsOverride", {"width": WIDTH, "height": HEIGHT,
                                                        "deviceScaleFactor": 1,
                                                        "mobile": False})]:
            page.call(method, params)
        if before:
            page.call("Page.addScriptToEvaluateOnNewDocument", {"source": before})
        page.call("Page.navigate", {"url": Path(path).resolve().as_uri()})
        return page


class Page:
    """One tab: evaluate JavaScript, wait for a condition, click, take screenshots."""

    def __init__(self, browser: Chromium, session: str, target: str) -> None:
        self.browser, self.session, self.target = browser, session, target

    def close(self) -> None:
        self.browser.send("Target.closeTarget", {"targetId": self.target})

    def call(self, method: str, params: dict | None = None) -> dict:
        return self.browser.send(method, params, self.session)

    def events(self, method: str) -> list[dict]:
        """The params of every event `method` this tab has sent so far."""
        self.browser.drain()
        return [params for session, name, params in self.browser.events
                if session == self.session and name == method]

    @property
    def requests(self) -> list[str]:
        """Every URL the tab has requested."""
        return [event["request"]["url"] for event in self.events("Network.requestWillBeSent")]

    @property
    def errors(self) -> list[str]:
        """Uncaught JavaScript exceptions, console errors and browser errors (a blocked
        script, a failed load), as text."""
        thrown = [e["exceptionDetails"].get("exception", {}).get("description")
                  or e["exceptionDetails"]["text"] for e in self.events("Runtime.exceptionThrown")]
        logged = [" ".join(str(arg.get("value", arg.get("description", ""))) for arg in e["args"])
                  for e in self.events("Runtime.consoleAPICalled") if e["type"] == "error"]
        browser = [e["entry"]["text"] for e in self.events("Log.entryAdded")
                   if e["entry"]["level"] == "error"]
        return thrown + logged + browser

    def evaluate(self, expression: str):
        """The value of a JavaScript expression (awaited if it is a promise)."""
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            raise BrowserError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 30) -> float:
        """Wait until `expression` is truthy; return the seconds it took."""
        start = time.monotonic()
        while not self.evaluate(expression):
            if time.monotonic() - start > timeout:
                raise BrowserError(f"not true after {timeout} s: {expression}; "
                                   f"errors: {self.errors}")
            time.sleep(0.05)
        return time.monotonic() - start

    def mouse(self, kind: str, x: float, y: float) -> None:
        """A mouse event at page coordinates: kind is mouseMoved, mousePressed, mouseReleased."""
        moved = kind == "mouseMoved"
        self.call("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y,
                                               "button": "none" if moved else "left",
                                               "clickCount": 0 if moved else 1})

    def click(self, x: float, y: float) -> None:
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.mouse(kind, x, y)

    def screenshot(self) -> bytes:
        """What the tab shows, as PNG."""
        return base64.b64decode(self.call("Page.captureScreenshot", {"format": "png"})["data"])
