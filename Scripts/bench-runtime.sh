#!/usr/bin/env bash
# Actor-runtime benchmark (issue 3). Release build; no faults; f=1 (3 acceptors, 2 leaders,
# 2 replicas); 16 closed-loop clients, each with one request in flight; no batching
# (--no-batching): every client request is decided in a slot of its own. Scripts/bench-batching.sh
# measures batching.
#
# Usage: Scripts/bench-runtime.sh [RUNS] [OPERATIONS] [WINDOW]
# Prints decisions/s, operations/s and p50/p99 latency of each run, and the best run.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
operations=${2:-100000}
window=${3:-5}
pmmc=$(Scripts/release-pmmc.sh)
args=(run --operations "$operations" --clients 16 --replicas 2 --leaders 2 --acceptors 3 --window "$window" --no-batching)
echo "command: $pmmc ${args[*]} (on $(nproc) cores)"
best=0
for run in $(seq 1 "$runs"); do
    output=$("$pmmc" "${args[@]}")
    decisions=$(grep '^throughput' <<<"$output" | sed -E 's/.*, ([0-9,]+) decisions\/s.*/\1/' | tr -d ,)
    echo "run $run: $(grep '^throughput' <<<"$output" | cut -c15-); $(grep '^latency' <<<"$output" | cut -c15-)"
    (( decisions > best )) && best=$decisions && best_output=$output
done
grep -E '^(outcome|decisions|applied|by type|per decision|children|cpu time)' <<<"$best_output"
echo "best: $best decisions/s"
