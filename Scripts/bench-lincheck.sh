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
scratch=.build-bench
# The same flags as Scripts/bench.sh, so the two share one release build.
echo "building PMMCSimulation release (-cross-module-optimization) into $scratch ..." >&2
swift build -c release --target PMMCSimulation --scratch-path "$scratch" \
    -Xswiftc -cross-module-optimization >&2
release="$scratch/release"
echo "compiling Scripts/bench-lincheck.swift (swiftc -O) ..." >&2
swiftc -O -parse-as-library -I "$release/Modules" Scripts/bench-lincheck.swift \
    "$release"/PMMC.build/*.o "$release"/PMMCHost.build/*.o "$release"/PMMCTrace.build/*.o "$release"/PMMCSimulation.build/*.o -o "$scratch/bench-lincheck"
echo "command: $scratch/bench-lincheck $runs $operations $clients $keys (on $(nproc) cores)"
"$scratch/bench-lincheck" "$runs" "$operations" "$clients" "$keys"
