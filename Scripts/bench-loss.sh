#!/usr/bin/env bash
# Throughput under message loss (issue 10, adaptive retransmission). Release build; f=1
# (3 acceptors, 2 leaders, 2 replicas); 16 closed-loop clients; loss 0, 5, 10, 20 and 30%;
# the practical settings (adaptive timeouts and back-off, the default) against fixed
# timeouts without back-off (--fixed-timeouts --no-backoff, the defaults before them).
#
# Usage: Scripts/bench-loss.sh [SIMULATED-OPERATIONS] [RUNTIME-OPERATIONS] [RUNTIME-SECONDS]
# Prints, for each loss rate and settings:
# - the simulator's operations per virtual second (1,000 ticks; latency 1-10 ticks), from
#   `pmmc simulate`, deterministic for the seed;
# - the actor runtime's operations per second (1 tick = 100 µs, pmmc run's default), from `pmmc run`, which stops
#   after RUNTIME-SECONDS and counts what completed by then;
# and each as a share of the lossless figure of the same settings.
set -euo pipefail
cd "$(dirname "$0")/.."
simulated=${1:-5000}
runtime=${2:-20000}
seconds=${3:-20}
pmmc=$(Scripts/release-pmmc.sh)
losses=(0 0.05 0.1 0.2 0.3)
cluster=(--replicas 2 --leaders 2 --acceptors 3 --clients 16)
declare -A lossless

share() { awk -v x="$1" -v base="$2" 'BEGIN { if (base > 0) printf "%.1f%%", 100 * x / base; else print "-" }'; }

echo "simulator: $pmmc simulate ${cluster[*]} --operations $simulated --no-invariants --loss P [SWITCHES]"
for switches in "" "--fixed-timeouts --no-backoff"; do
    for loss in "${losses[@]}"; do
        # shellcheck disable=SC2086
        output=$("$pmmc" simulate "${cluster[@]}" --operations "$simulated" --no-invariants --loss "$loss" $switches || true)
        completed=$(grep '^outcome' <<<"$output" | awk '{print $2}' | tr -d ,)
        ticks=$(grep '^virtual time' <<<"$output" | awk '{print $3}' | tr -d ,)
        rate=$(awk -v c="$completed" -v t="$ticks" 'BEGIN { printf "%.0f", 1000 * c / t }')
        [[ $loss == 0 ]] && lossless["sim$switches"]=$rate
        printf 'simulator loss %-4s %-30s %6s operations per virtual second (%s of %s completed in %s ticks), %s of lossless; %s\n' \
            "$loss" "${switches:-practical}" "$rate" "$completed" "$simulated" "$ticks" "$(share "$rate" "${lossless["sim$switches"]}")" \
            "$(grep '^preemptions' <<<"$output" | sed -E 's/ +/ /g')"
    done
done

echo "runtime: $pmmc run ${cluster[*]} --operations $runtime --time-limit $seconds --loss P [SWITCHES] (on $(nproc) cores)"
for switches in "" "--fixed-timeouts --no-backoff"; do
    for loss in "${losses[@]}"; do
        # shellcheck disable=SC2086
        output=$("$pmmc" run "${cluster[@]}" --operations "$runtime" --time-limit "$seconds" --loss "$loss" $switches || true)
        rate=$(grep '^throughput' <<<"$output" | sed -E 's/^throughput +([0-9,]+) operations.*/\1/' | tr -d ,)
        completed=$(grep '^outcome' <<<"$output" | awk '{print $2}' | tr -d ,)
        [[ $loss == 0 ]] && lossless["run$switches"]=$rate
        printf 'runtime loss %-4s %-30s %7s operations/s (%s of %s completed), %s of lossless\n' \
            "$loss" "${switches:-practical}" "$rate" "$completed" "$runtime" "$(share "$rate" "${lossless["run$switches"]}")"
    done
done
