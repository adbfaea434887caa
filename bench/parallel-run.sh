#!/usr/bin/env bash
# The parallel run's cost: two routing-proxy processes with the JVM settings kit up gives the proxy,
# in front of the same two nginx backends (bench/parallel-run/backends.conf: a monolith and a search
# service answering the same 1.3 KB search), one shadowing 0% of searches and one 100%.
#   1. added client latency at a fixed 500 req/s (wrk -t1 -c8, bench/proxy/fixed-rate.lua), the two
#      proxies interleaved over three rounds, and each proxy's CPU time per client request;
#   2. diff throughput: both proxies under a closed loop (wrk -t1 -c32): client req/s and CPU per
#      request, and for the shadowing one the reads compared per second (from /admin/diffs) and how
#      many the per-route bound dropped;
#   3. memory of the diff window: every comparison made to end "different" (?diff=1), so the last 50
#      samples and the re-checks are full; heap in use after a full GC and resident memory, both proxies.
# Needs nginx and wrk (Debian: apt-get install nginx-light wrk). Ports 18510-18511, 18520-18521,
# 18620-18621, 18720-18721.
#   bench/parallel-run.sh [seconds per measurement] [warm-up seconds per proxy]      (defaults 10, 45)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
secs="${1:-10}"
warmup="${2:-45}"
for tool in nginx wrk; do
  command -v "$tool" >/dev/null || { echo "error: $tool is missing; install it: apt-get install nginx-light wrk" >&2; exit 1; }
done
[ -f routing-proxy/target/routing-proxy.jar ] || ./mvnw -B -q -DskipTests -pl routing-proxy -am package

work="$root/.kit/bench-parallel-run"
. bench/nginx-backends.sh

token=bench-parallel-run
# What kit up starts the proxy with (launcher/Topology.PROXY_JVM): keep the two the same.
proxy_jvm=(java -Xms128m -Xmx256m -Xmn80m -XX:+UseSerialGC)
declare -A pid_of admin_of name_of
for i in 0 1; do
  port=$((18520 + i))
  SERVER_PORT=$port PROXY_ADMIN_PORT=$((18620 + i)) PROXY_MANAGEMENT_PORT=$((18720 + i)) KIT_ADMIN_TOKEN=$token \
    MONOLITH_URL=http://127.0.0.1:18510 SEARCH_SERVICE_URL=http://127.0.0.1:18511 CDC_BRIDGE_URL=http://127.0.0.1:18510 \
    PROXY_DATA_DIR="$work/proxy-$i" "${proxy_jvm[@]}" -jar routing-proxy/target/routing-proxy.jar > "$work/proxy-$i.log" 2>&1 &
  pids+=($!); pid_of[$port]=$!; admin_of[$port]=$((18620 + i))
done
name_of[18520]="shadow 0%"; name_of[18521]="shadow 100%"
admin() { curl -sf -H "Authorization: Bearer $token" "${@:2}" "http://127.0.0.1:${admin_of[$1]}$3"; }
url="/api/products/search?q=lamp"
for port in 18520 18521; do
  printf "waiting for the proxy on %s..." "$port"
  for _ in $(seq 1 240); do curl -sf -o /dev/null "http://127.0.0.1:$port$url" && break; sleep 0.5; done
  curl -sf -o /dev/null "http://127.0.0.1:$port$url" || { echo " did not start; see $work/proxy-*.log" >&2; exit 1; }
  echo " up"
done
curl -sf -o /dev/null -H "Authorization: Bearer $token" -X PUT -d '{"servicePercent":0,"shadowPercent":100}' \
  "http://127.0.0.1:18621/admin/routes/search"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) print v / 1000; else if (v ~ /ms$/) print v + 0; else print v * 1000 }'; }
# measure PORT PATH WRK-OPTIONS...: "req/s p50 p99 cpu-us-per-request requests"
measure() {
  local before after out port=$1 path=$2
  shift 2
  before=$(cpu_ticks "${pid_of[$port]}")
  out=$(wrk -t1 -d"${secs}s" --latency "$@" "http://127.0.0.1:$port$path")
  after=$(cpu_ticks "${pid_of[$port]}")
  awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" '
    /requests in/ { n = $1 } /Requests\/sec/ { rps = $2 } $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 }
    END { printf "%s %s %s %.0f %s\n", rps, p50, p99, n ? ticks * 1e6 / hz / n : 0, n }' <<<"$out"
}
compared() { curl -sf -H "Authorization: Bearer $token" http://127.0.0.1:18621/admin/diffs/search \
  | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["compared"], d["dropped"], d["pending"], d["identical"], d["different"], d["shadowErrors"])'; }
