"""The price of the projection cache's HMAC tag: ``kg.stores.cache.read`` against unpickling the same file.

Usage: python bench/cache_read.py [--actors 10000] [--repeats 9] [--work /tmp/kg-bench-cache]

Writes (or reuses) a synthetic ecosystem (:func:`side_by_side.synthetic_graph`), projects it once, writes
its projection with :func:`kg.stores.cache.write`, then times side by side, in turns
(:func:`side_by_side.alternate`): ``cache.read`` (the bytes read once, the HMAC-SHA256 checked under the
user's key, then unpickled) against a plain read that skips the header and unpickles the same three
pickles with the cyclic collector off (what the cache did before it was signed). Results go to bench/results/cache_read.json.
"""

import argparse
import gc
import os
import pickle
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from side_by_side import ROOT, alternate, machine, synthetic_graph, write_json  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=10000)
    parser.add_argument("--repeats", type=int, default=9)
    parser.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "kg-bench-cache"))
    args = parser.parse_args(argv)
    os.environ.setdefault("KG_CONFIG_DIR", os.path.join(args.work, "config"))
    from kg.stores import cache

    graph, facts = synthetic_graph(args.actors, args.work)
    path = Path(args.work) / "projection.pickle"
    cache.write(path, "bench", graph.network, {"triples": facts["triples"]})
    del graph

    def plain():  # as cache.read did before the tag: straight from the file, the collector off meanwhile
        gc.disable()
        try:
            with open(path, "rb") as stream:
                stream.readline(), stream.seek(32, 1)
                unpickler = pickle.Unpickler(stream)  # key, meta, graph: one memo
                return unpickler.load(), unpickler.load(), unpickler.load()
        finally:
            gc.enable()

    def signed():
        found = cache.read(path, "bench")
        assert found is not None
        return found

    row, _, _ = alternate(plain, signed, args.repeats, release=lambda result: None)
    result = dict(what="kg.stores.cache.read (HMAC checked) against a plain unpickle of the same file",
                  file_bytes=path.stat().st_size, **facts, **row, machine=machine(),
                  command=f"python bench/cache_read.py --actors {args.actors} --repeats {args.repeats}")
    print(f"{path.stat().st_size / 1e6:.1f} MB: plain {row['baseline_seconds']} s, signed {row['kg_seconds']} s, "
          f"ratio {row['ratio']} (best runs {row['best_ratio']})")
    write_json(ROOT / "bench" / "results" / "cache_read.json", result)


if __name__ == "__main__":
    main()
