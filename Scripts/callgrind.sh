#!/usr/bin/env bash
# Prints how many instructions a command executes, counted by callgrind: the same count on
# every run, whatever else the machine is doing. The command's own output is discarded, or
# kept in the file CALLGRIND_STDOUT names.
#
# Usage: [CALLGRIND_STDOUT=FILE] Scripts/callgrind.sh COMMAND [ARGUMENTS...]
set -euo pipefail
if ! command -v valgrind >/dev/null; then
    echo "callgrind: valgrind is not installed" >&2
    exit 1
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# valgrind 3.19 writes into the signal mask a program passes to sigsuspend, and libdispatch's
# (parked main thread of an async main) is read-only: valgrind crashes. A preloaded sigsuspend
# that passes a copy avoids it and changes nothing else.
cat >"$out/sigsuspend.c" <<'C'
#define _GNU_SOURCE
#include <signal.h>
#include <unistd.h>
#include <sys/syscall.h>
int sigsuspend(const sigset_t *mask) {
    sigset_t copy = *mask;
    return (int)syscall(SYS_rt_sigsuspend, &copy, _NSIG / 8);
}
C
cc -shared -fPIC -O2 -o "$out/sigsuspend.so" "$out/sigsuspend.c"
LD_PRELOAD="$out/sigsuspend.so" valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.out" "$@" \
    >"${CALLGRIND_STDOUT:-/dev/null}" 2>"$out/valgrind" || true
if [[ ! -s $out/callgrind.out ]]; then
    cat "$out/valgrind" >&2
    exit 1
fi
grep -E '^summary:' "$out/callgrind.out" | awk '{print $2}'
exit 0
