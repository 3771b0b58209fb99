#!/usr/bin/env bash
# Instructions per simulator event, counted by callgrind: unlike wall-clock time, the count is
# the same on every run, whatever else the machine is doing. Release build with
# -cross-module-optimization into .build-bench, as Scripts/bench.sh builds it.
#
# Usage: Scripts/bench-instructions.sh [OPERATIONS] [-- EXTRA SIMULATE OPTIONS]
#   Scripts/bench-instructions.sh                      # 3,000 operations, --no-invariants
#   Scripts/bench-instructions.sh 3000 --              # the same with invariant checking on
#   Scripts/bench-instructions.sh 3000 -- --trace /tmp/t.jsonl
# Without `--`, the run is `--no-invariants`; after `--`, the given options replace it.
# Set PMMC_SKIP_BUILD=1 to measure the binary already built.
set -euo pipefail
cd "$(dirname "$0")/.."
operations=${1:-3000}
shift || true
extra=(--no-invariants)
if [[ ${1:-} == -- ]]; then
    shift
    extra=("$@")
fi
if ! command -v valgrind >/dev/null; then
    echo "bench-instructions: valgrind is not installed" >&2
    exit 1
fi
pmmc=$(Scripts/release-pmmc.sh)
args=(simulate --operations "$operations" --latency 1 "${extra[@]}")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# valgrind 3.19 writes into the signal mask a program passes to sigsuspend, and libdispatch's
# (parked main thread of an async main) is read-only: valgrind crashes. A preloaded sigsuspend
# that passes a copy avoids it and changes nothing else.
cat >"$out/sigsuspend.c" <<'C'
#define _GNU_SOURCE
#include <signal.h>
#include <unistd.h>
#include <sys/syscall.h>
int sigsuspend(const sigset_t *mask) {
    sigset_t copy = *mask;
    return (int)syscall(SYS_rt_sigsuspend, &copy, _NSIG / 8);
}
C
cc -shared -fPIC -O2 -o "$out/sigsuspend.so" "$out/sigsuspend.c"
LD_PRELOAD="$out/sigsuspend.so" valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.out" "$pmmc" "${args[@]}" \
    >"$out/summary" 2>"$out/valgrind"
instructions=$(grep -E '^summary:' "$out/callgrind.out" | awk '{print $2}')
events=$(grep '^events' "$out/summary" | awk '{print $2}' | tr -d ,)
echo "command: valgrind --tool=callgrind $pmmc ${args[*]}"
echo "instructions: $instructions ($(( instructions / 1000000 ))M)"
echo "events: $events"
echo "instructions per event: $(( instructions / events ))"
