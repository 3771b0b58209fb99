#!/usr/bin/env bash
# Batching benchmark (issue 10 point 6). Release build (Scripts/release-pmmc.sh); no faults;
# f=1 (3 acceptors, 2 leaders, 2 replicas); 64 closed-loop clients, each with one request in
# flight; batches of at most 1, 8 and 64 requests, no batch delay (--batch-delay 0: a batch
# holds what waits when a slot opens in the window).
#
# 1. The simulator: messages per completed command, all and among replicas, leaders and
#    acceptors (deterministic: message counts, the same on every machine).
# 2. The actor runtime: operations/s of RUNS runs at each batch size, and the best run.
#
# Usage: Scripts/bench-batching.sh [RUNS] [SIMULATED_OPERATIONS] [RUNTIME_OPERATIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
simulated=${2:-20000}
operations=${3:-200000}
pmmc=$(Scripts/release-pmmc.sh)
cluster=(--clients 64 --replicas 2 --leaders 2 --acceptors 3)

field() { grep "^$1" | cut -c15-; }

echo "== simulator: $pmmc simulate --operations $simulated ${cluster[*]} --no-invariants --batch-size N"
for size in 1 8 64; do
    output=$("$pmmc" simulate --operations "$simulated" "${cluster[@]}" --no-invariants --batch-size "$size")
    echo "batch $size: $(field 'per command' <<<"$output")"
    echo "          $(field decisions <<<"$output")"
done

echo "== actor runtime: $pmmc run --operations $operations ${cluster[*]} --batch-size N (on $(nproc) cores)"
for size in 1 8 64; do
    best=0
    for run in $(seq 1 "$runs"); do
        output=$("$pmmc" run --operations "$operations" "${cluster[@]}" --batch-size "$size")
        rate=$(field throughput <<<"$output" | sed -E 's/^([0-9,]+) operations.*/\1/' | tr -d ,)
        echo "batch $size, run $run: $(field throughput <<<"$output"); $(field latency <<<"$output"); $(field 'cpu time' <<<"$output")"
        (( rate > best )) && best=$rate && best_output=$output
    done
    echo "batch $size best: $best operations/s; $(field 'per command' <<<"$best_output")"
done
