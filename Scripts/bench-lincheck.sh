#!/usr/bin/env bash
# Linearizability-checker benchmark (issue "Evidence a user can run", point 2). Release build;
# a history of 10,000 simulated operations (a third each of put, get and append) from 10
# clients on 3 keys, over a network with 1-10 ticks of latency and 5% loss; its JSON read
# back and checked, best of 5 runs.
#
# Usage: Scripts/bench-lincheck.sh [RUNS] [OPERATIONS] [CLIENTS] [KEYS]
# Prints the read and check times of each run and of the best, and the check times of the
# history with one get changed (near the end, half-way) and of one with every put an append.
#
# The package has no executable target for this benchmark, so the script compiles
# Scripts/bench-lincheck.swift itself: swiftc -O against the module and object files of a
# release build of PMMCSimulation, as a client of its public API.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
operations=${2:-10000}
clients=${3:-10}
keys=${4:-3}
for value in "$runs" "$operations" "$clients" "$keys"; do
    if [[ ! $value =~ ^[1-9][0-9]*$ ]]; then
        echo "usage: Scripts/bench-lincheck.sh [RUNS] [OPERATIONS] [CLIENTS] [KEYS] (positive integers)" >&2
        exit 2
    fi
done
program=$(Scripts/release-program.sh bench-lincheck)
echo "command: $program $runs $operations $clients $keys (on $(nproc) cores)"
"$program" "$runs" "$operations" "$clients" "$keys"
