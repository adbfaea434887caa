#!/usr/bin/env bash
# Each part of a running kit killed with kill -9 under a steady load of reads and writes through the
# proxy, then brought back with kit up: requests failed and hung while it was down, time to healthy,
# acknowledged writes lost. It is the system test FaultInjectionIT (which asserts nothing hangs, the
# kit is healthy within a minute and nothing acknowledged is lost); this prints its table.
#   bench/faults.sh [runs]        (default 1)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
runs="${1:-1}"
out="$root/.kit/bench-faults-$(date +%Y%m%d-%H%M%S).txt"
mkdir -p "$root/.kit"
./mvnw -B -q -DskipTests package
{
  echo "# $(date -u) on $(nproc) cores, $(java -version 2>&1 | head -1)"
  for run in $(seq 1 "$runs"); do
    echo "## run $run"
    ./mvnw -B -q -o verify -pl system-tests -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
      -Dit.test=FaultInjectionIT -Dfailsafe.failIfNoSpecifiedTests=false >/dev/null || echo "(the test failed: see system-tests/target/failsafe-reports)"
    cat system-tests/target/fault-table.md
  done
} | tee "$out"
echo "saved to $out"
