"""Take the README's screenshots as a user first sees each page: 1400x900, nothing clicked.

Usage: python scripts/screenshots.py [--out docs/screenshots]

- ``view-default.png``: ``kg view`` of the whole article graph, as it opens (out/index.html's view);
- ``view-path.png``: ``kg path 沃罗涅日 省科技厅 --view``, as it opens;
- ``reader.png``: the source reader of ``kg serve`` opened at the span of the Jinchang cluster's 64 chain
  enterprises (``/source/ID#span-START-END``), as a click on that fact opens it.

Needs Debian's chromium, the playwright package and a CJK font (fonts-wqy-microhei), as the browser
tests do. Nothing leaves 127.0.0.1: the pages are local files and a local server.
"""

import argparse
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
SIZE = {"width": 1400, "height": 900}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        kg = [sys.executable, "-m", "kg.cli"]
        subprocess.run([*kg, "view", "-o", str(work / "whole.html")], cwd=ROOT, check=True, capture_output=True)
        subprocess.run([*kg, "path", "沃罗涅日", "省科技厅", "--view", str(work / "path.html")], cwd=ROOT, check=True,
                       capture_output=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for name, page_file in (("view-default.png", work / "whole.html"), ("view-path.png", work / "path.html")):
                page = browser.new_page(viewport=SIZE)
                page.goto(page_file.resolve().as_uri())
                page.wait_for_function("() => window.kgView && window.kgView.ready === true", timeout=60000)
                page.wait_for_timeout(1500)  # the fitted zoom's animation
                page.screenshot(path=str(out / name))
                page.close()
                print(f"wrote {out / name}")
            server, base = _serve(work)
            try:
                span = _chain_enterprises_span()
                page = browser.new_page(viewport=SIZE)
                page.goto(f"{base}{span}")
                page.wait_for_timeout(1500)
                page.screenshot(path=str(out / "reader.png"))
                page.close()
                print(f"wrote {out / 'reader.png'}")
            finally:
                server.terminate()
                server.wait(timeout=30)
            browser.close()
    return 0


def _serve(work):
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--port", str(port)], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/sparql?query=ASK%7B%7D", timeout=10):
                return server, base
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("kg serve did not start")


def _chain_enterprises_span():
    """The reader's address at the span stating the cluster's 64 chain enterprises (as its evidence has it)."""
    from kg.serve.reader import span_href
    from kg.sources import read_source

    ident = "000_53c5d41e29162869"
    start = read_source(ident).index("64家链上企业")
    return span_href(f"https://w3id.org/innovation-kg/id/source/{ident}", start, start + len("64家"))


if __name__ == "__main__":
    sys.exit(main())
