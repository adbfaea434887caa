# Sourced by the bench scripts that put routing proxies in front of nginx backends
# (bench/parallel-run/backends.conf: a "monolith" on 18510 and a "search service" on 18511, answering the
# same 1.3 KB search). Set $work first; what a script adds to pids is stopped with nginx when it ends.
rm -rf "$work" && mkdir -p "$work/backends"
cp bench/parallel-run/backends.conf "$work/backends/nginx.conf"
pids=()
cleanup() {
  [ -f "$work/backends/nginx.pid" ] && kill "$(cat "$work/backends/nginx.pid")" 2>/dev/null || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
nginx -p "$work/backends" -c nginx.conf
