#!/usr/bin/env bash
# Runs what CI runs: the test suite, CLI usage checks and the determinism check.
exec "$(dirname "$0")/../.ci/run" "$@"
