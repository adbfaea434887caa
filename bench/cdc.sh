#!/usr/bin/env bash
# CDC benchmark: commit in the monolith's database -> event in Kafka, on a private kit.
#   phase latency: 500 inserts/s for 30 s, p50/p90/p99 (goal p99 <= 50 ms), run twice (the first
#                  run includes the JIT warm-up of a fresh bridge)
#   phase burst:   60 s of 1,000-row transactions as fast as MariaDB takes them; throughput
#                  (goal >= 10,000 changes/s) and lost rows (goal 0)
#   bench/cdc.sh [products]        (default 100000)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
products="${1:-100000}"
# shellcheck source=bench/private-kit.sh
source "$root/bench/private-kit.sh"
out="$root/.kit/bench-results-cdc-$(date +%Y%m%d-%H%M%S).txt"

{
  echo "# $(date -u) on $(nproc) cores, $(java -version 2>&1 | head -1)"
  ./kit up --products "$products" | grep -E '^\[|is up'
  # The first kit up snapshots every product: wait until the bridge streams.
  for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$KIT_CDC_PORT/status" | grep -q '"state":"streaming"' && break
    sleep 1
  done
  ./kit bench cdc --phases latency --duration 30s | grep -vE '\[[#.]+\]'
  ./kit bench cdc --phases latency,burst --duration 30s --burst 60s | grep -vE '\[[#.]+\]'
  curl -fsS "http://127.0.0.1:$KIT_CDC_PORT/status" | head -c 2000; echo
} 2>&1 | tee "$out"
echo "saved to $out"
