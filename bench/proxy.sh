#!/usr/bin/env bash
# The routing proxy's throughput and added latency, side by side in one run with the references
# that say where its cost comes from. All forward to the same static backend (nginx returning a
# 40-byte JSON body):
#   nginx           nginx as a reverse proxy (one worker, keepalive 64): the issue's yardstick
#   netty           bench/proxy/NettyHttpForwarder.java: HTTP decoded and relayed on plain Netty,
#                   no framework: what the JVM itself can do
#   reactor-netty   bench/proxy/BareForwarder.java: forwards and nothing else, the floor of any
#                   gateway on Reactor Netty
#   stock SCG       bench/proxy/StockGateway.java: Spring Cloud Gateway with one route and its
#                   defaults, on the routing proxy's own libraries
#   routing-proxy   the kit's proxy at servicePercent 0 (the full routing path on every request)
# For each: req/s and latency under a closed loop (wrk -t1 -c32, two interleaved rounds), the
# proxy process's CPU time per request (steadier than req/s on a shared 2-core machine), latency at
# a moderate fixed rate (500 req/s over 8 connections, bench/proxy/fixed-rate.lua), resident memory.
# Needs nginx and wrk (Debian: apt-get install nginx-light wrk). Ports 18500, 18501, 18090-18093,
# 18080, 18180.
#   bench/proxy.sh [seconds per measurement] [warm-up seconds per proxy]      (defaults 10, 45)
# The JVMs need the long warm-up: on 2 shared cores their JIT settles only after about a minute of load.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
secs="${1:-10}"
warmup="${2:-45}"
rate=500
for tool in nginx wrk; do
  command -v "$tool" >/dev/null || { echo "error: $tool is missing; install it: apt-get install nginx-light wrk" >&2; exit 1; }
done
[ -f routing-proxy/target/routing-proxy.jar ] || ./mvnw -B -q -DskipTests -pl routing-proxy -am package

work="$root/.kit/bench-proxy"
rm -rf "$work" && mkdir -p "$work/backend" "$work/nginx" "$work/lib" "$work/classes"
cp bench/proxy/backend.conf "$work/backend/nginx.conf"
cp bench/proxy/nginx-proxy.conf "$work/nginx/nginx.conf"
pids=()
cleanup() {
  for dir in backend nginx; do
    [ -f "$work/$dir/nginx.pid" ] && kill "$(cat "$work/$dir/nginx.pid")" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

echo "compiling the references against the routing proxy's libraries..."
(cd "$work/lib" && jar xf "$root/routing-proxy/target/routing-proxy.jar" BOOT-INF/lib)
libs="$work/lib/BOOT-INF/lib/*"
javac -d "$work/classes" -cp "$libs" bench/proxy/StockGateway.java bench/proxy/BareForwarder.java \
  bench/proxy/NettyHttpForwarder.java

nginx -p "$work/backend" -c nginx.conf
nginx -p "$work/nginx" -c nginx.conf
jvm=(java -Xms64m -Xmx256m -XX:+UseSerialGC)
backend=http://127.0.0.1:18500
"${jvm[@]}" -cp "$work/classes:$libs" bench.NettyHttpForwarder 18093 127.0.0.1 18500 > "$work/netty.log" 2>&1 &
pids+=($!); netty_pid=$!
"${jvm[@]}" -cp "$work/classes:$libs" bench.BareForwarder 18090 "$backend" > "$work/bare.log" 2>&1 &
pids+=($!); bare_pid=$!
"${jvm[@]}" -cp "$work/classes:$libs" bench.StockGateway --server.port=18091 \
  --spring.cloud.gateway.server.webflux.routes[0].id=all --spring.cloud.gateway.server.webflux.routes[0].uri="$backend" \
  '--spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/**' > "$work/stock.log" 2>&1 &
pids+=($!); stock_pid=$!
SERVER_PORT=18080 PROXY_ADMIN_PORT=18180 PROXY_MANAGEMENT_PORT=18280 MONOLITH_URL="$backend" PROXY_DATA_DIR="$work/proxy" \
  "${jvm[@]}" -jar routing-proxy/target/routing-proxy.jar > "$work/proxy.log" 2>&1 &
pids+=($!); proxy_pid=$!

worker_of() { pgrep -P "$(cat "$work/$1/nginx.pid")" | head -1; }
declare -A name=([18500]="direct (static backend)" [18501]="nginx" [18093]="netty (no framework)" [18090]="reactor-netty (bare)"
                 [18091]="stock SCG" [18080]="routing-proxy")
declare -A pid_of=([18500]="$(worker_of backend)" [18501]="$(worker_of nginx)" [18093]=$netty_pid [18090]=$bare_pid
                   [18091]=$stock_pid [18080]=$proxy_pid)
proxies=(18501 18093 18090 18091 18080)
url() { echo "http://127.0.0.1:$1/api/categories/3"; }
for p in 18093 18090 18091 18080; do
  printf "waiting for %s..." "${name[$p]}"
  for _ in $(seq 1 240); do curl -sf -o /dev/null "$(url $p)" && break; sleep 0.5; done
  curl -sf -o /dev/null "$(url $p)" || { echo " did not start; see $work/*.log" >&2; exit 1; }
  echo " up"
done

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) print v / 1000; else if (v ~ /ms$/) print v + 0; else print v * 1000 }'; }
# measure PORT WRK-OPTIONS...: "req/s p50 p99 cpu-us-per-request"
measure() {
  local before after out port=$1
  shift
  before=$(cpu_ticks "${pid_of[$port]}")
  out=$(wrk -t1 -d"${secs}s" --latency "$@" "$(url "$port")")
  after=$(cpu_ticks "${pid_of[$port]}")
  awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" '
    /requests in/ { n = $1 } /Requests\/sec/ { rps = $2 } $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 }
    END { printf "%s %s %s %.0f\n", rps, p50, p99, n ? ticks * 1e6 / hz / n : 0 }' <<<"$out"
}

