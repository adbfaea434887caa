#!/usr/bin/env bash
# How long `kit verify search` takes at 100k and at 1M products.
# At 100k the search model is the one the search service builds from CDC. At 1M the service's
# in-memory index would not fit the kit's 384m heap, so the service is stopped and its table is
# filled with SQL from the monolith's rows: verify does the same checksum work either way.
# Runs in a private KIT_HOME on its own ports, so a kit you are using is not touched.
#   bench/verify.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# shellcheck source=bench/private-kit.sh
source "$root/bench/private-kit.sh"
out="$root/.kit/bench-results-$(date +%Y%m%d-%H%M%S).txt"
db="$KIT_HOME/mariadb/base/bin/mariadb --skip-ssl -h127.0.0.1 -P$KIT_MARIADB_PORT -ukit -pkit"

./kit reset --yes >/dev/null
{
  echo "# $(date -u) on $(nproc) cores, $(java -version 2>&1 | head -1)"
  ./kit up --products 100000 | grep -E 'is up'
  for _ in $(seq 1 240); do
    held=$(curl -fsS "http://127.0.0.1:$KIT_SEARCH_PORT/status" | sed -E 's/.*"products":([0-9]+).*/\1/' || echo 0)
    [ "$held" -ge 100000 ] && break
    sleep 1
  done
  echo "## 100k products, model built by the search service"
  start=$(date +%s%N); ./kit verify search --wait 120s | tail -9; echo "wall: $(( ($(date +%s%N) - start) / 1000000 )) ms"

  echo "## 1M products, model copied by SQL"
  kill "$(sed -n 's/^pid=//p' "$KIT_HOME/run/extracted-search-service.pid")"
  SPRING_DATASOURCE_URL="jdbc:mysql://127.0.0.1:$KIT_MARIADB_PORT/shop?sslMode=DISABLED&allowPublicKeyRetrieval=true&rewriteBatchedStatements=true" \
    SPRING_DATASOURCE_USERNAME=shop SPRING_DATASOURCE_PASSWORD=shop \
    java -Xmx512m -XX:+UseSerialGC -jar legacy-monolith/target/legacy-monolith.jar seed --products=1000000 | grep Seeded
  $db -e "INSERT INTO search.product_doc (id, sku, name, description, price_cents, category_id, category_name, version,
            deleted, binlog_file, binlog_pos, binlog_row)
          SELECT p.id, p.sku, p.name, p.description, p.price_cents, p.category_id, c.name, p.version, FALSE, 0, 0, 0
            FROM shop.product p JOIN shop.category c ON c.id = p.category_id
           WHERE p.id > (SELECT MAX(id) FROM search.product_doc)"
  start=$(date +%s%N); ./kit verify search | tail -9; echo "wall: $(( ($(date +%s%N) - start) / 1000000 )) ms"
  $db -e "UPDATE search.product_doc SET price_cents = price_cents + 1 WHERE id IN (17, 500000, 999999)"
  start=$(date +%s%N); ./kit verify search | tail -14 || true; echo "wall: $(( ($(date +%s%N) - start) / 1000000 )) ms"
} | tee "$out"
./kit down >/dev/null
rm -rf "$KIT_HOME"
echo "Results saved to $out"
