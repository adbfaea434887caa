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
#                   defaults, on the routing proxy's own libraries (the split's auto-configuration off)
#   stock SCG, trimmed  the same without the global filters and header work the routing proxy turns off
#   routing-proxy   the kit's proxy at servicePercent 0 (the full routing path on every request), with
#                   the JVM settings kit up gives it (a young generation sized for its allocation rate)
#   routing-proxy (shared JVM settings)  the same proxy with the settings every other JVM here gets
# For each: req/s and latency under a closed loop (wrk -t1 -c32, two interleaved rounds), the
# proxy process's CPU time per request (steadier than req/s on a shared 2-core machine), latency at
# a moderate fixed rate (500 req/s over 8 connections, bench/proxy/fixed-rate.lua), resident memory,
# and for the JVMs the heap allocated per request (jstat: young collections x eden size + eden growth;
# every JVM here runs the serial collector, which collects eden only when it is full).
# Needs nginx and wrk (Debian: apt-get install nginx-light wrk). Ports 18500, 18501, 18090-18093 (18092: trimmed stock),
# 18080-18081, 18180-18181, 18280-18281.
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
# What kit up starts the proxy with (launcher/Topology.PROXY_JVM): keep the two the same.
proxy_jvm=(java -Xms128m -Xmx256m -Xmn80m -XX:+UseSerialGC)
backend=http://127.0.0.1:18500
"${jvm[@]}" -cp "$work/classes:$libs" bench.NettyHttpForwarder 18093 127.0.0.1 18500 > "$work/netty.log" 2>&1 &
pids+=($!); netty_pid=$!
"${jvm[@]}" -cp "$work/classes:$libs" bench.BareForwarder 18090 "$backend" > "$work/bare.log" 2>&1 &
pids+=($!); bare_pid=$!
"${jvm[@]}" -cp "$work/classes:$libs" bench.StockGateway --server.port=18091 \
  --spring.cloud.gateway.server.webflux.routes[0].id=all --spring.cloud.gateway.server.webflux.routes[0].uri="$backend" \
  '--spring.cloud.gateway.server.webflux.routes[0].predicates[0]=Path=/**' \
  --spring.autoconfigure.exclude=io.stranglerkit.split.StranglerSplitAutoConfiguration > "$work/stock.log" 2>&1 &
pids+=($!); stock_pid=$!
# Stock SCG without the per-request work the routing proxy turns off (its application.yml): the floor
# of a gateway on Spring Cloud Gateway here.
g=--spring.cloud.gateway.server.webflux
"${jvm[@]}" -cp "$work/classes:$libs" bench.StockGateway --server.port=18092 \
  $g.routes[0].id=all $g.routes[0].uri="$backend" "$g.routes[0].predicates[0]=Path=/**" \
  $g.global-filter.adapt-cached-body.enabled=false $g.global-filter.remove-cached-body.enabled=false \
  $g.global-filter.forward-routing.enabled=false $g.global-filter.forward-path.enabled=false \
  $g.global-filter.websocket-routing.enabled=false $g.predicate.weight.enabled=false $g.forwarded.enabled=false \
  $g.metrics.enabled=false --spring.autoconfigure.exclude=io.stranglerkit.split.StranglerSplitAutoConfiguration \
  > "$work/stock-trimmed.log" 2>&1 &
pids+=($!); stock_trimmed_pid=$!
SERVER_PORT=18080 PROXY_ADMIN_PORT=18180 PROXY_MANAGEMENT_PORT=18280 MONOLITH_URL="$backend" PROXY_DATA_DIR="$work/proxy" \
  "${proxy_jvm[@]}" -jar routing-proxy/target/routing-proxy.jar > "$work/proxy.log" 2>&1 &
pids+=($!); proxy_pid=$!
SERVER_PORT=18081 PROXY_ADMIN_PORT=18181 PROXY_MANAGEMENT_PORT=18281 MONOLITH_URL="$backend" PROXY_DATA_DIR="$work/proxy-shared-jvm" \
  "${jvm[@]}" -jar routing-proxy/target/routing-proxy.jar > "$work/proxy-shared-jvm.log" 2>&1 &
