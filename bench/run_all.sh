#!/usr/bin/env bash
# Every scale benchmark, as docs/benchmarks.md reports them. Run by hand (not in CI); takes ~30 min on
# 2 cores, plus the exact betweenness (about an hour, once). Results: bench/results/*.json.
#   bench/run_all.sh              # 10k, 100k, 1M
#   SIZES=10k,100k,1M,5M bench/run_all.sh
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m pip install -q igraph scipy psutil    # the benchmark extra (pyproject: [bench])
SIZES="${SIZES:-10k,100k,1M}"
python3 bench/scale.py run --sizes "$SIZES" --rdflib-load-max 1M --rdflib-sparql-max 100k --query-timeout 60
ls /tmp/kg-bench/betweenness-exact-20400.json 2>/dev/null || python3 bench/scale.py betweenness-exact --actors 20400
python3 bench/scale.py betweenness --actors 20400 --k 100,200,500,1000,2000
python3 bench/scale.py report
