#!/usr/bin/env bash
# Builds `pmmc` in release mode with -cross-module-optimization into .build-bench (unless
# PMMC_SKIP_BUILD is set) and prints the binary's path: the one build every benchmark shares.
# The flag is on the command line, not in Package.swift, so the library stays usable as a
# dependency (Docs/Performance.md, "Cross-module optimization").
#
# Usage: pmmc=$(Scripts/release-pmmc.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=.build-bench
if [[ -z ${PMMC_SKIP_BUILD:-} ]]; then
    echo "building release (-cross-module-optimization) into $scratch ..." >&2
    swift build -c release --product pmmc --scratch-path "$scratch" -Xswiftc -cross-module-optimization >&2
fi
echo "$PWD/$scratch/release/pmmc"
