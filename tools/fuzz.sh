#!/usr/bin/env bash
# Builds the libFuzzer targets with clang in build-fuzz/ and runs each for
# FUZZ_SECONDS (default 20), seeded from tests/fuzz/corpus/<target>/ and the
# shared samples. Exits non-zero when a target finds a crash. Skips (exit 0)
# with a message when clang is not installed.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${FUZZ_SECONDS:-20}
CLANG=$(command -v clang++-14 || command -v clang++ || true)
if [ -z "$CLANG" ]; then
  echo "fuzz: clang++ not found; skipping fuzzing"
  exit 0
fi
CC_BIN=${CLANG/clang++/clang}
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER="$CC_BIN" -DCMAKE_CXX_COMPILER="$CLANG" \
  -DCASHMATCH_BUILD_FUZZ=ON -DCASHMATCH_BUILD_TESTS=OFF -DCASHMATCH_BUILD_BENCH=OFF >/dev/null
TARGETS=$(sed -n 's/^cashmatch_fuzz(\([a-z0-9_]*\) .*/\1/p' tests/fuzz/CMakeLists.txt)
# shellcheck disable=SC2086
cmake --build build-fuzz --parallel "$(nproc)" --target $TARGETS
status=0
for t in $TARGETS; do
  corpus=build-fuzz/corpus/$t
  mkdir -p "$corpus"
  seeds=()
  [ -d "tests/fuzz/corpus/$t" ] && seeds+=("tests/fuzz/corpus/$t")
  # A target's CMake line may end in "# samples: DIR..." naming folders of
  # ../shared/samples to seed it with (read-only: libFuzzer writes only to
  # the first corpus folder).
  for d in $(sed -n "s/^cashmatch_fuzz($t .*# samples: *//p" tests/fuzz/CMakeLists.txt); do
    [ -d "../shared/samples/$d" ] && seeds+=("../shared/samples/$d")
  done
  echo "fuzz: $t for ${SECONDS_EACH}s"
  if ! build-fuzz/tests/fuzz/$t -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 \
      -timeout=10 -print_final_stats=0 "$corpus" ${seeds[@]+"${seeds[@]}"} >"build-fuzz/$t.log" 2>&1; then
    echo "fuzz: $t FAILED; see build-fuzz/$t.log"; tail -30 "build-fuzz/$t.log"; status=1
  fi
done
exit $status
