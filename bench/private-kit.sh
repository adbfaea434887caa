# Sourced by the bench scripts: a private KIT_HOME on its own ports, so a kit you are using is not
# touched, and the kit stopped when the script ends.
export KIT_HOME="$root/.kit/bench-home"
export KIT_MARIADB_PORT=13307 KIT_KAFKA_PORT=19092 KIT_KAFKA_CONTROLLER_PORT=19093 KIT_MONOLITH_PORT=18081 \
       KIT_SEARCH_PORT=18082 KIT_CATALOG_PORT=18083 KIT_CDC_PORT=18084 KIT_PROXY_PORT=18080 KIT_PROXY_ADMIN_PORT=18180 KIT_PROXY_MANAGEMENT_PORT=18280 KIT_CONSOLE_PORT=18090
# The figures in bench/README.md were measured without tracing (a Zipkin part and spans at 100% sampling);
# bench/tracing.sh measures what it costs.
export KIT_TRACING="${KIT_TRACING:-off}"
mkdir -p "$root/.kit"
trap './kit down >/dev/null 2>&1 || true' EXIT
