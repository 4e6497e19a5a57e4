"""Headless Chromium for the browser tests of the built site: Debian's chromium driven by
Playwright (no browser download), and a guarded context that fails a test on any request that
leaves the machine, any dialog, and any script of the archive's contributors that ran. Also the
plain http of loopback servers: a folder served, a free port, a page fetched."""

from __future__ import annotations

import contextlib
import functools
import http.server
import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Guard:
    """What a guarded context saw: requests that tried to leave the machine, dialogs opened."""

    page: Any
    local: tuple[str, ...]
    escaped: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def clean(self) -> None:
        assert not self.escaped, f"requests that left the machine: {self.escaped}"
        assert not self.dialogs, f"dialogs opened: {self.dialogs}"


@contextlib.contextmanager
def guarded(browser: Any, *local: str, offline: bool = True, **options: Any) -> Iterator[Guard]:
    """A page in a fresh context where every request whose URL starts with none of `local`
    (default: `file://`) is aborted and recorded, and dialogs are dismissed and recorded.
    `offline` also switches the context's network off."""
    context = browser.new_context(offline=offline, **options)
    page = context.new_page()
    guard = Guard(page, local or ("file://",))

    def route(request_route: Any) -> None:
        url = request_route.request.url
        if url.startswith(guard.local) or url.startswith(("data:", "blob:", "about:")):
            request_route.continue_()
        else:
            guard.escaped.append(url)
            request_route.abort()

    def dialog(opened: Any) -> None:
        guard.dialogs.append(opened.message)
        opened.dismiss()

    context.route("**/*", route)
    page.on("dialog", dialog)
    page.on("pageerror", lambda error: guard.errors.append(str(error)))
    try:
        yield guard
    finally:
        context.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def result_text(page: Any, selector: str) -> str:
    """The text of the first element `selector` finds in the search results, as the page holds
    it. Not `inner_text`: a result is drawn with `content-visibility: auto`, and Chromium gives
    it an empty innerText until the first frame after it was added (measured: `""` right after
    the list is drawn), so a test that reads it at once failed now and then."""
    text: str | None = page.locator(selector).first.text_content()
    assert text is not None, f"no {selector} on the page"
    return text


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """`folder` over http on loopback; yields the base URL (no trailing slash)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def free_port() -> int:
    """A port of 127.0.0.1 that nothing listens on now, for a server started in another process."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def fetch(url: str) -> str | None:
    """The page at `url`, or None while nothing answers there."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            body: bytes = response.read()
            return body.decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None
