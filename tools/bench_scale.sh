#!/usr/bin/env bash
# End-to-end driver for the open-items figures in docs/benchmarks.md:
# generates CUSTOMERS customers and INVOICES invoices (default 1M / 10M) as
# CSV and JSON Lines, loads each into a fresh data directory with the real
# `cashmatch load`, then reopens it (`cashmatch status`, which rebuilds the
# ledger from RocksDB). Prints wall time, rows/s, MB/s and peak RSS of each.
#   FORMATS    which inputs to measure (default "csv jsonl")
#   WORK_DIR   scratch space (default /tmp/cashmatch-scale); needs ~10 GB
set -euo pipefail
cd "$(dirname "$0")/.."
CUSTOMERS=${CUSTOMERS:-1000000}
INVOICES=${INVOICES:-10000000}
WORK_DIR=${WORK_DIR:-/tmp/cashmatch-scale}
tools/setup.sh >/dev/null
B=build/tools
mkdir -p "$WORK_DIR"

# Runs a command under GNU time; prints "<seconds> <max RSS KiB>".
measure() {
  local log
  log=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$log" "$@" >"$WORK_DIR/last.out" 2>"$WORK_DIR/last.err" || {
    cat "$WORK_DIR/last.err"; rm -f "$log"; return 1; }
  cat "$log"
  rm -f "$log"
}

for fmt in ${FORMATS:-csv jsonl}; do
  gen="$WORK_DIR/gen-$fmt"
  if [ ! -f "$gen/invoices.$fmt" ]; then
    echo "generating $CUSTOMERS customers, $INVOICES invoices as $fmt"
    read -r secs _ < <(measure "$B/cashmatch-gen" open-items --out "$gen" --customers "$CUSTOMERS" \
      --invoices "$INVOICES" --companies 4 --format "$fmt")
    echo "  generated in ${secs}s"
  fi
  data="$WORK_DIR/data-$fmt"
  rm -rf "$data"
  bytes=$(( $(stat -c %s "$gen/customers.$fmt") + $(stat -c %s "$gen/invoices.$fmt") ))
  rows=$(( CUSTOMERS + INVOICES ))
  read -r secs rss < <(measure "$B/cashmatch" --data-dir "$data" load "$gen/customers.$fmt" "$gen/invoices.$fmt")
  echo "load $fmt: $rows rows, $((bytes / 1048576)) MiB in ${secs}s:" \
    "$(awk -v r="$rows" -v s="$secs" 'BEGIN{printf "%.0f rows/s", r/s}')," \
    "$(awk -v b="$bytes" -v s="$secs" 'BEGIN{printf "%.1f MB/s", b/s/1e6}'), peak RSS $((rss / 1024)) MiB"
  cat "$WORK_DIR/last.out" | sed 's/^/    /'
  read -r secs rss < <(measure "$B/cashmatch" --data-dir "$data" status --json)
  echo "reopen $fmt (rebuild ledger from RocksDB): ${secs}s wall, peak RSS $((rss / 1024)) MiB"
  python3 - "$WORK_DIR/last.out" "$INVOICES" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
n = int(sys.argv[2])
print(f"    open+rebuild {s['open_micros']/1e6:.2f} s; ledger {s['ledger_bytes']/2**20:.0f} MiB = {s['ledger_bytes']/n:.0f} bytes/invoice (indexes included)")
PY
done
