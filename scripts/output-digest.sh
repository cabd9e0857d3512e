#!/usr/bin/env bash
# Converts the sample, every export of ../shared/corpus and two generated exports to every format and flavor
# with one wxr binary, and prints a SHA-256 per output file: run it with the binary before and after a
# change and diff the two lists to see exactly which outputs changed.
#
#   scripts/output-digest.sh .build/release/wxr > before.txt
#   ... change, rebuild ...
#   scripts/output-digest.sh .build/release/wxr > after.txt && diff before.txt after.txt
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${WXR_SHARED:-$root/../shared}
wxr=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work=$(mktemp -d "${TMPDIR:-/tmp}/wxr-digest.XXXXXX")
trap 'rm -rf "$work"' EXIT

inputs=("$root/samples/looking-left.wordpress.xml")
if [ -d "$shared/corpus" ]; then
    while IFS= read -r file; do inputs+=("$file"); done < <(find "$shared/corpus" -name '*.xml' | sort)
fi
if [ -f "$shared/tools/wxrgen.py" ]; then
    for seed in 1 2; do
        python3 "$shared/tools/wxrgen.py" --posts 300 --seed "$seed" --faults all -o "$work/generated-$seed.xml"
        inputs+=("$work/generated-$seed.xml")
    done
fi

for input in "${inputs[@]}"; do
    case "$input" in
        "$work"/*) name=$(basename "$input" .xml) ;;            # generated here: the same name every run
        *) name=$(basename "$(dirname "$input")")-$(basename "$input" .xml) ;;
    esac
    out="$work/$name"
    mkdir -p "$out"
    for format in json ndjson sqlite; do
        "$wxr" convert "$input" --to "$format" --output "$out/site.$format" --quiet >/dev/null 2>&1 || true
        [ -f "$out/site.$format" ] && [ "$format" = sqlite ] && sqlite3 "$out/site.$format" .dump > "$out/site.sqlite.sql" && rm "$out/site.$format"
        [ -f "$out/site.$format.report.json" ] && mv "$out/site.$format.report.json" "$out/$format.report.json"
    done
    for flavor in hugo jekyll eleventy astro plain; do
        "$wxr" convert "$input" --to markdown --flavor "$flavor" --output "$out/$flavor" --quiet --jobs 2 >/dev/null 2>&1 || true
    done
done
cd "$work"
find . -type f | sort | while IFS= read -r file; do
    printf '%s  %s\n' "$(sha256sum < "$file" | cut -c1-16)" "${file#./}"
done
