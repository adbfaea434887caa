#!/usr/bin/env bash
# Foundation benchmarks: kit up time (first start with seeding, then warm restart), resident memory,
# the monolith's search latency at 100k products, and the seed rate at 100k and 1M products.
# Runs in a private KIT_HOME on its own ports, so a kit you are using is not touched.
#   bench/foundation.sh [products]        (default 100000)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
products="${1:-100000}"
# shellcheck source=bench/private-kit.sh
source "$root/bench/private-kit.sh"
out="$root/.kit/bench-results-$(date +%Y%m%d-%H%M%S).txt"

./kit reset --yes >/dev/null
{
  echo "# $(date -u) on $(nproc) cores, $(java -version 2>&1 | head -1)"
  echo "## first start, seeding $products products"
  start=$(date +%s%N); ./kit up --products "$products" | grep -E '^\[|Seeded|is up'; echo "wall: $(( ($(date +%s%N) - start) / 1000000 )) ms"
  sleep 20; ./kit status | grep -E 'up|Total'
  echo "## search latency, monolith, closed loop"
  for c in 1 16; do ./kit bench compare search --duration 30s --warmup 5s --concurrency "$c" | grep -E '^target|\(' | grep -v '\[' ; done
  echo "## warm restart"
  ./kit down >/dev/null
  start=$(date +%s%N); ./kit up --products "$products" | grep -E '^\[1|^\[2|^\[3|is up'; echo "wall: $(( ($(date +%s%N) - start) / 1000000 )) ms"
  echo "## seed rate into a scratch schema"
  db="$KIT_HOME/mariadb/base/bin/mariadb --skip-ssl -h127.0.0.1 -P$KIT_MARIADB_PORT -ukit -pkit"
  for n in 100000 1000000; do
    $db -e "DROP DATABASE IF EXISTS seedbench; CREATE DATABASE seedbench CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
    SPRING_DATASOURCE_URL="jdbc:mysql://127.0.0.1:$KIT_MARIADB_PORT/seedbench?sslMode=DISABLED&allowPublicKeyRetrieval=true&rewriteBatchedStatements=true" \
      SPRING_DATASOURCE_USERNAME=kit SPRING_DATASOURCE_PASSWORD=kit \
      java -Xmx512m -XX:+UseSerialGC -jar legacy-monolith/target/legacy-monolith.jar seed --products=$n | grep Seeded
  done
  $db -e "DROP DATABASE seedbench"
} | tee "$out"
./kit down >/dev/null
rm -rf "$KIT_HOME"
echo "Results saved to $out"
