#!/usr/bin/env bash
# Retained state and failover cost (issue 10, state reduction, garbage collection, catch-up).
# Release build; deterministic figures from `pmmc simulate` (counts, not clocks), and peak RSS
# from /usr/bin/time.
#
# Usage: Scripts/bench-retained.sh [quick]
#   1. retained pvalues, proposals, decisions and bytes after 10,000 and 100,000 commands with
#      1 KB values, with the defaults and with --no-gc (10,000 only);
#   2. failover: commanders spawned and virtual time added by crashing the active leader at
#      the end of 10,000 and of 100,000 commands (latency 1), with the defaults and --no-gc;
#   3. peak RSS of `pmmc simulate --operations N --value-size 100` (invariants on) at 100,000
#      and 1,000,000 operations, and their ratio.
# `quick` skips the 1,000,000-operation run.
set -euo pipefail
cd "$(dirname "$0")/.."
pmmc=$(Scripts/release-pmmc.sh)

line() { grep "^$1" | sed -E "s/^$1 +//"; }

echo "== retained state, 1 KB values"
for operations in 10000 100000; do
    echo "$operations commands: $("$pmmc" simulate --operations "$operations" --value-size 1024 --no-invariants | line retained)"
done
echo "10000 commands, --no-gc: $("$pmmc" simulate --operations 10000 --value-size 1024 --no-invariants --no-gc | line retained)"

echo "== failover: the active leader crashes after the history (latency 1)"
for flags in "" "--no-gc"; do
    for operations in 10000 100000; do
        args=(simulate --operations "$operations" --latency 1 --no-invariants $flags)
        quiet=$("$pmmc" "${args[@]}")
        end=$(line "virtual time" <<<"$quiet" | sed -E 's/ ticks//' | tr -d ,)
        crash=$(( end * 9 / 10 ))
        # The leader with the higher index wins the first election; crash whichever is active.
        crashed=$("$pmmc" "${args[@]}" --crash "$crash:l1")
        spawned() { line children | sed -E 's/.* ([0-9,]+) commanders spawned/\1/' | tr -d ,; }
        ticks() { line "virtual time" | sed -E 's/ ticks//' | tr -d ,; }
        extra=$(( $(spawned <<<"$crashed") - $(spawned <<<"$quiet") ))
        later=$(( $(ticks <<<"$crashed") - $(ticks <<<"$quiet") ))
        echo "${flags:-defaults} $operations commands, crash l1 at t=$crash: $extra more commanders, $later more ticks"
    done
done

echo "== peak RSS, --value-size 100, invariants on"
peak() { /usr/bin/time -f "%M" "$pmmc" simulate --operations "$1" --value-size 100 2>&1 >/dev/null | tail -1; }
small=$(peak 100000)
echo "100000 operations: $small KB"
if [[ ${1:-} != quick ]]; then
    large=$(peak 1000000)
    echo "1000000 operations: $large KB ($(awk "BEGIN { printf \"%.2f\", $large / $small }")x)"
fi
