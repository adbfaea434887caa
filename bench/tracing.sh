#!/usr/bin/env bash
# What tracing costs, with it on and off side by side in one run:
#   1. the routing proxy: four proxy processes with the JVM settings kit up gives the proxy, in front of
#      the same nginx backends (bench/parallel-run/backends.conf): tracing off, on (spans sent to a real
#      Zipkin, which keeps the newest 100,000 like the kit's), and variants that show where the cost goes;
#      CPU time per request of the proxy and of Zipkin under a closed loop (wrk -t1 -c32), three
#      interleaved rounds; and latency at a fixed 500 req/s, tracing off and on;
#   2. CDC: `kit bench cdc` (commit -> Kafka latency at 500 changes/s, then a burst of 1000-row
#      transactions) on a private kit with tracing on, then with the bridge reading no statements
#      (CDC_INCLUDE_QUERY=false), then on a kit without tracing (KIT_TRACING=off); and the binlog's bytes per row.
# Needs nginx and wrk (Debian: apt-get install nginx-light wrk). Ports 18510-18511, 18530-18536,
# 18630-18636, 18730-18736, 18411, and the private kit's (bench/private-kit.sh).
#   bench/tracing.sh [seconds per measurement] [warm-up seconds] [proxy,cdc]      (defaults 10, 45, both)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
secs="${1:-10}"
warmup="${2:-45}"
parts="${3:-proxy,cdc}"
for tool in nginx wrk; do
  command -v "$tool" >/dev/null || { echo "error: $tool is missing; install it: apt-get install nginx-light wrk" >&2; exit 1; }
done
[ -f migration-playbook/target/zipkin/zipkin-server.jar ] || ./mvnw -B -q -DskipTests package

out="$root/.kit/bench-tracing-$(date +%Y%m%d-%H%M%S).txt"
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
if [[ "$parts" == *proxy* ]]; then
work="$root/.kit/bench-tracing"
. bench/nginx-backends.sh

MEM_MAX_SPANS=100000 java -Xms64m -Xmx320m -XX:+UseSerialGC -jar migration-playbook/target/zipkin/zipkin-server.jar \
  --armeria.ports[0].port=18411 --armeria.ports[0].ip=127.0.0.1 --armeria.ports[0].protocols[0]=http > "$work/zipkin.log" 2>&1 &
zipkin=$!
pids+=($zipkin)
# What kit up starts the proxy with (launcher/Topology.PROXY_JVM): keep them the same.
proxy_jvm=(java -Xms128m -Xmx256m -Xmn80m -XX:+UseSerialGC)
# The variants, to see where the cost goes: off; on as kit up runs it; on but sampling nothing (the
# observations and context, no span recorded) or one request in ten; on with every span recorded but
# none sent to Zipkin; on with spans sent as JSON (Boot's default; the kit sends PROTO3); on without the
# gateway's span per backend call (which also sends no traceparent: only to see what that span costs).
variants=("tracing off|TRACING_ENABLED=false" "tracing on|TRACING_ENABLED=true"
          "on, sampling 0|TRACING_ENABLED=true TRACING_SAMPLING_PROBABILITY=0.0"
          "on, sampling 10%|TRACING_ENABLED=true TRACING_SAMPLING_PROBABILITY=0.1"
          "on, not exported|TRACING_ENABLED=true MANAGEMENT_TRACING_EXPORT_ENABLED=false"
          "on, JSON encoding|TRACING_ENABLED=true MANAGEMENT_TRACING_EXPORT_ZIPKIN_ENCODING=JSON"
          "on, no client span|TRACING_ENABLED=true SPRING_CLOUD_GATEWAY_SERVER_WEBFLUX_OBSERVABILITY_ENABLED=false")
declare -A pid_of name_of
ports=()
for i in "${!variants[@]}"; do
  port=$((18530 + i))
  ports+=($port)
  name_of[$port]="${variants[$i]%%|*}"
  env SERVER_PORT=$port PROXY_ADMIN_PORT=$((18630 + i)) PROXY_MANAGEMENT_PORT=$((18730 + i)) KIT_ADMIN_TOKEN=bench-tracing \
    MONOLITH_URL=http://127.0.0.1:18510 SEARCH_SERVICE_URL=http://127.0.0.1:18511 CDC_BRIDGE_URL=http://127.0.0.1:18510 \
    ZIPKIN_ENDPOINT=http://127.0.0.1:18411/api/v2/spans ${variants[$i]#*|} \
    PROXY_DATA_DIR="$work/proxy-$i" "${proxy_jvm[@]}" -jar routing-proxy/target/routing-proxy.jar > "$work/proxy-$i.log" 2>&1 &
  pids+=($!); pid_of[$port]=$!
done
url="/api/products/search?q=lamp"
for port in "${ports[@]}"; do
  printf "waiting for the proxy on %s..." "$port"
  for _ in $(seq 1 240); do curl -sf -o /dev/null "http://127.0.0.1:$port$url" && break; sleep 0.5; done
  curl -sf -o /dev/null "http://127.0.0.1:$port$url" || { echo " did not start; see $work/proxy-*.log" >&2; exit 1; }
  echo " up"
done

