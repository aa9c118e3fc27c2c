"""How the projection's SPARQL queries scale in Oxigraph itself: each query of kg.analysis.network run
with plain pyoxigraph on a store kg loaded, every row read, wall and CPU time printed.

Usage: python bench/projection_queries.py STORE_DIR [QUERIES]

STORE_DIR is an ``oxigraph:DIR`` folder kg loaded (its current data folder is opened read-only);
QUERIES is a comma-separated list of the module's query names (default: those without a VALUES
placeholder: ``_Q_LABELS,_Q_MEMBERSHIPS,_Q_EVIDENCE,_Q_FIGURES``). Run it on the 1M and the 10M store of
bench/scale10m.py to see how the store's own work grows (docs/benchmarks.md, "One size up").
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pyoxigraph  # noqa: E402

from kg.analysis import network  # noqa: E402
from kg.namespaces import sparql_prologue  # noqa: E402
from kg.stores.persistent import data_folder  # noqa: E402


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        raise SystemExit(__doc__)
    store = pyoxigraph.Store.read_only(str(data_folder(argv[0])))
    names = (argv[1] if len(argv) > 1 else "_Q_LABELS,_Q_MEMBERSHIPS,_Q_EVIDENCE,_Q_FIGURES").split(",")
    for name in names:
        text = getattr(network, name)
        if "%s" in text:
            print(f"{name}: skipped (its VALUES list is filled in by the projection)")
            continue
        started, started_cpu = time.perf_counter(), time.process_time()
        rows = sum(1 for _ in store.query(sparql_prologue() + text, use_default_graph_as_union=True))
        print(f"{name}: {rows:,} rows, {time.perf_counter() - started:.2f} s wall, "
              f"{time.process_time() - started_cpu:.2f} s CPU", flush=True)


if __name__ == "__main__":
    main()