for p in "${proxies[@]}"; do
  echo "warming up ${name[$p]} for $warmup s..."
  wrk -t1 -c32 -d"${warmup}s" "$(url "$p")" >/dev/null
done

out="$root/.kit/bench-proxy-$(date +%Y%m%d-%H%M%S).txt"
declare -A sum
{
  echo "# $(date -u) on $(nproc) cores, $secs s per measurement; wrk, the backend and the proxy share the cores"
  echo "## throughput, wrk -t1 -c32, two interleaved rounds (CPU = the proxy process's own time per request)"
  printf "%-24s %5s %10s %9s %9s %8s %10s\n" target round req/s p50 p99 CPU/req "x nginx"
  for round in 1 2; do
    nginx_rps=
    for p in 18500 "${proxies[@]}"; do
      read -r rps p50 p99 cpu <<<"$(measure "$p" -c32)"
      [ "$p" = 18501 ] && nginx_rps=$rps
      ratio=$([ -n "$nginx_rps" ] && awk -v a="$rps" -v b="$nginx_rps" 'BEGIN { printf "%.2fx", a / b }' || echo "")
      sum[$p]=$(awk -v a="${sum[$p]:-0}" -v b="$rps" 'BEGIN { print a + b }')
      printf "%-24s %5s %10s %9s %9s %6s us %10s\n" "${name[$p]}" "$round" "$rps" "$p50" "$p99" "$cpu" "$ratio"
    done
  done
  echo "## mean req/s over both rounds"
  max=${sum[18500]}
  for p in 18500 "${proxies[@]}"; do
    awk -v name="${name[$p]}" -v s="${sum[$p]}" -v max="$max" -v ngx="${sum[18501]}" 'BEGIN {
      bar = ""; for (i = 0; i < 50 * s / max; i++) bar = bar "#"
      printf "%-24s %8.0f %-50s %.2fx nginx\n", name, s / 2, bar, s / ngx }'
  done
  echo "## latency at a fixed rate of $rate req/s (wrk -t1 -c8, paced by bench/proxy/fixed-rate.lua)"
  printf "%-24s %10s %9s %9s %14s\n" target req/s p50 p99 "added p50"
  direct_p50=
  for p in 18500 "${proxies[@]}"; do
    read -r rps p50 p99 cpu <<<"$(RATE=$rate CONNECTIONS=8 measure "$p" -c8 -s bench/proxy/fixed-rate.lua)"
    ms=$(to_ms "$p50")
    [ -z "$direct_p50" ] && direct_p50=$ms
    added=$([ "$p" = 18500 ] && echo "" || awk -v a="$ms" -v d="$direct_p50" 'BEGIN { printf "%.3f ms", a - d }')
    printf "%-24s %10s %9s %9s %14s\n" "${name[$p]}" "$rps" "$p50" "$p99" "$added"
  done
  echo "## resident memory after the run"
  for p in "${proxies[@]}"; do
    printf "%-24s %6d MiB\n" "${name[$p]}" $(( $(awk '/VmRSS/ {print $2}' "/proc/${pid_of[$p]}/status") / 1024 ))
  done
} | tee "$out"
echo "Results saved to $out"