# measure PORT WRK-OPTIONS...: "req/s p50 p99 proxy-cpu-us-per-request zipkin-cpu-us-per-request"
measure() {
  local before after zbefore zafter out port=$1
  shift
  before=$(cpu_ticks "${pid_of[$port]}")
  zbefore=$(cpu_ticks "$zipkin")
  out=$(wrk -t1 -d"${secs}s" --latency "$@" "http://127.0.0.1:$port$url")
  after=$(cpu_ticks "${pid_of[$port]}")
  zafter=$(cpu_ticks "$zipkin")
  awk -v ticks=$((after - before)) -v zticks=$((zafter - zbefore)) -v hz="$(getconf CLK_TCK)" '
    /requests in/ { n = $1 } /Requests\/sec/ { rps = $2 } $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 }
    END { printf "%s %s %s %.0f %.0f\n", rps, p50, p99, n ? ticks * 1e6 / hz / n : 0, n ? zticks * 1e6 / hz / n : 0 }' <<<"$out"
}
for port in "${ports[@]}"; do
  echo "warming up the proxy with ${name_of[$port]} for $warmup s..."
  wrk -t1 -c32 -d"${warmup}s" "http://127.0.0.1:$port$url" >/dev/null
done

{
  echo "# $(date -u) on $(nproc) cores, $secs s per measurement; wrk, nginx, Zipkin and the proxies share the cores"
  echo "## the proxy, closed loop (wrk -t1 -c32), three interleaved rounds; CPU per request of the proxy and of Zipkin"
  printf "%-20s %5s %9s %9s %9s %12s %12s\n" proxy round "req/s" p50 p99 "proxy CPU" "Zipkin CPU"
  for round in 1 2 3; do
    for port in "${ports[@]}"; do
      read -r rps p50 p99 cpu zcpu <<<"$(measure "$port" -c32)"
      printf "%-20s %5s %9s %9s %9s %9s us %9s us\n" "${name_of[$port]}" "$round" "$rps" "$p50" "$p99" "$cpu" "$zcpu"
    done
  done
  echo "## tracing off and on at a fixed 500 req/s (wrk -t1 -c8), three interleaved rounds"
  printf "%-18s %5s %9s %9s %12s\n" proxy round p50 p99 "proxy CPU"
  for round in 1 2 3; do
    for port in 18530 18531; do
      read -r _ p50 p99 cpu _ <<<"$(RATE=500 CONNECTIONS=8 measure "$port" -c8 -s bench/proxy/fixed-rate.lua)"
      printf "%-18s %5s %9s %9s %9s us\n" "${name_of[$port]}" "$round" "$p50" "$p99" "$cpu"
    done
  done
  spans=$(curl -s "http://127.0.0.1:18411/prometheus" | awk '/^zipkin_collector_spans_total\{transport="http"/ { s += $2 } END { printf "%d", s }')
  dropped=$(curl -s "http://127.0.0.1:18411/prometheus" | awk '/^zipkin_collector_spans_dropped_total\{transport="http"/ { s += $2 } END { printf "%d", s }')
  echo "spans Zipkin received: $spans (dropped: $dropped); resident: Zipkin $(( $(awk '/VmRSS/ {print $2}' "/proc/$zipkin/status") / 1024 )) MiB"
} | tee "$out"
cleanup
pids=()
fi
[[ "$parts" == *cdc* ]] || { echo "Results saved to $out"; exit 0; }

# CDC on a private kit: tracing on, then the bridge without statements, then a kit without tracing.
. bench/private-kit.sh
export KIT_ZIPKIN_PORT=18411 KIT_TRACING=on
binlog_bytes() { cat "$KIT_HOME"/mariadb/data/binlog.[0-9][0-9][0-9][0-9][0-9][0-9] | wc -c; }
pid_of_part() { sed -n 's/^pid=//p' "$KIT_HOME/run/$1.pid"; }
cdc() {
  ./kit bench cdc --duration 20s --rate 500 --phases latency >/dev/null # warm-up
  local before after report rows bridge search b0 s0
  bridge=$(pid_of_part cdc-bridge)
  search=$(pid_of_part extracted-search-service)
  before=$(binlog_bytes)
  b0=$(cpu_ticks "$bridge")
  s0=$(cpu_ticks "$search")
  report=$(./kit bench cdc --duration "${secs}s" --rate 500 --burst "${secs}s" --batch 1000)
  after=$(binlog_bytes)
  echo "### $1"
  grep -E "^(phase|latency|burst) " <<<"$report" | sed "s/^/  /"
  rows=$(awk '$1 == "latency" || $1 == "burst" { gsub(",", "", $3); s += $3 } END { print s }' <<<"$report")
  awk -v b=$(( $(cpu_ticks "$bridge") - b0 )) -v s=$(( $(cpu_ticks "$search") - s0 )) -v n="$rows" -v hz="$(getconf CLK_TCK)" \
    -v bytes=$((after - before)) 'BEGIN { printf "  per row written (%d; its insert and the delete the bench makes): bridge %.0f us CPU, search service %.0f us CPU; binlog %.0f bytes\n",
      n, b * 1e6 / hz / n, s * 1e6 / hz / n, bytes / n }'
}
rm -rf "$KIT_HOME"
./kit up --products 2000 >/dev/null
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
