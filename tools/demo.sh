#!/usr/bin/env bash
# The quick start: installs and builds what is missing, generates a realistic
# day (open items and bank files in every format), starts cashmatchd on a
# fresh data directory, drops the open items and then the bank files into its
# inbox as an ERP and a bank would, waits for every file, and shows the
# result: the summary, the work queue and one explained decision.
#   DEMO_DIR   where everything goes (default: a new temporary directory)
#   CUSTOMERS / INVOICES / PAYMENTS   size of the day (default 5,000 /
#              50,000 / 20,000)
set -euo pipefail
cd "$(dirname "$0")/.."

tools/setup.sh
BIN=$PWD/build/tools
DEMO_DIR=${DEMO_DIR:-$(mktemp -d /tmp/cashmatch-demo.XXXXXX)}
CUSTOMERS=${CUSTOMERS:-5000}
INVOICES=${INVOICES:-50000}
PAYMENTS=${PAYMENTS:-20000}
DATA=$DEMO_DIR/data
INBOX=$DATA/inbox
LOG=$DEMO_DIR/cashmatchd.log
mkdir -p "$INBOX"

echo "== generating a day: $CUSTOMERS customers, $INVOICES invoices, $PAYMENTS payments in every bank format"
"$BIN/cashmatch-gen" day --out "$DEMO_DIR/day" --customers "$CUSTOMERS" --invoices "$INVOICES" \
  --payments "$PAYMENTS" --per-file 1000 \
  --formats bai2,lockbox,camt052,camt053,camt054,mt940,mt942,nacha,x12_820,csv,jsonl >/dev/null

# Every file goes in as writers should deliver it: written under a hidden
# name, then renamed (the daemon takes a renamed file at once).
drop() {
  cp "$1" "$INBOX/.$(basename "$1").tmp"
  mv "$INBOX/.$(basename "$1").tmp" "$INBOX/$(basename "$1")"
}
# Files the daemon has finished with: ingested, already ingested, loaded or
# quarantined, one log line each.
done_count() {
  grep -cE ' (ingested|already ingested|already loaded|loaded|quarantined) file=' "$LOG" || true
}
wait_for() {  # COUNT: until that many files are done and the inbox is empty
  until [ "$(done_count)" -ge "$1" ] && [ -z "$(ls -A "$INBOX")" ]; do
    kill -0 "$DAEMON" 2>/dev/null || { echo "cashmatchd stopped:"; tail -20 "$LOG"; exit 1; }
    sleep 0.2
  done
}

echo "== starting cashmatchd on $DATA (log: $LOG)"
"$BIN/cashmatchd" --data-dir "$DATA" --log-file "$LOG" &
DAEMON=$!
trap 'kill "$DAEMON" 2>/dev/null || true' EXIT
until grep -q 'watching inbox=' "$LOG" 2>/dev/null; do sleep 0.1; done

echo "== the ERP drops its open items"
drop "$DEMO_DIR/day/customers.csv"
drop "$DEMO_DIR/day/invoices.csv"
wait_for 2
grep -E ' loaded file=' "$LOG" | sed 's/^[^ ]* [a-z]* /   /'

BANK_FILES=("$DEMO_DIR"/day/inbox/*)
echo "== the banks drop ${#BANK_FILES[@]} files"
# Staged on the inbox's file system first, so that the drop is one rename
# per file and the time below is the daemon's, not the copying's.
mkdir -p "$DEMO_DIR/stage"
cp "${BANK_FILES[@]}" "$DEMO_DIR/stage/"
START=$(date +%s%N)
mv "$DEMO_DIR"/stage/* "$INBOX/"
wait_for $((2 + ${#BANK_FILES[@]}))
END=$(date +%s%N)

echo "== summary (the CLI below talks to the running daemon over its admin socket)"
UNAPPLIED=$("$BIN/cashmatch" --data-dir "$DATA" --json status | sed -n 's/.*"unapplied_payments":\([0-9]*\).*/\1/p')
awk -v ms=$(((END - START) / 1000000)) -v unapplied="$UNAPPLIED" '
  / ingested file=/ {
    for (i = 1; i <= NF; i++) {
      split($i, kv, "=")
      if (kv[1] == "payments") p += kv[2]
      if (kv[1] == "debits" || kv[1] == "returns") other += kv[2]
      if (kv[1] == "format") fmt[kv[2]]++
    }
    files++
  }
  / quarantined file=/ { q++ }
  END {
    list = ""
    for (f in fmt) list = list " " f
    credits = p - other
    printf "   files ingested %d (formats:%s), quarantined %d\n", files, list, q
    printf "   payments %d (credits %d): auto-matched %d (%.1f %%), left in the work queue %d\n", p, credits, credits - unapplied, credits ? 100 * (credits - unapplied) / credits : 0, unapplied
    printf "   from the first bank file dropped to the last one committed: %.1f s (%.0f payments/s)\n", ms / 1000, ms ? p * 1000 / ms : 0
  }' "$LOG"
"$BIN/cashmatch" --data-dir "$DATA" status

echo "== the work queue (first rows)"
# (Captured first: `head` closing the pipe early is not a failure here.)
QUEUE=$("$BIN/cashmatch" --data-dir "$DATA" unapplied)
head -12 <<<"$QUEUE"

# One explained decision: the first payment that was applied.
for id in $(seq 1 200); do
  SHOW=$("$BIN/cashmatch" --data-dir "$DATA" payment show "$id" 2>/dev/null || true)
  if grep -q 'why:' <<<"$SHOW"; then
    echo "== why payment $id was applied"
    head -30 <<<"$SHOW"
    break
  fi
done

echo "== result files for the ERP in $DATA/outbox"
ls "$DATA/outbox" | head -6
echo "   ... $(ls "$DATA/outbox" | wc -l) files in all (docs/outbox.md)"

echo "== stopping cashmatchd (SIGTERM: it finishes the file in hand)"
kill -TERM "$DAEMON"
wait "$DAEMON"
trap - EXIT

echo
echo "Data directory: $DATA   log: $LOG"
echo "Try: $BIN/cashmatch --data-dir $DATA --help"