pids+=($!); proxy_shared_jvm_pid=$!

worker_of() { pgrep -P "$(cat "$work/$1/nginx.pid")" | head -1; }
declare -A name=([18500]="direct (static backend)" [18501]="nginx" [18093]="netty (no framework)" [18090]="reactor-netty (bare)"
                 [18091]="stock SCG" [18092]="stock SCG, trimmed" [18080]="routing-proxy" [18081]="routing-proxy (shared JVM)")
declare -A pid_of=([18500]="$(worker_of backend)" [18501]="$(worker_of nginx)" [18093]=$netty_pid [18090]=$bare_pid
                   [18091]=$stock_pid [18092]=$stock_trimmed_pid [18080]=$proxy_pid [18081]=$proxy_shared_jvm_pid)
proxies=(18501 18093 18090 18091 18092 18080 18081)
url() { echo "http://127.0.0.1:$1/api/categories/3"; }
for p in 18093 18090 18091 18092 18080 18081; do
  printf "waiting for %s..." "${name[$p]}"
  for _ in $(seq 1 240); do curl -sf -o /dev/null "$(url $p)" && break; sleep 0.5; done
  curl -sf -o /dev/null "$(url $p)" || { echo " did not start; see $work/*.log" >&2; exit 1; }
  echo " up"
done

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# "eden-capacity eden-used collections" in KB, or nothing for a process that is not a JVM
gc_snapshot() { jstat -gc "$1" 2>/dev/null | awk 'NR == 2 { print $5, $6, $13 + $15 }' || true; }
to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) print v / 1000; else if (v ~ /ms$/) print v + 0; else print v * 1000 }'; }
# measure PORT WRK-OPTIONS...: "req/s p50 p99 cpu-us-per-request alloc-kb-per-request" (alloc "-" for nginx)
measure() {
  local before after gc_before gc_after out port=$1
  shift
  gc_before=$(gc_snapshot "${pid_of[$port]}")
  before=$(cpu_ticks "${pid_of[$port]}")
  out=$(wrk -t1 -d"${secs}s" --latency "$@" "$(url "$port")")
  after=$(cpu_ticks "${pid_of[$port]}")
  gc_after=$(gc_snapshot "${pid_of[$port]}")
  awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" -v gc0="$gc_before" -v gc1="$gc_after" '
    /requests in/ { n = $1 } /Requests\/sec/ { rps = $2 } $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 }
    END {
      alloc = "-"
      if (gc0 != "" && gc1 != "" && n) { split(gc0, a, " "); split(gc1, b, " "); alloc = sprintf("%.1f", ((b[3] - a[3]) * b[1] + b[2] - a[2]) / n) }
      printf "%s %s %s %.0f %s\n", rps, p50, p99, n ? ticks * 1e6 / hz / n : 0, alloc }' <<<"$out"
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
  printf "%-24s %5s %10s %9s %9s %8s %12s %10s\n" target round req/s p50 p99 CPU/req alloc/req "x nginx"
  for round in 1 2; do
    nginx_rps=
    for p in 18500 "${proxies[@]}"; do
      read -r rps p50 p99 cpu alloc <<<"$(measure "$p" -c32)"
      [ "$p" = 18501 ] && nginx_rps=$rps
      ratio=$([ -n "$nginx_rps" ] && awk -v a="$rps" -v b="$nginx_rps" 'BEGIN { printf "%.2fx", a / b }' || echo "")
      sum[$p]=$(awk -v a="${sum[$p]:-0}" -v b="$rps" 'BEGIN { print a + b }')
      printf "%-24s %5s %10s %9s %9s %6s us %9s KB %10s\n" "${name[$p]}" "$round" "$rps" "$p50" "$p99" "$cpu" "$alloc" "$ratio"
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
    read -r rps p50 p99 cpu alloc <<<"$(RATE=$rate CONNECTIONS=8 measure "$p" -c8 -s bench/proxy/fixed-rate.lua)"
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
