#!/usr/bin/env bash
# The README's test command: the test suite in two invocations of swift test. The first runs
# everything but the actor runtime's tests, the second runs those alone. In one process the
# simulator's CPU-bound sweeps would share the cooperative thread pool with the runtime's
# actors and timers, and on 2 cores they starve them. Each invocation must exit 0 and print
# swift test's closing summaries, with at least one test run.
set -euo pipefail
cd "$(dirname "$0")/.."
output=$(mktemp)
trap 'rm -f "$output"' EXIT

run() {
    echo "== swift test $*"
    if ! swift test "$@" 2>&1 | tee "$output"; then
        echo "FAIL: swift test $* failed"
        exit 1
    fi
    if ! grep -qE 'Executed [0-9]+ tests?, with 0 failures' "$output" ||
        ! grep -qE 'Test run with [1-9][0-9]* tests? in [0-9]+ suites? passed after' "$output"; then
        echo "FAIL: swift test $* did not print its closing summaries"
        exit 1
    fi
}

run --skip PMMCRuntimeTests
run --filter PMMCRuntimeTests
echo "Scripts/test.sh: both invocations passed"
