#!/usr/bin/env bash
# What tracing costs, with it on and off side by side in one run:
#   1. the routing proxy: two proxy processes with the JVM settings kit up gives the proxy, in front of
#      the same nginx backends (bench/parallel-run/backends.conf), one with tracing on (its spans sent
#      to a real Zipkin) and one with TRACING_ENABLED=false; CPU time per request under a closed loop
#      (wrk -t1 -c32) and latency at a fixed 500 req/s, three interleaved rounds;
#   2. CDC: `kit bench cdc` (commit -> Kafka latency at 500 changes/s, then a burst of 1000-row
#      transactions) on a private kit with tracing on, then with the bridge reading no statements
#      (CDC_INCLUDE_QUERY=false), then on a kit without tracing (KIT_TRACING=off); and the binlog's bytes per row.
# Needs nginx and wrk (Debian: apt-get install nginx-light wrk). Ports 18510-18511, 18530-18531,
# 18630-18631, 18730-18731, 18411, and the private kit's (bench/private-kit.sh).
#   bench/tracing.sh [seconds per measurement] [warm-up seconds]      (defaults 10, 45)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
secs="${1:-10}"
warmup="${2:-45}"
for tool in nginx wrk; do
  command -v "$tool" >/dev/null || { echo "error: $tool is missing; install it: apt-get install nginx-light wrk" >&2; exit 1; }
done
[ -f migration-playbook/target/zipkin/zipkin-server.jar ] || ./mvnw -B -q -DskipTests package

work="$root/.kit/bench-tracing"
rm -rf "$work" && mkdir -p "$work/backends"
cp bench/parallel-run/backends.conf "$work/backends/nginx.conf"
pids=()
cleanup() {
  [ -f "$work/backends/nginx.pid" ] && kill "$(cat "$work/backends/nginx.pid")" 2>/dev/null || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
nginx -p "$work/backends" -c nginx.conf

java -Xms64m -Xmx320m -XX:+UseSerialGC -jar migration-playbook/target/zipkin/zipkin-server.jar --armeria.ports[0].port=18411 \
  --armeria.ports[0].ip=127.0.0.1 --armeria.ports[0].protocols[0]=http > "$work/zipkin.log" 2>&1 &
pids+=($!)
# What kit up starts the proxy with (launcher/Topology.PROXY_JVM): keep the two the same.
proxy_jvm=(java -Xms128m -Xmx256m -Xmn80m -XX:+UseSerialGC)
declare -A pid_of name_of
for i in 0 1; do
  port=$((18530 + i))
  tracing=$([ "$i" = 0 ] && echo true || echo false)
  SERVER_PORT=$port PROXY_ADMIN_PORT=$((18630 + i)) PROXY_MANAGEMENT_PORT=$((18730 + i)) KIT_ADMIN_TOKEN=bench-tracing \
    MONOLITH_URL=http://127.0.0.1:18510 SEARCH_SERVICE_URL=http://127.0.0.1:18511 CDC_BRIDGE_URL=http://127.0.0.1:18510 \
    TRACING_ENABLED=$tracing ZIPKIN_ENDPOINT=http://127.0.0.1:18411/api/v2/spans \
    PROXY_DATA_DIR="$work/proxy-$i" "${proxy_jvm[@]}" -jar routing-proxy/target/routing-proxy.jar > "$work/proxy-$i.log" 2>&1 &
  pids+=($!); pid_of[$port]=$!
done
name_of[18530]="tracing on"; name_of[18531]="tracing off"
url="/api/products/search?q=lamp"
for port in 18530 18531; do
  printf "waiting for the proxy on %s..." "$port"
  for _ in $(seq 1 240); do curl -sf -o /dev/null "http://127.0.0.1:$port$url" && break; sleep 0.5; done
  curl -sf -o /dev/null "http://127.0.0.1:$port$url" || { echo " did not start; see $work/proxy-*.log" >&2; exit 1; }
  echo " up"
done

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# measure PORT WRK-OPTIONS...: "req/s p50 p99 cpu-us-per-request"
measure() {
  local before after out port=$1
  shift
  before=$(cpu_ticks "${pid_of[$port]}")
  out=$(wrk -t1 -d"${secs}s" --latency "$@" "http://127.0.0.1:$port$url")
  after=$(cpu_ticks "${pid_of[$port]}")
  awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" '
    /requests in/ { n = $1 } /Requests\/sec/ { rps = $2 } $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 }
    END { printf "%s %s %s %.0f\n", rps, p50, p99, n ? ticks * 1e6 / hz / n : 0 }' <<<"$out"
}
for port in 18530 18531; do
  echo "warming up the proxy with ${name_of[$port]} for $warmup s..."
  wrk -t1 -c32 -d"${warmup}s" "http://127.0.0.1:$port$url" >/dev/null
