#!/usr/bin/env bash
# Measures wxr's Markdown export against its peer, pelican-import (with pandoc), and against
# `xmllint --stream --noout`, on the same generated export, in the same run.
#
#   scripts/bench-peers.sh                      # 2,000 posts, best of 3 runs
#   RUNS=1 POSTS=500 scripts/bench-peers.sh
#   WXR=/path/to/wxr scripts/bench-peers.sh     # use this binary instead of building one
#   BENCH_DIR=/tmp/peers scripts/bench-peers.sh # keep the export and every tool's output there
#
# For each tool: the best wall time of RUNS runs, its ratio to xmllint, the CPU time (user + system) of that
# run, and the largest peak RSS seen (of any one process: pelican-import's Python, or a pandoc it starts).
# It also counts the .md files each tool wrote, by folder, so the comparison says whether the same posts
# came out. Missing tools are installed: pelican (PyPI, pinned below) and, when root, Debian's pandoc,
# libxml2-utils and time. A wxr without the Markdown exporter is reported as not available.
set -euo pipefail

pelican_pins=(pelican==4.12.0 beautifulsoup4==4.15.0 lxml==6.1.3)

root=$(cd "$(dirname "$0")/.." && pwd)
shared=${WXR_SHARED:-$root/../shared}
posts=${POSTS:-2000}
runs=${RUNS:-3}
peer_venv=${PEER_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/wxr/bench-peers-venv}

if [ -n "${BENCH_DIR:-}" ]; then
    work=$BENCH_DIR
    mkdir -p "$work"
else
    work=$(mktemp -d "${TMPDIR:-/tmp}/wxr-bench-peers.XXXXXX")
    trap 'rm -rf "$work"' EXIT
fi

[ -f "$shared/tools/wxrgen.py" ] || { echo "bench-peers: skipped, $shared/tools/wxrgen.py not found (set WXR_SHARED)"; exit 0; }

install_debian_tools() {
    local missing=()
    command -v pandoc >/dev/null || missing+=(pandoc)
    command -v xmllint >/dev/null || missing+=(libxml2-utils)
    [ -x /usr/bin/time ] || missing+=(time)
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
        echo "bench-peers: missing ${missing[*]}; install them (apt-get install ${missing[*]})" >&2
        exit 1
    fi
    echo "bench-peers: installing ${missing[*]}" >&2
    apt-get install -y -q "${missing[@]}" >/dev/null \
        || { apt-get update -q >/dev/null && apt-get install -y -q "${missing[@]}" >/dev/null; }
}

# A Python that can import pelican and the two libraries its WordPress importer needs, or nothing.
peer_python() {
    local python
    for python in python3 "$peer_venv/bin/python"; do
        if command -v "$python" >/dev/null && "$python" -c 'import pelican, bs4, lxml' 2>/dev/null; then
            echo "$python"
            return 0
        fi
    done
    return 1
}

install_pelican() {
    echo "bench-peers: installing ${pelican_pins[*]}" >&2
    if ! python3 -m pip install -q "${pelican_pins[@]}" >&2; then
        # An externally managed Python (PEP 668) refuses: use a virtual environment of our own.
        python3 -m venv "$peer_venv" >&2
        "$peer_venv/bin/python" -m pip install -q "${pelican_pins[@]}" >&2
    fi
}

install_debian_tools
command -v python3 >/dev/null || { echo "bench-peers: python3 is missing" >&2; exit 1; }
python=$(peer_python) || { install_pelican; python=$(peer_python); } \
    || { echo "bench-peers: could not install pelican" >&2; exit 1; }
pelican_import="$("$python" -c 'import sysconfig; print(sysconfig.get_path("scripts"))')/pelican-import"
pelican_version=$("$python" -c 'import importlib.metadata as m; print(m.version("pelican"))')

# The wxr binary: $WXR, else a release build (incremental, like bench.sh); a failed build falls back
# to the binary already there, if any.
wxr=${WXR:-$root/.build/release/wxr}
if [ -z "${WXR:-}" ]; then
    (cd "$root" && swift build -c release --product wxr >/dev/null 2>"$work/build.log") \
        || echo "bench-peers: swift build failed (see below); using the existing binary if any" >&2
fi

export_file="$work/posts-$posts.xml"
manifest="$work/posts-$posts.json"
[ -s "$export_file" ] || python3 "$shared/tools/wxrgen.py" --posts "$posts" -o "$export_file" --manifest "$manifest"

# measure NAME OUT CMD...: runs CMD $runs times, each into an empty OUT (if OUT is not "-"), and sets
# best_seconds, best_cpu_seconds, peak_rss_mb and exit_status (of the last run).
measure() {
    local name=$1 out=$2
    shift 2
    best_seconds="" best_cpu_seconds="" peak_rss_mb=0 exit_status=0
    local start end seconds cpu rss_kb
    for _ in $(seq "$runs"); do
        [ "$out" = - ] || { rm -rf "$out"; mkdir -p "$out"; }
        start=$(date +%s%N)
        exit_status=0
        /usr/bin/time -o "$work/$name.time" -f '%U %S %M' "$@" >"$work/$name.stdout" 2>"$work/$name.stderr" \
            || exit_status=$?
        end=$(date +%s%N)
        seconds=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", (e - s) / 1e9 }')
        read -r cpu rss_kb < <(tail -n 1 "$work/$name.time" | awk '{ printf "%.2f %d\n", $1 + $2, $3 }')
        if [ -z "$best_seconds" ] || awk -v a="$seconds" -v b="$best_seconds" 'BEGIN { exit !(a < b) }'; then
            best_seconds=$seconds best_cpu_seconds=$cpu
        fi
        peak_rss_mb=$(awk -v a="$rss_kb" -v b="$peak_rss_mb" 'BEGIN { m = a / 1024; printf "%.1f", (m > b ? m : b) }')
        [ "$exit_status" -eq 0 ] || break
    done
}

