#!/usr/bin/env bash
# Draws each bug-zoo mutant's counterexample into Docs/bugzoo/NAME.svg, with the searches
# Docs/Verification.md shows (each deterministic: one seed, one schedule).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product pmmc
pmmc=.build/debug/pmmc
traces=$(mktemp -d)
trap 'rm -rf "$traces"' EXIT
mkdir -p Docs/bugzoo
search() {
    local mutant=$1
    shift
    local status=0
    "$pmmc" explore --mutant "$mutant" "$@" --trace "$traces/$mutant.trace" > /dev/null || status=$?
    if [[ $status -ne 1 ]]; then
        echo "render-bugzoo: $mutant was not caught (exit $status)" >&2
        exit 1
    fi
    "$pmmc" render "$traces/$mutant.trace" --format svg --title "bug zoo: $mutant" --output "Docs/bugzoo/$mutant.svg"
    echo "Docs/bugzoo/$mutant.svg"
}
search accept-without-adopting
for mutant in inverted-quorum mixed-ballot-quorum skip-pmax stale-preempted; do
    search "$mutant" --clients 2 --leaders 2 --walks 1000
done
search no-reproposal --clients 2 --walks 1000
