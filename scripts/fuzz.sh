#!/usr/bin/env bash
# Fuzzes the WXR reader (sanitizer, recovery, assembler), the validator and the content engine (blocks,
# shortcodes, autop, HTML parser, Markdown writer) with libFuzzer and AddressSanitizer.
#
#   scripts/fuzz.sh                      # runs until stopped, on one core
#   FUZZ_TIME=600 scripts/fuzz.sh        # ten minutes
#   FUZZ_JOBS=2 FUZZ_TIME=300 scripts/fuzz.sh
#
# The corpus starts from the test fixtures and samples (and ../shared/corpus when present) and grows in
# $FUZZ_DIR/corpus (default /tmp/wxr-fuzz); crashes land in $FUZZ_DIR/crashes. Each crash becomes a regression test: copy the input into
# Tests/WXRKitTests/Fixtures/fuzz/ and FuzzRegressionTests reads it. Built in a scratch directory of its
# own (FUZZ_BUILD), so the normal build is never touched.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
shared=${WXR_SHARED:-$root/../shared}
build=${FUZZ_BUILD:-${TMPDIR:-/tmp}/wxr-fuzz/build}
work=${FUZZ_DIR:-${TMPDIR:-/tmp}/wxr-fuzz}
mkdir -p "$work/corpus" "$work/crashes" "$work/seeds"

cp "$root"/Tests/WXRKitTests/Fixtures/*.xml "$root"/samples/*.xml "$work/seeds/" 2>/dev/null || true
if [ -d "$shared/corpus" ]; then
    # Small files only: libFuzzer works best on inputs of a few kilobytes.
    find "$shared/corpus" -name '*.xml' -size -64k -exec cp {} "$work/seeds/" \;
fi

(cd "$root/Fuzz" && swift build -c debug --scratch-path "$build" -Xswiftc -sanitize=fuzzer,address \
    -Xswiftc -parse-as-library >&2)
fuzzer="$build/debug/ReaderFuzzer"

args=(-max_len=65536 -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$work/crashes/" "$work/corpus" "$work/seeds")
[ -n "${FUZZ_TIME:-}" ] && args=(-max_total_time="$FUZZ_TIME" "${args[@]}")
if [ -n "${FUZZ_JOBS:-}" ]; then args=(-jobs="$FUZZ_JOBS" -workers="$FUZZ_JOBS" "${args[@]}"); fi
exec "$fuzzer" "${args[@]}"
