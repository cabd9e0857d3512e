#!/usr/bin/env bash
# Runs the tests as a user with nothing beside the checkout would: a fresh clone of this repository's HEAD
# with no ../shared beside it, and PATH without the programs some tests use (hugo, jekyll, chromium,
# cmark-gfm, nginx, python3, sqlite3, GNU time, xz, bzip2, zip). Every test must pass or skip with a message
# naming what is missing; the build must print no warning.
#
#   scripts/test-without-externals.sh            (takes a clean build's time, a few minutes)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/wxr-bare.XXXXXX)"
trap 'rm -rf "$work"' EXIT

git clone --quiet "$root" "$work/wxr"
mkdir "$work/bin"
swift_dir="$(dirname "$(command -v swift)")"
hidden=" hugo jekyll chromium chromium-browser google-chrome cmark cmark-gfm nginx python3 sqlite3 time xz bzip2 zip "
IFS=: read -ra folders <<< "$PATH"
for folder in "${folders[@]}"; do
    [ -d "$folder" ] || continue
    for program in "$folder"/*; do
        name="$(basename "$program")"
        case "$hidden" in *" $name "*) continue ;; esac
        case "$name" in python3.*) continue ;; esac
        [ -e "$work/bin/$name" ] || ln -s "$program" "$work/bin/$name"
    done
done

cd "$work/wxr"
export PATH="$work/bin:$swift_dir"
build_log="$work/build.log"
swift build --build-tests 2>&1 | tee "$build_log" | tail -1
# A dependency's own manifest warnings (swift-distributed-tracing ships a CMakeLists.txt SwiftPM does not use)
# are not ours to fix.
ours() { grep "warning:" "$build_log" | grep -v "^warning: '[^']*': found [0-9]* file(s) which are unhandled" || true; }
if [ -n "$(ours)" ]; then
    ours | sort -u >&2
    echo "test-without-externals: the build printed warnings" >&2
    exit 1
fi
swift test 2>&1 | tee "$work/test.log" | grep -E "skipped|Test run with|✘" | sed 's/ after [0-9.]* seconds//' | sort -u
grep -q "Test run with .* passed" "$work/test.log"
