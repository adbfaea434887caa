#!/usr/bin/env bash
# The routing proxy against nginx, side by side in one run, in front of the same static backend
# (nginx serving a small JSON body, so the proxies are what is measured):
#   1. throughput, closed loop (wrk -t1 -c32): direct, via nginx (keepalive 64), via the routing proxy
#   2. added latency at a light load (wrk -t1 -c1): p50/p99 of each path
# Needs nginx and wrk (Debian: apt-get install nginx-light wrk). Ports 18500, 18501, 18080, 18180.
#   bench/proxy.sh [seconds per measurement]      (default 15)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
secs="${1:-15}"
for tool in nginx wrk; do
  command -v "$tool" >/dev/null || { echo "error: $tool is missing; install it: apt-get install nginx-light wrk" >&2; exit 1; }
done
[ -f routing-proxy/target/routing-proxy.jar ] || ./mvnw -B -q -DskipTests -pl routing-proxy -am package

work="$root/.kit/bench-proxy"
rm -rf "$work" && mkdir -p "$work/nginx"
cp bench/proxy/nginx.conf "$work/nginx/"
cleanup() {
  [ -f "$work/nginx/nginx.pid" ] && kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null || true
  [ -n "${proxy_pid:-}" ] && kill "$proxy_pid" 2>/dev/null || true
}
trap cleanup EXIT
nginx -p "$work/nginx" -c nginx.conf
SERVER_PORT=18080 PROXY_ADMIN_PORT=18180 MONOLITH_URL=http://127.0.0.1:18500 PROXY_DATA_DIR="$work/proxy" \
  java -Xms64m -Xmx256m -XX:+UseSerialGC -jar routing-proxy/target/routing-proxy.jar > "$work/proxy.log" 2>&1 &
proxy_pid=$!
for _ in $(seq 1 120); do curl -sf http://127.0.0.1:18080/actuator/health >/dev/null && break; sleep 0.5; done

declare -A name=([18500]="direct (static backend)" [18501]="nginx reverse proxy" [18080]="routing-proxy (SCG)")
url() { echo "http://127.0.0.1:$1/api/categories/3"; }
echo "warming up (20 s each)..."
for p in 18501 18080; do wrk -t1 -c32 -d20s "$(url $p)" >/dev/null; done

out="$root/.kit/bench-proxy-$(date +%Y%m%d-%H%M%S).txt"
{
  echo "# $(date -u) on $(nproc) cores; $secs s per measurement; load generator on the same cores"
  echo "## throughput, wrk -t1 -c32 (two rounds, interleaved)"
  printf "%-26s %10s %9s %9s\n" target req/s p50 p99
  for round in 1 2; do
    for p in 18500 18501 18080; do
      r=$(wrk -t1 -c32 -d"${secs}s" --latency "$(url $p)")
      printf "%-26s %10s %9s %9s\n" "${name[$p]}" "$(awk '/Requests\/sec/{print $2}' <<<"$r")" \
        "$(awk '$1=="50%"{print $2}' <<<"$r")" "$(awk '$1=="99%"{print $2}' <<<"$r")"
    done
  done
  echo "## latency at a light load, wrk -t1 -c1"
  printf "%-26s %10s %9s %9s\n" target req/s p50 p99
  for p in 18500 18501 18080; do
    r=$(wrk -t1 -c1 -d"${secs}s" --latency "$(url $p)")
    printf "%-26s %10s %9s %9s\n" "${name[$p]}" "$(awk '/Requests\/sec/{print $2}' <<<"$r")" \
      "$(awk '$1=="50%"{print $2}' <<<"$r")" "$(awk '$1=="99%"{print $2}' <<<"$r")"
  done
} | tee "$out"
echo "Results saved to $out"
