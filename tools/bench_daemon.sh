#!/usr/bin/env bash
# End-to-end daemon figures for docs/benchmarks.md ("Daemon (issue 5)"):
# generates a day of PAYMENTS payments in about FILES files against
# CUSTOMERS customers and INVOICES invoices, loads the open items with
# `cashmatch load`, starts the real cashmatchd, renames every bank file into
# its inbox at once and waits until each is done. Prints the total time,
# payments/s (parsing, matching, durable commit, move; result files too once
# the Service writes them), the p50/p99/max of a file's latency (from the
# moment the daemon saw it to the end of its commit), peak RSS and the load
# average around the run.
#   WORK_DIR   scratch space (default /tmp/cashmatch-bench-daemon)
#   PAYMENTS, FILES, CUSTOMERS, INVOICES   default 1M, 100, 1M, 10M
#   KEEP_DAY=1 reuses a day generated before with the same sizes
set -euo pipefail
cd "$(dirname "$0")/.."
PAYMENTS=${PAYMENTS:-1000000}
FILES=${FILES:-100}
CUSTOMERS=${CUSTOMERS:-1000000}
INVOICES=${INVOICES:-10000000}
WORK_DIR=${WORK_DIR:-/tmp/cashmatch-bench-daemon}
tools/setup.sh >/dev/null
B=$PWD/build/tools
DAY=$WORK_DIR/day-$CUSTOMERS-$INVOICES-$PAYMENTS-$FILES
DATA=$WORK_DIR/data
LOG=$WORK_DIR/cashmatchd.log
mkdir -p "$WORK_DIR"

if [ -z "${KEEP_DAY:-}" ] || [ ! -d "$DAY" ]; then
  rm -rf "$DAY"
  echo "generating $CUSTOMERS customers, $INVOICES invoices, $PAYMENTS payments"
  /usr/bin/time -f "  generated in %e s" "$B/cashmatch-gen" day --out "$DAY" --customers "$CUSTOMERS" \
    --invoices "$INVOICES" --payments "$PAYMENTS" --per-file $((PAYMENTS / FILES)) >/dev/null
fi
rm -rf "$DATA" "$LOG"
echo "loading open items"
/usr/bin/time -f "  loaded in %e s, peak RSS %M KiB" "$B/cashmatch" --data-dir "$DATA" load \
  "$DAY/customers.csv" "$DAY/invoices.csv" >/dev/null

# The bank files are copied into the data directory's file system first, so
# the drop itself is a rename.
STAGE=$DATA/stage
mkdir -p "$STAGE" "$DATA/inbox"
cp "$DAY"/inbox/* "$STAGE"/
N=$(ls "$STAGE" | wc -l)
BYTES=$(du -sb "$STAGE" | cut -f1)

"$B/cashmatchd" --data-dir "$DATA" --log-file "$LOG" &
PID=$!
trap 'kill "$PID" 2>/dev/null || true' EXIT
until grep -q 'watching inbox=' "$LOG" 2>/dev/null; do sleep 0.1; done
echo "daemon up: $(grep -o 'open_ms=[0-9]*' "$LOG") (open the store, rebuild the ledger)"
# CPU seconds the daemon used (user + system), beside the wall time: on a
# busy machine the wall time says more about the neighbours.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
CPU_BEFORE=$(cpu_ticks)
START=$(date +%s%N)
mv "$STAGE"/* "$DATA/inbox/"
until [ "$(grep -cE ' (ingested|already ingested|quarantined) file=' "$LOG")" -ge "$N" ]; do
  kill -0 "$PID" || { tail "$LOG"; exit 1; }
  sleep 0.05
done
END=$(date +%s%N)
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
RSS_KB=$(awk '/VmHWM/ {print $2}' "/proc/$PID/status")
CPU_S=$(awk -v a="$CPU_BEFORE" -v b="$(cpu_ticks)" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", (b - a) / hz}')
kill -TERM "$PID"
wait "$PID"
trap - EXIT

awk -v ns=$((END - START)) -v n="$N" -v bytes="$BYTES" -v rss="$RSS_KB" \
    -v before="$LOAD_BEFORE" -v after="$LOAD_AFTER" -v cpu="$CPU_S" '
  / ingested file=/ {
    for (i = 1; i <= NF; i++) {
      split($i, kv, "=")
      if (kv[1] == "payments") p += kv[2]
      if (kv[1] == "applied") a += kv[2]
      if (kv[1] == "latency_ms") lat[++k] = kv[2]
      if (kv[1] == "ms") own += kv[2]
      if (kv[1] == "match_ms") matching += kv[2]
    }
  }
  / quarantined file=/ { q++ }
  END {
    s = ns / 1e9
    # Sort the latencies (insertion sort: a hundred or so).
    for (i = 2; i <= k; i++) { v = lat[i]; j = i - 1; while (j > 0 && lat[j] > v) { lat[j + 1] = lat[j]; j-- } lat[j + 1] = v }
    p50 = lat[int((k - 1) * 0.50) + 1]; p99 = lat[int((k - 1) * 0.99) + 1]
    printf "files %d (%.0f MiB, %d quarantined), payments %d, applied %d\n", n, bytes / 1048576, q, p, a
    printf "total %.2f s: %.0f payments/s, %.1f MB/s; daemon CPU %.1f s (%.0f payments per CPU second)\n", s, p / s, bytes / s / 1e6, cpu, (cpu > 0 ? p / cpu : 0)
    printf "file latency (seen -> committed and moved): p50 %d ms, p99 %d ms, max %d ms; sum of files own time %.1f s, of it matching %.1f s\n", p50, p99, lat[k], own / 1000, matching / 1000
    printf "peak RSS %.0f MiB; load average before %s, after %s; %d cores\n", rss / 1024, before, after, '"$(nproc)"'
  }' "$LOG"
echo "rerun: PAYMENTS=$PAYMENTS FILES=$FILES CUSTOMERS=$CUSTOMERS INVOICES=$INVOICES KEEP_DAY=1 tools/bench_daemon.sh"
