#!/usr/bin/env bash
# The migration console's cost and speed, on a private kit (bench/private-kit.sh) with the page open in
# headless Chromium:
#   1. idle: the console's CPU (share of one core) and resident memory over a minute, page open, after
#      a warm-up;
#   2. update latency: N route changes through the proxy's admin API, each timed until the console's
#      event stream (what the page renders, about 1 ms later) carries it; and a part killed (kill -9 of
#      the search service) until the stream shows it unreachable.
# Needs chromium (apt-get install chromium).
#   bench/console.sh [changes] [warm-up seconds]      (defaults 20, 60)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
n="${1:-20}"
warmup="${2:-60}"
command -v chromium >/dev/null || { echo "error: chromium is missing; install it: apt-get install chromium" >&2; exit 1; }
. bench/private-kit.sh
./kit up --products 2000 >/dev/null
pid_of() { sed -n 's/^pid=//p' "$KIT_HOME/run/$1.pid"; }
console="http://127.0.0.1:$KIT_CONSOLE_PORT"
chromium --headless=new --no-sandbox --disable-gpu --window-size=1280,720 --user-data-dir="$KIT_HOME/chromium" "$console/" \
  >/dev/null 2>&1 &
browser=$!
trap 'kill $browser 2>/dev/null || true; ./kit down >/dev/null 2>&1 || true' EXIT
echo "page open; warming up for ${warmup} s" >&2
sleep "$warmup"

out="$root/.kit/bench-console-$(date +%Y%m%d-%H%M%S).txt"
{
cpid=$(pid_of migration-console)
ticks() { awk '{ print $14 + $15 }' "/proc/$cpid/stat"; }
hz=$(getconf CLK_TCK)
t0=$(ticks); sleep 60; t1=$(ticks)
rss=$(awk '/VmRSS/ { print $2 }' "/proc/$cpid/status")
printf "idle, page open: console CPU %.1f%% of one core, resident %d MiB\n" "$(echo "($t1 - $t0) * 100 / ($hz * 60)" | bc -l)" $(( rss / 1024 ))

python3 - "$console" "http://127.0.0.1:$KIT_PROXY_ADMIN_PORT" "$(cat "$KIT_HOME/admin-token")" "$n" "$(pid_of extracted-search-service)" <<'PY'
import json, os, random, signal, sys, threading, time, urllib.request
console, admin, token, n, search_pid = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
seen = []  # (time, search percent, search part status)
def listen():
    with urllib.request.urlopen(console + "/api/live") as stream:
        for line in stream:
            if line.startswith(b"data:"):
                state = json.loads(line[5:])
                percent = next(r["route"]["servicePercent"] for r in state["routes"] if r["route"]["id"] == "search")
                status = next(p["status"] for p in state["parts"] if p["name"] == "extracted-search-service")
                seen.append((time.monotonic(), percent, status))
threading.Thread(target=listen, daemon=True).start()
time.sleep(3)
def first(after, test, limit=15):
    end = time.monotonic() + limit
    while time.monotonic() < end:
        for t, percent, status in list(seen):
            if t >= after and test(percent, status):
                return t
        time.sleep(0.005)
    raise SystemExit("the console did not show it within %d s" % limit)
delays = []
for i in range(n):
    percent = (i * 7 + 3) % 100
    request = urllib.request.Request(admin + "/admin/routes/search", method="PUT", data=json.dumps({"servicePercent": percent}).encode(),
                                     headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    sent = time.monotonic()
    urllib.request.urlopen(request).read()
    delays.append((first(sent, lambda p, s: p == percent) - sent) * 1000)
    time.sleep(random.uniform(0.2, 1.5))
delays.sort()
print("route change -> in the page's stream: p50 %.0f ms, p90 %.0f ms, max %.0f ms (%d changes; poll interval 1 s)"
      % (delays[len(delays) // 2], delays[int(len(delays) * 0.9)], delays[-1], n))
killed = time.monotonic()
os.kill(search_pid, signal.SIGKILL)
red = first(killed, lambda p, s: s != "UP")
print("search service killed -> shown %s: %.0f ms" % (next(s for t, p, s in seen if t >= red), (red - killed) * 1000))
PY
} | tee "$out"
