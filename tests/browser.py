"""Headless Chromium for the view tests and the benchmark: Debian's /usr/bin/chromium driven by playwright.

``open_browser()`` yields a :class:`BrowserSession`; ``session.open(path)`` loads a local HTML file in a
fresh page and records its console errors, uncaught exceptions, dialogs and every request that is not
``file:``, ``data:``, ``blob:`` or ``about:`` (those would leave the machine).

The view's Content-Security-Policy forbids ``eval``, so pass ``wait_for_function`` a function
(``"() => kgView.ready"``), never a bare expression: playwright evals expressions inside the page.
"""

import contextlib
import shutil
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-default-apps", "--disable-extensions"]
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")
#: what a served page may load besides its own server (a file: URL would read this machine's files)
SERVED_LOCAL_SCHEMES = ("data:", "blob:", "about:")


def chromium_missing_reason():
    """Why the browser tests cannot run here, or None when they can."""
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        return f"Debian's chromium is not installed ({CHROMIUM} missing; .ci/run installs it)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed"
    return None


@dataclass
class PageRecord:
    """What one page did that a test may object to."""

    page: object
    console_errors: list = field(default_factory=list)
    page_errors: list = field(default_factory=list)
    dialogs: list = field(default_factory=list)
    external_requests: list = field(default_factory=list)


class BrowserSession:
    """One launched Chromium; every ``open`` gets its own context and page."""

    def __init__(self, browser):
        self.browser = browser

    def open(self, path, *, width=1400, height=900, wait_ready=True, timeout_ms=30000):
        context = self.browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
        page = context.new_page()
        record = PageRecord(page=page)
        page.on("console", lambda message: message.type == "error" and record.console_errors.append(message.text))
        page.on("pageerror", lambda error: record.page_errors.append(str(error)))

        def dialog(d):
            record.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", dialog)

        def request(req):
            if not req.url.startswith(LOCAL_SCHEMES):
                record.external_requests.append(req.url)

        page.on("request", request)
        # anything non-local is refused as well as recorded, so a test never reaches the network
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(LOCAL_SCHEMES)
                      else route.abort())
        page.goto(Path(path).resolve().as_uri())
        if wait_ready:
            page.wait_for_function("() => window.kgView && window.kgView.ready === true", timeout=timeout_ms)
        return record

    def open_served(self, base, path, *, width=1300, height=900):
        """A page of a server on loopback (``base`` + ``path``) in a fresh context: ``(page, record)``,
        the record a dict of its ``console`` errors, uncaught ``errors``, ``dialogs`` and every request
        not to ``base`` nor local (``outside``: refused as well as recorded)."""
        context = self.browser.new_context(viewport={"width": width, "height": height})
        record = {"console": [], "errors": [], "outside": [], "dialogs": []}

        def local(url):
            return url.startswith(base + "/") or url == base or url.startswith(SERVED_LOCAL_SCHEMES)

        context.route("**/*", lambda route: route.continue_() if local(route.request.url) else route.abort())
        page = context.new_page()
        page.set_default_timeout(120_000)  # a busy 2-core machine: waits are for events, not for speed
        page.on("console", lambda m: m.type == "error" and record["console"].append(m.text))
        page.on("pageerror", lambda e: record["errors"].append(str(e)))
        page.on("request", lambda r: None if local(r.url) else record["outside"].append(r.url))
        page.on("dialog", lambda d: (record["dialogs"].append(d.message), d.dismiss()))
        page.goto(base + path, wait_until="load")
        return page, record


@contextlib.contextmanager
def open_browser():
    """Launch headless Chromium; close it afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield BrowserSession(browser)
        finally:
            browser.close()


def canvas_ink(page, selector="#graph canvas"):
    """How many pixels of the canvas differ from its most common colour (0: nothing drawn)."""
    return page.evaluate("""(selector) => {
        const canvas = document.querySelector(selector);
        const ctx = canvas.getContext('2d');
        const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        const counts = new Map();
        for (let i = 0; i < pixels.length; i += 4) {
            const key = (pixels[i] << 24) ^ (pixels[i+1] << 16) ^ (pixels[i+2] << 8) ^ pixels[i+3];
            counts.set(key, (counts.get(key) || 0) + 1);
        }
        let top = 0;
        for (const c of counts.values()) top = Math.max(top, c);
        return pixels.length / 4 - top;
    }""", selector)