done

out="$root/.kit/bench-tracing-$(date +%Y%m%d-%H%M%S).txt"
{
  echo "# $(date -u) on $(nproc) cores, $secs s per measurement; wrk, nginx, Zipkin and both proxies share the cores"
  echo "## the proxy: closed loop (wrk -t1 -c32) and a fixed 500 req/s (wrk -t1 -c8), three interleaved rounds"
  printf "%-12s %5s %9s %9s %11s | %9s %9s %11s\n" proxy round "req/s" p50 "CPU/req" "p50@500" "p99@500" "CPU/req@500"
  for round in 1 2 3; do
    for port in 18530 18531; do
      read -r rps p50 p99 cpu <<<"$(measure "$port" -c32)"
      read -r _ fp50 fp99 fcpu <<<"$(RATE=500 CONNECTIONS=8 measure "$port" -c8 -s bench/proxy/fixed-rate.lua)"
      printf "%-12s %5s %9s %9s %8s us | %9s %9s %8s us\n" "${name_of[$port]}" "$round" "$rps" "$p50" "$cpu" "$fp50" "$fp99" "$fcpu"
    done
  done
  spans=$(curl -sf "http://127.0.0.1:18411/prometheus" | awk '/^zipkin_collector_spans_total\{transport="http"/ { s += $2 } END { printf "%d", s }')
  echo "spans Zipkin received from the traced proxy: $spans"
} | tee "$out"
cleanup
pids=()

# CDC on a private kit: tracing on, then the bridge without statements, then a kit without tracing.
. bench/private-kit.sh
export KIT_ZIPKIN_PORT=18411
db() { .kit/bench-home/mariadb/base/bin/mariadb -h127.0.0.1 -P"$KIT_MARIADB_PORT" -ukit -pkit --skip-ssl -N -e "$1"; }
binlog_bytes() { db "SHOW BINARY LOGS" | awk '{ s += $2 } END { printf "%d", s }'; }
cdc() {
  ./kit bench cdc --duration 20s --rate 500 --phases latency >/dev/null # warm-up
  local before after report
  before=$(binlog_bytes)
  report=$(./kit bench cdc --duration "${secs}s" --rate 500 --burst "${secs}s" --batch 1000)
  after=$(binlog_bytes)
  echo "### $1"
  grep -E "^(phase|latency|burst) " <<<"$report" | sed "s/^/  /"
  echo "  binlog written during the two phases: $(( (after - before) / 1024 / 1024 )) MiB"
}
rm -rf "$KIT_HOME"
KIT_TRACING=on ./kit up --products 2000 >/dev/null
echo "warming the bridge up for $warmup s..." >&2
sleep "$warmup"
{
  echo "## CDC (kit bench cdc: latency at 500 changes/s for $secs s, then a burst of 1000-row transactions for $secs s)"
  cdc "tracing on (include.query=true)"
  CDC_INCLUDE_QUERY=false ./kit restart cdc-bridge >/dev/null
  cdc "tracing on, the bridge reading no statements (CDC_INCLUDE_QUERY=false)"
  ./kit down >/dev/null
  KIT_TRACING=off ./kit up >/dev/null
  sleep "$warmup"
  cdc "tracing off (KIT_TRACING=off)"
  ./kit down >/dev/null
} | tee -a "$out"
echo "Results saved to $out"
