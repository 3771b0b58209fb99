#!/usr/bin/env bash
# Simulator benchmark (issue: foundation). Release build; tracing off; no faults;
# f=1 (3 acceptors, 2 leaders, 2 replicas); 10,000 client commands; constant 1-tick latency
# so both replicas see requests in the same order (the fault-free steady state).
#
# Usage: Scripts/bench.sh [RUNS] [OPERATIONS]
# Prints decisions/s and events/s of each run, the best run, and messages per decision
# against the protocol's minimum for this cluster.
# With valgrind installed, it ends with Scripts/bench-instructions.sh: instructions per event.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
operations=${2:-10000}
pmmc=$(Scripts/release-pmmc.sh)
args=(simulate --operations "$operations" --replicas 2 --leaders 2 --acceptors 3 --latency 1 --no-invariants)
echo "command: $pmmc ${args[*]}"
best=0
for run in $(seq 1 "$runs"); do
    output=$("$pmmc" "${args[@]}")
    decisions=$(grep '^wall time' <<<"$output" | sed -E 's/.*\(([0-9,]+) decisions\/s\).*/\1/' | tr -d ,)
    events=$(grep '^events' <<<"$output" | sed -E 's/.*\(([0-9,]+) events\/s\).*/\1/' | tr -d ,)
    echo "run $run: $decisions decisions/s, $events events/s"
    (( decisions > best )) && best=$decisions
done
grep -E '^(outcome|decisions|per decision|by type)' <<<"$output"
per=$(grep '^per decision' <<<"$output" | awk '{print $3}')
minimum=$(grep '^per decision' <<<"$output" | sed -E 's/.*minimum for this cluster: ([0-9]+)\)/\1/')
echo "best: $best decisions/s; messages per decision $per (protocol minimum $minimum)"
# Instructions per event (callgrind) are the same on every run, unlike the clock above.
if command -v valgrind >/dev/null; then
    PMMC_SKIP_BUILD=1 Scripts/bench-instructions.sh
else
    echo "valgrind not installed: Scripts/bench-instructions.sh would count instructions per event"
fi
