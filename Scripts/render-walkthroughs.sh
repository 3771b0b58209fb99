#!/usr/bin/env bash
# Renders every walk-through into the files that review its output:
#   Tests/PMMCTeachingTests/Golden/walkthroughs/NAME.txt   text (the golden-file tests compare it)
#   Docs/walkthroughs/NAME.md and NAME.svg                 Markdown and SVG (embedded in Docs/Walkthroughs.md)
# Run it after changing a walk-through, the protocol or a renderer, and review the diff.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product pmmc
pmmc="$(swift build --show-bin-path)/pmmc"
mkdir -p Tests/PMMCTeachingTests/Golden/walkthroughs Docs/walkthroughs
for name in $("$pmmc" walkthrough --list | tail -n +2 | awk '{print $1}'); do
    echo "rendering $name" >&2
    "$pmmc" walkthrough "$name" --format text --colour never --output "Tests/PMMCTeachingTests/Golden/walkthroughs/$name.txt"
    "$pmmc" walkthrough "$name" --format markdown --output "Docs/walkthroughs/$name.md"
    "$pmmc" walkthrough "$name" --format svg --output "Docs/walkthroughs/$name.svg"
done
