#!/usr/bin/env bash
# Search extraction benchmarks: search latency of the monolith and of the search service (directly
# and through the proxy at 100%), measured one after the other in one run with the same query mix,
# at 1 and 16 concurrent clients; then search freshness (commit in the monolith's database -> found
# by the service) under a background write load; then resident memory.
# Runs in a private KIT_HOME on its own ports, so a kit you are using is not touched.
#   bench/search.sh [products] [seconds]       (default 100000, 30)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
products="${1:-100000}"
seconds="${2:-30}"
# shellcheck source=bench/private-kit.sh
source "$root/bench/private-kit.sh"
out="$root/.kit/bench-results-$(date +%Y%m%d-%H%M%S).txt"

./kit reset --yes >/dev/null
{
  echo "# $(date -u) on $(nproc) cores, $(java -version 2>&1 | head -1), $products products"
  ./kit up --products "$products" | grep -E '^\[|is up'
  echo "## waiting for the search model to hold every product"
  for _ in $(seq 1 240); do
    held=$(curl -fsS "http://127.0.0.1:$KIT_SEARCH_PORT/status" | sed -E 's/.*"products":([0-9]+).*/\1/' || echo 0)
    [ "$held" -ge "$products" ] && break
    sleep 1
  done
  curl -fsS "http://127.0.0.1:$KIT_SEARCH_PORT/status"; echo
  ./kit route set search 100
  echo "## search latency, closed loop: monolith, service, proxy (at 100% to the service)"
  for c in 1 16; do
    ./kit bench compare search --duration "${seconds}s" --warmup 5s --concurrency "$c" | grep -vE '^\s+\S.*\[[#.]+\]'
  done
  echo "## freshness under 200 inserts/s"
  ./kit bench freshness --duration "${seconds}s" --load 200 | grep -vE '\[[#.]+\]'
  ./kit status | grep -E 'up|Total|CDC|Search'
} | tee "$out"
./kit down >/dev/null
echo "Results saved to $out"
