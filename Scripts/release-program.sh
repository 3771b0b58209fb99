#!/usr/bin/env bash
# Builds PMMCSimulation (and what it depends on) in release mode with
# -cross-module-optimization into .build-bench, the flags every benchmark shares, then
# compiles Scripts/NAME.swift against that build's modules and object files, as a client of
# the public API, and prints the program's path (for benchmarks of the library without the
# CLI: Scripts/bench-duel.sh, Scripts/bench-lincheck.sh).
#
# Usage: program=$(Scripts/release-program.sh NAME)
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: Scripts/release-program.sh NAME}
scratch=.build-bench
release="$scratch/release"
echo "building PMMCSimulation release (-cross-module-optimization) into $scratch ..." >&2
swift build -c release --target PMMCSimulation --scratch-path "$scratch" -Xswiftc -cross-module-optimization >&2
echo "compiling Scripts/$name.swift (swiftc -O) ..." >&2
# Each target's objects as its output file map lists them: a glob would also pick up the
# objects of source files since deleted or moved, and fail to link.
objects=()
for target in PMMC PMMCHost PMMCTrace PMMCSimulation; do
    while IFS= read -r object; do
        [[ -f $object ]] && objects+=("$object")
    done < <(sed -nE 's/^ *"object": *"([^"]*)".*/\1/p' "$release/$target.build/output-file-map.json")
done
swiftc -O -parse-as-library -I "$release/Modules" "Scripts/$name.swift" "${objects[@]}" -o "$scratch/$name" >&2
echo "$PWD/$scratch/$name"
