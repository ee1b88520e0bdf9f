#!/usr/bin/env bash
# Builds everything with tests and runs them all; the exit code says pass or
# fail. Set SANITIZE=address,undefined for a sanitizer build in build-asan/.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${SANITIZE:-}" ]; then
  export BUILD_DIR=${BUILD_DIR:-build-asan} BUILD_TYPE=${BUILD_TYPE:-RelWithDebInfo}
  export CMAKE_ARGS="${CMAKE_ARGS:-} -DCASHMATCH_SANITIZE=$SANITIZE -DCASHMATCH_BUILD_BENCH=OFF"
fi
tools/setup.sh
BUILD_DIR=${BUILD_DIR:-build}
ctest --test-dir "$BUILD_DIR" --output-on-failure --parallel "$(nproc)" "$@"

# Every parser is fuzzed for a short bounded time when clang is here
# (FUZZ_SECONDS each, default 10; 0 skips). Longer runs: docs/fuzzing.md.
if [ "${FUZZ_SECONDS:-10}" != 0 ] && [ -z "${SANITIZE:-}" ]; then
  FUZZ_SECONDS=${FUZZ_SECONDS:-10} tools/fuzz.sh
fi
