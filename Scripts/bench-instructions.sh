#!/usr/bin/env bash
# Instructions per simulator event, counted by callgrind (Scripts/callgrind.sh): unlike
# wall-clock time, the count is the same on every run, whatever else the machine is doing.
# Release build with -cross-module-optimization into .build-bench, as Scripts/bench.sh builds
# it.
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
pmmc=$(Scripts/release-pmmc.sh)
args=(simulate --operations "$operations" --latency 1 "${extra[@]}")
summary=$(mktemp)
trap 'rm -f "$summary"' EXIT
instructions=$(CALLGRIND_STDOUT="$summary" Scripts/callgrind.sh "$pmmc" "${args[@]}")
events=$(grep '^events' "$summary" | awk '{print $2}' | tr -d ,)
echo "command: valgrind --tool=callgrind $pmmc ${args[*]}"
echo "instructions: $instructions ($(( instructions / 1000000 ))M)"
echo "events: $events"
echo "instructions per event: $(( instructions / events ))"
