#!/usr/bin/env bash
# kit up start time, without and with class data sharing (CDS), in one run: a fresh home (seeding
# the products) and a warm restart (data kept) each way, with every part's own start time.
# With CDS the first start is a training run (jars extracted, classes recorded when the JVMs stop);
# the timed fresh and warm starts come after it. Private KIT_HOME and ports.
#   bench/startup.sh [products]        (default 100000)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
products="${1:-100000}"
# shellcheck source=bench/private-kit.sh
source "$root/bench/private-kit.sh"
out="$root/.kit/bench-startup-$(date +%Y%m%d-%H%M%S).txt"

timed_up() { # label
  local start; start=$(date +%s%N)
  ./kit up --products "$products" | grep -E '^\[|is up' | sed 's/^/  /'
  echo "  $1: $(( ($(date +%s%N) - start) / 1000000 )) ms wall for ./kit up"
  sleep 10
  ./kit status | grep -E '^Total' | sed 's/^/  /'
  ./kit down >/dev/null
}

{
  echo "# $(date -u) on $(nproc) cores, $(java -version 2>&1 | head -1), $products products"
  rm -rf ./*/target/cds
  echo "## without CDS (KIT_CDS=false)"
  ./kit reset --yes >/dev/null
  KIT_CDS=false timed_up "fresh"
  KIT_CDS=false timed_up "warm"
  echo "## with CDS"
  ./kit reset --yes >/dev/null
  timed_up "training run (extracts the jars, archives written at kit down)"
  ls -s ./*/target/cds/*.jsa | sed 's/^/  archive /'
  ./kit reset --yes >/dev/null
  timed_up "fresh"
  timed_up "warm"
} | tee "$out"
./kit reset --yes >/dev/null
echo "Results saved to $out"
