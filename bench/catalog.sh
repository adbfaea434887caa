#!/usr/bin/env bash
# Catalog extraction benchmarks: product write latency through the proxy, monolith vs catalog service
# (alternating in one run), then convergence after a burst of writes in each direction; run twice.
# Runs in a private KIT_HOME on its own ports, so a kit you are using is not touched.
#   bench/catalog.sh [products] [writes] [burst]       (default 100000, 400, 1000)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
products="${1:-100000}"
writes="${2:-400}"
burst="${3:-1000}"
# shellcheck source=bench/private-kit.sh
source "$root/bench/private-kit.sh"
out="$root/.kit/bench-catalog-$(date +%Y%m%d-%H%M%S).txt"

./kit reset --yes >/dev/null
{
  echo "# $(date -u) on $(nproc) cores, $(java -version 2>&1 | head -1), $products products"
  ./kit up --products "$products" | grep -E '^\[|is up'
  echo "## waiting for the catalog to open writes (initial load complete)"
  for _ in $(seq 1 300); do
    curl -fsS "http://127.0.0.1:$KIT_CATALOG_PORT/status" | grep -q '"writesOpen":true' && break
    sleep 1
  done
  curl -fsS "http://127.0.0.1:$KIT_CATALOG_PORT/status"; echo
  for run in 1 2; do
    echo "## run $run"
    ./kit bench catalog --writes "$writes" --burst "$burst" --concurrency 4 | grep -v ' writes ('
  done
  ./kit verify catalog --wait 30s | tail -1
  ./kit status | grep -E 'up|Total|CDC|Catalog'
} | tee "$out"
./kit down >/dev/null
echo "Results saved to $out"
