#!/usr/bin/env bash
# The quick start: installs and builds what is missing, generates a sample
# set of open items, loads it into a fresh data directory and shows
# `cashmatch status`. Later milestones extend it to a full day of bank files.
#   DEMO_DIR   where the data goes (default: a new temporary directory)
#   CUSTOMERS / INVOICES   size of the sample (default 5,000 / 50,000)
set -euo pipefail
cd "$(dirname "$0")/.."

tools/setup.sh
BIN=build/tools
DEMO_DIR=${DEMO_DIR:-$(mktemp -d /tmp/cashmatch-demo.XXXXXX)}
CUSTOMERS=${CUSTOMERS:-5000}
INVOICES=${INVOICES:-50000}

echo "== generating $CUSTOMERS customers and $INVOICES invoices in $DEMO_DIR/erp"
"$BIN/cashmatch-gen" open-items --out "$DEMO_DIR/erp" --customers "$CUSTOMERS" \
  --invoices "$INVOICES" --companies 2

echo "== loading open items into $DEMO_DIR/data"
"$BIN/cashmatch" --data-dir "$DEMO_DIR/data" load "$DEMO_DIR/erp/customers.csv" \
  "$DEMO_DIR/erp/invoices.csv"

echo "== loading the same file again is recognised by its content"
"$BIN/cashmatch" --data-dir "$DEMO_DIR/data" load "$DEMO_DIR/erp/invoices.csv"

echo "== status"
"$BIN/cashmatch" --data-dir "$DEMO_DIR/data" status

echo "== one customer at a glance"
"$BIN/cashmatch" --data-dir "$DEMO_DIR/data" customer show C0000001 | head -20

echo
echo "Data directory: $DEMO_DIR/data   (try: $BIN/cashmatch --data-dir $DEMO_DIR/data --help)"
