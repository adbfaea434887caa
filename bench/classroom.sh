#!/usr/bin/env bash
# The classroom commands on a private kit, in one run: the first kit up (seed, then the snapshot for
# kit reset --fast); kit lab start N for every lab, each from the previous lab's end state as the
# course leaves it (search and catalog routes moved, a ramp held, the catalog retired); kit reset --fast
# (kit up included) after a student's changes, with both verifies; against kit reset --yes && kit up
# without a snapshot (the old way back).
#   bench/classroom.sh [products]        (default 100000)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
products="${1:-100000}"
# shellcheck source=bench/private-kit.sh
source "$root/bench/private-kit.sh"
out="$root/.kit/bench-classroom-$(date +%Y%m%d-%H%M%S).txt"
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

# What each lab leaves behind, so that the next lab's start has something to undo (labs/*/README.md).
leave() { # lab
  case "$1" in
    4) ./kit route set search 0 --sticky --shadow 100 ;;
    5) ./kit route set search 10 --sticky ;;
    7) ./kit route set search 100 --sticky ;;
    8) ./kit ramp search --steps 25,100 --hold 60s --min-requests 50 ;;
    9) ./kit route set catalog-read 100 --sticky --shadow 100 ;;
    10) ./kit route set catalog-write 50 --sticky ;;
    12) ./kit route set catalog-write 100 --sticky
        curl -s -X PUT -H "Authorization: Bearer $(cat "$KIT_HOME/admin-token")" -H 'Content-Type: application/json' \
          -d '{"enabled":false}' "http://127.0.0.1:$KIT_CATALOG_PORT/admin/forward-sync" ;;
  esac >/dev/null
}

{
  echo "# $(date -u) on $(nproc) cores, $(java -version 2>&1 | head -1), $products products"
  ./kit reset --yes >/dev/null
  start=$(date +%s%N)
  ./kit up --products "$products" | grep -E 'seed:|Classroom snapshot|is up' | sed 's/^/  /'
  echo "first kit up, seed and snapshot included: $(ms "$start") ms"
  du -sh "$KIT_HOME/snapshot" | sed 's/^/  snapshot on disk: /'

  echo "## kit lab start N, each after the previous lab's end state"
  for lab in 1 2 3 4 5 6 7 8 9 10 11 12 1; do
    start=$(date +%s%N)
    changes=$(./kit lab start "$lab" | grep -c 'changed:' || true)
    echo "  lab $lab: $(ms "$start") ms, $changes change(s)"
    leave "$lab"
  done

  echo "## kit reset --fast after a student's changes"
  ./kit route set search 60 >/dev/null
  "$KIT_HOME/mariadb/base/bin/mariadb" --skip-ssl -h127.0.0.1 -P"$KIT_MARIADB_PORT" -ushop -pshop shop \
    -e "UPDATE product SET name = 'Changed in class' WHERE id BETWEEN 1 AND 500"
  sleep 5
  start=$(date +%s%N)
  ./kit reset --fast --yes | grep -E 'Restored|is up|Reset to' | sed 's/^/  /'
  echo "kit reset --fast, kit up included: $(ms "$start") ms"
  ./kit verify search | tail -1 | sed 's/^/  /'
  ./kit verify catalog | tail -1 | sed 's/^/  /'

  echo "## kit reset --yes && kit up, without a snapshot (KIT_SNAPSHOT=off)"
  start=$(date +%s%N)
  ./kit reset --yes >/dev/null
  KIT_SNAPSHOT=off ./kit up --products "$products" | grep -E 'seed:|is up' | sed 's/^/  /'
  echo "kit reset --yes && kit up: $(ms "$start") ms (to healthy; the services then still load the seed)"
  start=$(date +%s%N)
  until ./kit status | grep -q 'Catalog: [0-9,]* products; writes open' && ./kit status | grep -q 'Search model: live'; do sleep 1; done
  echo "  ... and until both services hold the seed: $(ms "$start") ms more"
} | tee "$out"
./kit reset --yes >/dev/null
echo "Results saved to $out"
