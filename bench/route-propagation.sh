#!/usr/bin/env bash
# How long a route change takes to reach the other proxy replica: on a kit started with
# ./kit up --proxies 2, changes search's split N times on the first replica (admin :8180) and polls
# the second (:8181) until it serves the new table version. Prints the time to the first replica's
# answer and to the second replica serving it, p50 / p90 / max.
#   bench/route-propagation.sh [changes]      (default 50)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:-50}"
token="${KIT_ADMIN_TOKEN:-$(cat "${KIT_HOME:-$root/.kit}/admin-token")}"
first="http://127.0.0.1:${KIT_PROXY_ADMIN_PORT:-8180}"
second="http://127.0.0.1:$(( ${KIT_PROXY_ADMIN_PORT:-8180} + 1 ))"
version() { curl -sf -H "Authorization: Bearer $token" "$1/admin/routes" | grep -o '"version":[0-9]*' | head -1 | cut -d: -f2; }
[ -n "$(version "$second" || true)" ] || { echo "error: no second proxy replica answers on $second; start the kit with ./kit up --proxies 2" >&2; exit 1; }
answered=() served=()
for i in $(seq 1 "$n"); do
  start=$(date +%s%N)
  curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"servicePercent\":$(( i % 100 ))}" "$first/admin/routes/search"
  answered+=($(( ($(date +%s%N) - start) / 1000000 )))
  target=$(version "$first")
  until [ "$(version "$second")" -ge "$target" ]; do sleep 0.002; done
  served+=($(( ($(date +%s%N) - start) / 1000000 )))
  printf "\r%d of %d changes" "$i" "$n" >&2
done
echo >&2
stats() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { printf "p50 %d ms, p90 %d ms, max %d ms", v[int(NR * 0.5) + 1], v[int(NR * 0.9) + 1], v[NR] }'; }
echo "change answered by the first replica:   $(stats "${answered[@]}")"
echo "the second replica serves it after:     $(stats "${served[@]}")   ($n changes)"