# markdown_files DIR: how many .md files DIR holds, by folder (the first two levels below DIR); the six
# fullest folders by name, the rest summed (Hugo's pages are a folder each).
markdown_files() {
    find "$1" -name '*.md' -printf '%P\n' \
        | awk -F/ '{ print NF == 1 ? "./" : (NF == 2 ? $1 "/" : $1 "/" $2 "/") }' \
        | sort | uniq -c | sort -k1,1nr -k2 \
        | awk '{ total += $1 }
               NR <= 6 { folders = folders (NR == 1 ? "" : ", ") $1 " in " $2 }
               NR > 6 { others += $1; other_folders++ }
               END {
                   if (other_folders) folders = folders ", " others " in " other_folders " other folders"
                   printf "%d .md: %s\n", total, folders
               }'
}

row() { printf '  %-46s %8s %8s %8s %10s\n' "$@"; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fx", a / b }'; }

echo "wxr against its peers: $posts-post export, best of $runs runs, $(nproc) cores"
echo "  $(xmllint --version 2>&1 | head -n 1)"
echo "  pelican $pelican_version ($pelican_import), $(pandoc --version | head -n 1)"
python3 - "$manifest" "$export_file" <<'EOF'
import json, os, sys
manifest, export = sys.argv[1], sys.argv[2]
counts = json.load(open(manifest))["counts"] if os.path.exists(manifest) else {}
types = ", ".join(f"{v} {k[5:]}" for k, v in sorted(counts.items()) if k.startswith("type:"))
statuses = ", ".join(f"{v} {k[7:]}" for k, v in sorted(counts.items()) if k.startswith("status:"))
print(f"  export: {os.path.getsize(export) / 1048576:.1f} MB; {types}; status {statuses}; {counts.get('comments', '?')} comments")
EOF
echo
row "tool" "seconds" "ratio" "cpu s" "peak RSS"

measure xmllint - xmllint --stream --noout "$export_file"
[ "$exit_status" -eq 0 ] || { echo "bench-peers: xmllint failed on $export_file" >&2; cat "$work/xmllint.stderr" >&2; exit 1; }
baseline=$best_seconds
row "xmllint --stream --noout" "$baseline" "1.0x" "$best_cpu_seconds" "$peak_rss_mb MB"

pelican_out="$work/pelican"
measure pelican "$pelican_out" "$pelican_import" --wpfile -m markdown --dir-page --wp-custpost -o "$pelican_out" "$export_file"
if [ "$exit_status" -eq 0 ]; then
    pelican_seconds=$best_seconds
    row "pelican-import --wpfile -m markdown" "$pelican_seconds" "$(ratio "$pelican_seconds" "$baseline")" \
        "$best_cpu_seconds" "$peak_rss_mb MB"
else
    pelican_seconds=""
    row "pelican-import --wpfile -m markdown" "failed" "" "" ""
    tail -n 5 "$work/pelican.stderr" | sed 's/^/    /'
fi

wxr_out="$work/wxr"
wxr_seconds=""
if [ -x "$wxr" ] && "$wxr" convert --help 2>/dev/null | grep -qi markdown; then
    measure wxr "$wxr_out" "$wxr" convert "$export_file" --to markdown --flavor hugo --output "$wxr_out" --force -q
    # Exit code 1 means the validation report has errors; the output is written all the same.
    if [ "$exit_status" -le 1 ] && [ -n "$(find "$wxr_out" -name '*.md' -print -quit)" ]; then
        wxr_seconds=$best_seconds
        row "wxr convert --to markdown --flavor hugo" "$wxr_seconds" "$(ratio "$wxr_seconds" "$baseline")" \
            "$best_cpu_seconds" "$peak_rss_mb MB"
    else
        echo "  wxr markdown: not available (exit status $exit_status)"
        tail -n 5 "$work/wxr.stderr" | sed 's/^/    /'
    fi
else
    echo "  wxr markdown: not available ($wxr has no Markdown exporter)"
    [ -s "$work/build.log" ] && tail -n 5 "$work/build.log" | sed 's/^/    /'
fi

echo
if [ -n "$pelican_seconds" ] && [ -n "$wxr_seconds" ]; then
    echo "  pelican / wxr: $(ratio "$pelican_seconds" "$wxr_seconds") (wall time)"
fi
echo "  what each wrote:"
[ -n "$pelican_seconds" ] && echo "    pelican-import: $(markdown_files "$pelican_out"); $(cat "$work/pelican.stdout" "$work/pelican.stderr" | grep -c WARNING || true) warnings"
[ -n "$wxr_seconds" ] && echo "    wxr:            $(markdown_files "$wxr_out")"
[ -n "${BENCH_DIR:-}" ] && echo "  outputs kept in $work"
exit 0
