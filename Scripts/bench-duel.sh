#!/usr/bin/env bash
# Dueling-leaders distribution (issue 10, back-off). Release build; the setup of
# Tests/PMMCSimulationTests/DuelingLeadersTests.swift (2 leaders, 3 clients, latency 1-10,
# no loss) over SEEDS seeds, for three run lengths up to OPERATIONS, with the paper's leaders
# and with the practical settings (failure detection, AIMD back-off, adaptive timeouts).
#
# Usage: Scripts/bench-duel.sh [SEEDS] [OPERATIONS]   (defaults 1000 and 20)
# Prints the distribution of preemptions per run for each settings and length: OPERATIONS/4,
# OPERATIONS/2 and OPERATIONS. Paper leaders re-run phase 2 for every proposal at each of
# their many adoptions, so a run costs more than its length: one 80-operation run of paper
# leaders took 0.84 s of CPU, so 1,000 seeds up to 80 operations take about twenty minutes
# of CPU, up to 40 a few.
#
# Like Scripts/bench-lincheck.sh, it compiles Scripts/bench-duel.swift with swiftc -O against
# the module and object files of a release build, as a client of the public API.
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=${1:-1000}
operations=${2:-20}
for value in "$seeds" "$operations"; do
    if [[ ! $value =~ ^[1-9][0-9]*$ ]]; then
        echo "usage: Scripts/bench-duel.sh [SEEDS] [OPERATIONS] (positive integers)" >&2
        exit 2
    fi
done
program=$(Scripts/release-program.sh bench-duel)
echo "command: $program $seeds $operations"
"$program" "$seeds" "$operations"
