#!/usr/bin/env bash
# Reads per core of the monolith and the catalog service, for docs/scaling.md: on a private kit
# (bench/private-kit.sh, tracing off) with P products, each target warmed for W seconds, then two
# interleaved rounds of 20 s of closed-loop load (wrk -t1 -c16). Per request: the target JVM's CPU
# and mariadbd's. Targets: GET /api/products/{id} (random product) and a product page
# (GET /api/products?page=N&size=20), on the monolith and on the catalog service.
#   bench/capacity.sh [products] [warm-up seconds]      (defaults 100000, 45)
set -euo pipefail
command -v wrk >/dev/null && command -v jq >/dev/null || { echo "error: needs wrk and jq: apt-get install wrk jq" >&2; exit 1; }
products="${1:-100000}" warmup="${2:-45}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. bench/private-kit.sh
# A fresh private home: an earlier bench's millions of changes would still be replaying through the syncs.
./kit reset --yes >/dev/null
./kit up --products "$products" >/dev/null
pid_of() { sed -n 's/^pid=//p' "$KIT_HOME/run/$1.pid"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
mariadbd=$(pgrep -f "mariadbd.*--port=$KIT_MARIADB_PORT" | head -1)
[ -n "$mariadbd" ] || { echo "error: no mariadbd on port $KIT_MARIADB_PORT" >&2; exit 1; }
export PRODUCTS="$products"
page_script="$KIT_HOME/random-page.lua"
# A random page of the whole listing: deep pages are what an export or a crawler asks for.
cat > "$page_script" <<LUA
request = function() return wrk.format("GET", "/api/products?size=20&page=" .. math.random(0, $((products / 20 - 1)))) end
LUA
targets=("monolith, product by id|$KIT_MONOLITH_PORT|legacy-monolith|bench/random-product.lua"
         "monolith, a page of 20|$KIT_MONOLITH_PORT|legacy-monolith|$page_script"
         "catalog service, product by id|$KIT_CATALOG_PORT|extracted-catalog-service|bench/random-product.lua"
         "catalog service, a page of 20|$KIT_CATALOG_PORT|extracted-catalog-service|$page_script")
# Measure a quiet kit: the search feed and both catalog syncs caught up with the snapshot.
caught_up() {
  curl -sf "http://127.0.0.1:$KIT_SEARCH_PORT/status" | jq -e '.lag.records == 0' >/dev/null &&
  curl -sf "http://127.0.0.1:$KIT_CATALOG_PORT/status" | jq -e '.forwardSync.lagRecords == 0 and .reverseSync.lagRecords == 0' >/dev/null
}
for _ in $(seq 1 600); do caught_up && break; sleep 1; done
caught_up || { echo "error: the services did not catch up within 10 minutes" >&2; exit 1; }

# measure TARGET SECONDS: "req/s p50-ms p99-ms app-cpu-us db-cpu-us"
measure() {
  IFS='|' read -r _ port part script <<<"$1"
  local pid a0 d0 report
  pid=$(pid_of "$part")
  a0=$(cpu_ticks "$pid"); d0=$(cpu_ticks "$mariadbd")
  report=$(wrk -t1 -c16 -d"$2"s --latency -s "$script" "http://127.0.0.1:$port" 2>&1)
  awk -v a=$(( $(cpu_ticks "$pid") - a0 )) -v d=$(( $(cpu_ticks "$mariadbd") - d0 )) -v hz="$(getconf CLK_TCK)" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; return v * 1000 }
    /requests in/ { n = $1 } /Requests\/sec/ { rps = $2 } $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
    /Non-2xx/ { bad = $NF }
    END { if (bad > 0) { print "non-2xx answers: " bad > "/dev/stderr"; exit 1 }
          printf "%.0f %.1f %.1f %.0f %.0f\n", rps, p50, p99, a / hz * 1e6 / n, d / hz * 1e6 / n }' <<<"$report"
}

out="$root/.kit/bench-capacity-$(date +%Y%m%d-%H%M%S).txt"
{
echo "capacity, $(date -u +%FT%TZ), $products products, $(nproc) cores, tracing $KIT_TRACING"
for target in "${targets[@]}"; do
  echo "warming ${target%%|*} for ${warmup} s" >&2
  measure "$target" "$warmup" >/dev/null
done
printf "%-32s %5s %8s %8s %8s %12s %12s\n" target round req/s p50-ms p99-ms app-cpu/req db-cpu/req
for round in 1 2; do
  for target in "${targets[@]}"; do
    read -r rps p50 p99 app db <<<"$(measure "$target" 20)"
    printf "%-32s %5s %8s %8s %8s %9s us %9s us\n" "${target%%|*}" "$round" "$rps" "$p50" "$p99" "$app" "$db"
  done
done
echo "resident: monolith $(( $(awk '/VmRSS/ {print $2}' "/proc/$(pid_of legacy-monolith)/status") / 1024 )) MiB," \
     "catalog $(( $(awk '/VmRSS/ {print $2}' "/proc/$(pid_of extracted-catalog-service)/status") / 1024 )) MiB"
} | tee "$out"
echo "saved to $out" >&2
