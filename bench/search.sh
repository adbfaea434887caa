#!/usr/bin/env bash
# Search extraction benchmarks, in one run at one size: the index build (the feed loading every
# product from CDC into the model and its Lucene index), search latency of the monolith, the search
# service and the proxy at 100% (the same query mix, one target after the other, 1 and 16 clients),
# the service's relevance ranking, freshness (commit in the monolith's database -> found by the
# service) under a background write load, restart-to-ready (index opened) and rebuild-to-ready
# (index directory deleted), resident memory and the index's size on disk.
# Runs in a private KIT_HOME on its own ports, so a kit you are using is not touched.
#   bench/search.sh [products] [seconds]       (default 100000, 30)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
products="${1:-100000}"
seconds="${2:-30}"
# shellcheck source=bench/private-kit.sh
source "$root/bench/private-kit.sh"
out="$root/.kit/bench-results-$(date +%Y%m%d-%H%M%S).txt"
status() { curl -fsS "http://127.0.0.1:$KIT_SEARCH_PORT/status"; }
search_rss() {
  ps -o rss= -p "$(sed -n 's/^pid=//p' "$KIT_HOME/run/extracted-search-service.pid")" | awk '{printf "%d MiB", $1/1024}'
}
# Waits until the service answers health UP (its index complete), polled every 100 ms.
until_ready() {
  for _ in $(seq 1 6000); do
    curl -fsS "http://127.0.0.1:$KIT_SEARCH_PORT/actuator/health" 2>/dev/null | grep -q '"status":"UP"' && return
    sleep 0.1
  done
}

./kit reset --yes >/dev/null
{
  echo "# $(date -u) on $(nproc) cores, $(java -version 2>&1 | head -1), $products products"
  ./kit up --products "$products" | grep -E '^\[|is up'
  echo "## index build: waiting for the search model to hold every product (fed by CDC from the snapshot)"
  start=$SECONDS
  for _ in $(seq 1 3600); do
    held=$(status | jq .products || echo 0)
    [ "$held" -ge "$products" ] && break
    sleep 1
  done
  echo "held $held products $((SECONDS - start)) s after kit up returned"
  status | jq -c '{state, products, index}'
  echo "search service resident: $(search_rss)"
  if [ "$products" -le 100000 ]; then
    # The monolith answers each query in about 0.5 s at 100k; at 1M the mix would take minutes.
    echo "## parity: page 0 and page 3 of every query of the mix, byte for byte, monolith vs service"
    same=0; differ=0
    while read -r q; do
      case "$q" in ''|'#'*) continue ;; esac
      for page in 0 3; do
        path="/api/products/search?q=$(jq -rn --arg q "$q" '$q|@uri')&size=20&page=$page"
        if [ "$(curl -fsS "http://127.0.0.1:$KIT_MONOLITH_PORT$path")" = "$(curl -fsS "http://127.0.0.1:$KIT_SEARCH_PORT$path")" ]; then
          same=$((same + 1))
        else
          differ=$((differ + 1)); echo "differs: $path"
        fi
      done
    done < migration-playbook/src/main/resources/bench/search-queries.txt
    echo "identical: $same, different: $differ"
  fi
  ./kit route set search 100
  # The monolith last: at 1M its searches take seconds, and those a client gave up on keep MariaDB busy
  # for minutes, which would slow whatever target came next. A target with errors makes the command fail.
  echo "## search latency, closed loop: service, proxy (at 100% to the service), monolith"
  for c in 1 16; do
    ./kit bench compare search --targets service,proxy,monolith --duration "${seconds}s" --warmup 5s --concurrency "$c" \
      | grep -vE '^\s+\S.*\[[#.]+\]' || true
  done
  echo "## relevance (sort=relevance): the service alone, the same mix"
  sleep 60 # what the monolith's abandoned searches left in MariaDB
  for c in 1 16; do
    ./kit bench compare search --targets service --sort relevance --duration "${seconds}s" --warmup 5s --concurrency "$c" \
      | grep -vE '^\s+\S.*\[[#.]+\]' || true
  done
  echo "## freshness under 200 inserts/s"
  ./kit bench freshness --duration "${seconds}s" --load 200 | grep -vE '\[[#.]+\]'
  echo "search service resident after the benches: $(search_rss)"
  echo "index on disk: $(du -sh "$KIT_HOME/search-index" | cut -f1)"
  echo "## restart: the index is opened and the feed resumes from its last commit"
  start=$SECONDS
  ./kit restart extracted-search-service >/dev/null
  echo "kit restart (stop, JVM start, index open, healthy): $((SECONDS - start)) s;" \
    "$(status | jq -c '.index | {opened, readyInMs, replayedOnResume}')"
  echo "## rebuild: index directory deleted, built from the search schema (searches answer 503 meanwhile)"
  ./kit stop extracted-search-service >/dev/null
  rm -rf "$KIT_HOME/search-index"
  start=$SECONDS
  ./kit restart extracted-search-service >/dev/null 2>&1 &
  # The first answer once the JVM listens: 503 "index rebuilding, N of M" while the index is built.
  for _ in $(seq 1 600); do
    answer=$(curl -sS "http://127.0.0.1:$KIT_SEARCH_PORT/api/products/search?q=oak&size=1" 2>/dev/null) && break
    sleep 0.1
  done
  echo "first answer: ${answer:0:200}"
  until_ready >/dev/null
  echo "kit restart with no index to ready: $((SECONDS - start)) s; $(status | jq -c '.index | {opened, readyInMs, documents, bytesOnDisk}')"
  wait || true
  sleep 20
  echo "search service resident after the rebuild and 20 s: $(search_rss)"
  ./kit status | grep -E 'up|Total|CDC|Search'
} | tee "$out"
./kit down >/dev/null
echo "Results saved to $out"
