#!/usr/bin/env bash
# The explorer's speed, release build with -cross-module-optimization into .build-bench, as
# Scripts/bench.sh builds it: distinct states per CPU second (user time, so that other work
# on the machine changes it less than wall-clock time), for the whole 1-client, 1-command,
# 1-leader space (exhausted) and the first 300,000 states of 2 clients; then instructions
# per state under callgrind (Scripts/callgrind.sh), the same on every run, for the first.
# The state counts are read from the explorer's own report.
# Set PMMC_SKIP_BUILD=1 to measure the binary already built.
set -euo pipefail
cd "$(dirname "$0")/.."
pmmc=$(Scripts/release-pmmc.sh)
measure() {
    local label=$1
    shift
    local log output states
    log=$(mktemp)
    output=$(/usr/bin/time -f "%U %M" -o "$log" "$pmmc" explore "$@")
    states=$(sed -nE 's/^explored ([0-9,]+) states.*/\1/p' <<<"$output" | tr -d ,)
    read -r user kilobytes < "$log"
    rm -f "$log"
    awk -v label="$label" -v states="$states" -v user="$user" -v kb="$kilobytes" 'BEGIN {
        printf "%-34s %9d states  %6.2f s user  %9.0f states/CPU-s  %6.0f MB\n", label, states, user, states / user, kb / 1024 }'
}
for run in 1 2 3; do
    measure "1 client, 1 command (exhausted)"
done
measure "2 clients, first 300,000 states" --clients 2 --max-states 300000
states=$("$pmmc" explore | sed -nE 's/^explored ([0-9,]+) states.*/\1/p' | tr -d ,)
instructions=$(Scripts/callgrind.sh "$pmmc" explore)
echo "1 client, 1 command under callgrind: $instructions instructions, $(( instructions / states )) per state"