heap_after_gc() { jcmd "$1" GC.run >/dev/null; jstat -gc "$1" | awk 'NR == 2 { printf "%.1f", ($3 + $4 + $6 + $8) / 1024 }'; }
rss() { echo $(( $(awk '/VmRSS/ {print $2}' "/proc/$1/status") / 1024 )); }

for port in 18520 18521; do
  echo "warming up ${name_of[$port]} for $warmup s..."
  wrk -t1 -c32 -d"${warmup}s" "http://127.0.0.1:$port$url" >/dev/null
done
sleep 3

out="$root/.kit/bench-parallel-run-$(date +%Y%m%d-%H%M%S).txt"
{
  echo "# $(date -u) on $(nproc) cores, $secs s per measurement; wrk, nginx and both proxies share the cores"
  echo "## client latency at a fixed 500 req/s (wrk -t1 -c8), three interleaved rounds; CPU = the proxy's own time per client request"
  printf "%-12s %5s %8s %9s %9s %10s %14s\n" proxy round req/s p50 p99 CPU/req "p50 vs 0%"
  for round in 1 2 3; do
    base=
    for port in 18520 18521; do
      read -r rps p50 p99 cpu n <<<"$(RATE=500 CONNECTIONS=8 measure "$port" "$url" -c8 -s bench/proxy/fixed-rate.lua)"
      ms=$(to_ms "$p50")
      [ -z "$base" ] && base=$ms
      printf "%-12s %5s %8s %9s %9s %7s us %14s\n" "${name_of[$port]}" "$round" "$rps" "$p50" "$p99" "$cpu" \
        "$([ "$port" = 18520 ] && echo "" || awk -v a="$ms" -v b="$base" 'BEGIN { printf "%+.3f ms", a - b }')"
    done
  done
  sleep 2
  echo "## diff throughput: closed loop (wrk -t1 -c32)"
  read -r rps p50 p99 cpu n <<<"$(measure 18520 "$url" -c32)"
  echo "shadow 0%:   client $rps req/s (p50 $p50, $cpu us CPU per request)"
  sleep 2
  read -r c0 d0 _ _ _ _ <<<"$(compared)"
  read -r rps p50 p99 cpu n <<<"$(measure 18521 "$url" -c32)"
  sleep 2
  read -r c1 d1 p1 i1 f1 e1 <<<"$(compared)"
  awk -v rps="$rps" -v p50="$p50" -v cpu="$cpu" -v n="$n" -v c=$((c1 - c0)) -v d=$((d1 - d0)) -v s="$secs" '
    BEGIN { printf "shadow 100%%: client %s req/s (p50 %s, %s us CPU per request); %d reads compared in %s s = %.0f/s; %d dropped (%.1f%% of %d)\n",
            rps, p50, cpu, c, s, c / s, d, n ? 100 * d / n : 0, n }'
  echo "(totals since the start: identical $i1, different $f1, shadow errors $e1, pending $p1)"
  echo "## memory of the diff window: every comparison ends 'different' (?diff=1) for $secs s at 500 req/s"
  RATE=500 CONNECTIONS=8 measure 18521 "$url&diff=1" -c8 -s bench/proxy/fixed-rate.lua >/dev/null
  RATE=500 CONNECTIONS=8 measure 18520 "$url&diff=1" -c8 -s bench/proxy/fixed-rate.lua >/dev/null
  sleep 20 # the re-checks (1 s after each difference) finish
  read -r c2 d2 p2 i2 f2 e2 <<<"$(compared)"
  samples=$(curl -sf -H "Authorization: Bearer $token" http://127.0.0.1:18621/admin/diffs/search | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["samples"]))')
  echo "different $((f2 - f1)), dropped $((d2 - d1)), pending $p2; samples kept: $samples"
  printf "%-12s %18s %10s\n" proxy "heap after full GC" resident
  for port in 18520 18521; do
    printf "%-12s %15s MiB %6s MiB\n" "${name_of[$port]}" "$(heap_after_gc "${pid_of[$port]}")" "$(rss "${pid_of[$port]}")"
  done
} | tee "$out"
echo "Results saved to $out"
