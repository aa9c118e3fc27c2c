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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = {"width": 1400, "height": 900}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT))
    from tests.browser import open_browser  # the browser tests' Chromium: local requests only
    from tests.servers import start_server, stop_server

    with tempfile.TemporaryDirectory() as work, open_browser() as browser:
        work = Path(work)
        kg = [sys.executable, "-m", "kg.cli"]
        subprocess.run([*kg, "view", "-o", str(work / "whole.html")], cwd=ROOT, check=True, capture_output=True)
        subprocess.run([*kg, "path", "沃罗涅日", "省科技厅", "--view", str(work / "path.html")], cwd=ROOT, check=True,
                       capture_output=True)
        for name, page_file in (("view-default.png", work / "whole.html"), ("view-path.png", work / "path.html")):
            page = browser.open(page_file, **SIZE, timeout_ms=60000).page
            page.wait_for_timeout(1500)  # the fitted zoom's animation
            page.screenshot(path=str(out / name))
            page.context.close()
            print(f"wrote {out / name}")
        base, server = start_server(cwd=ROOT)
        try:
            page, _ = browser.open_served(base, _chain_enterprises_span(), **SIZE)
            page.wait_for_timeout(1500)
            page.screenshot(path=str(out / "reader.png"))
            page.context.close()
            print(f"wrote {out / 'reader.png'}")
        finally:
            stop_server(server)
    return 0


def _chain_enterprises_span():
    """The reader's address at the span stating the cluster's 64 chain enterprises (as its evidence has it)."""
    from kg.serve.reader import span_href
    from kg.sources import read_source

    ident = "000_53c5d41e29162869"
    start = read_source(ident).index("64家链上企业")
    return span_href(f"https://w3id.org/innovation-kg/id/source/{ident}", start, start + len("64家"))


if __name__ == "__main__":
    sys.exit(main())
