#!/usr/bin/env bash
# Checks that the release build of `pmmc` (Scripts/release-pmmc.sh) runs the actor runtime's
# hot path specialized for KeyValueStore: none of pmmc's own object files may call the
# generic entry points of a process's task (Docs/Runtime.md, "Specialized hot path"). Such a
# call means cross-module optimization left the function's body out of PMMCRuntime's module,
# and then the drain loops and everything they call run generic, 3-4 times the CPU per message.
#
# Usage: Scripts/check-specialized.sh   (PMMC_SKIP_BUILD=1 to use the existing build)
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/release-pmmc.sh >/dev/null
objects=.build-bench/release/pmmc.build
generic=$(nm --undefined-only "$objects"/*.o | awk '{print $2}' | swift demangle --simplified | sort -u | grep -xE \
    'MessageBus\.(start\(_:\)|adopt\(_:by:\)|send\(_:from:scratch:\))|ProcessActor\.run\(\)|ProcessDriver\.handle\(_:at:until:\)' || true)
if [[ -n $generic ]]; then
    echo "pmmc calls generic runtime code:" >&2
    echo "$generic" >&2
    exit 1
fi
echo "the runtime's hot path is specialized in pmmc"
