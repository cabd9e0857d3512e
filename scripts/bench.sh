#!/usr/bin/env bash
# Measures wxr against `xmllint --stream --noout` on the same generated export, in the same run.
#
#   scripts/bench.sh                 # 20,000 posts (about 140 MB), then 80,000 posts for the memory check
#   POSTS=5000 BIG_POSTS=0 scripts/bench.sh
#
# Prints each figure as a ratio to xmllint's time (best of RUNS), and wxr's peak RSS from /usr/bin/time -v.
# Targets: ndjson at most 2x xmllint, sqlite (FTS included) at most 3x, a Hugo site (markdown) at most 6x;
# peak RSS the same at both sizes; the content engine at least 20 MB/s of post content on one core.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
shared=${WXR_SHARED:-$root/../shared}
posts=${POSTS:-20000}
big_posts=${BIG_POSTS:-80000}
runs=${RUNS:-3}
work=${BENCH_DIR:-${TMPDIR:-/tmp}/wxr-bench}
mkdir -p "$work"

for tool in xmllint /usr/bin/time python3; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install libxml2-utils time python3)" >&2; exit 1; }
done
[ -f "$shared/tools/wxrgen.py" ] || { echo "bench: $shared/tools/wxrgen.py not found (set WXR_SHARED)" >&2; exit 1; }

(cd "$root" && swift build -c release --product wxr >/dev/null)
wxr="$root/.build/release/wxr"

generate() {
    local n=$1 file="$work/posts-$1.xml"
    [ -s "$file" ] || python3 "$shared/tools/wxrgen.py" --posts "$n" -o "$file"
    echo "$file"
}

# smaller BEST T: T when BEST is empty or larger, else BEST.
smaller() {
    if [ -z "$1" ] || awk "BEGIN{exit !($2 < $1)}"; then echo "$2"; else echo "$1"; fi
}

# best_time CMD...: the fastest wall time of $runs runs, in seconds.
best_time() {
    local best="" t
    for _ in $(seq "$runs"); do
        /usr/bin/time -o "$work/time.txt" -f "%e" "$@" >/dev/null 2>&1
        t=$(tail -n 1 "$work/time.txt")
        best=$(smaller "$best" "$t")
    done
    echo "$best"
}

peak_rss_mb() {
    /usr/bin/time -o "$work/time.txt" -v "$@" >/dev/null 2>&1
    awk -F: '/Maximum resident set size/ {printf "%.1f", $2/1024}' "$work/time.txt"
}

measure() {
    local n=$1 file size baseline
    file=$(generate "$n")
    size=$(stat -c %s "$file")
    baseline=$(best_time xmllint --stream --noout "$file")
    printf '\n%s posts, %.1f MB\n' "$n" "$(awk "BEGIN{print $size/1048576}")"
    printf '  %-34s %7.2f s   1.00x   %6.1f MB/s\n' "xmllint --stream --noout" "$baseline" "$(awk "BEGIN{print $size/1048576/$baseline}")"
    for format in ndjson json sqlite; do
        local t rss
        t=$(best_time "$wxr" convert "$file" --to "$format" --output "$work/out.$format" --force --quiet)
        rss=$(peak_rss_mb "$wxr" convert "$file" --to "$format" --output "$work/out.$format" --force --quiet)
        printf '  %-34s %7.2f s  %5.2fx   peak RSS %s MB\n' "wxr convert --to $format" "$t" "$(awk "BEGIN{print $t/$baseline}")" "$rss"
    done
    measure_site "$file" "$baseline"
    local t rss
    t=$(best_time "$wxr" stats "$file")
    rss=$(peak_rss_mb "$wxr" stats "$file")
    printf '  %-34s %7.2f s  %5.2fx   peak RSS %s MB\n' "wxr stats (reader alone)" "$t" "$(awk "BEGIN{print $t/$baseline}")" "$rss"
    measure_compressed "$file" "$t"
    rm -f "$work/out.ndjson" "$work/out.json" "$work/out.sqlite"
}

# Compressed input: `wxr stats` on the export gzipped and zipped (inflated as read), as a ratio to the plain
# file's time just measured. Target: at most 1.5x.
measure_compressed() {
    local file=$1 plain=$2 packed t rss
    if ! command -v gzip >/dev/null || ! command -v zip >/dev/null; then
        echo "  (gzip or zip is missing: compressed input not measured)"
        return
    fi
    [ -s "$file.gz" ] || gzip -c "$file" > "$file.gz"
    [ -s "$file.zip" ] || zip -q -j "$file.zip" "$file"
    for packed in "$file.gz" "$file.zip"; do
        t=$(best_time "$wxr" stats "$packed")
        rss=$(peak_rss_mb "$wxr" stats "$packed")
        printf '  %-34s %7.2f s  %5.2fx plain   peak RSS %s MB\n' "wxr stats, .${packed##*.} input" "$t" \
            "$(awk "BEGIN{print $t/$plain}")" "$rss"
    done
}

# The Markdown site: each timed run writes a new folder (a re-run into the same one only compares), and the
# folders are removed at the end, not between runs, so that no run pays for deleting the one before (ext4 is
# slow to create files just after a mass delete). Measured on /dev/shm (a tmpfs), which times wxr rather than
# the disk, then on the disk beside the export, with `cp -a` of the finished folder beside it: what creating
# the same files and folders costs that disk with no conversion at all.
measure_site() {
    local file=$1 baseline=$2
    [ -d /dev/shm ] && [ -w /dev/shm ] && measure_site_in "/dev/shm/wxr-bench-sites.$$" "$file" "$baseline" "tmpfs"
    measure_site_in "$work/sites" "$file" "$baseline" "disk"
    return 0
}

measure_site_in() {
    local sites=$1 file=$2 baseline=$3 medium=$4 best="" rss=0 t m
    rm -rf "$sites" && mkdir -p "$sites"
    sync && sleep 2
    for run in $(seq "$runs"); do
        /usr/bin/time -o "$work/time.txt" -f "%e %M" "$wxr" convert "$file" --to markdown --flavor hugo \
            --output "$sites/site-$run" --quiet >/dev/null 2>&1
        read -r t m < <(tail -n 1 "$work/time.txt")
        best=$(smaller "$best" "$t")
        [ "$m" -gt "$rss" ] && rss=$m
    done
    printf '  %-34s %7.2f s  %5.2fx   peak RSS %.1f MB, %s files in %s folders\n' "wxr convert --to markdown ($medium)" \
        "$best" "$(awk "BEGIN{print $best/$baseline}")" "$(awk "BEGIN{print $rss/1024}")" \
        "$(find "$sites/site-1" -type f | wc -l)" "$(find "$sites/site-1" -type d | wc -l)"
    if [ "$medium" = disk ]; then
        best=""
        for run in $(seq "$runs"); do
            /usr/bin/time -o "$work/time.txt" -f "%e" cp -a "$sites/site-1" "$sites/copy-$run"
            t=$(tail -n 1 "$work/time.txt")
            best=$(smaller "$best" "$t")
        done
        sync
        printf '  %-34s %7.2f s  %5.2fx\n' "  cp -a of that folder (disk alone)" "$best" "$(awk "BEGIN{print $best/$baseline}")"
    fi
    t=$(best_time "$wxr" convert "$file" --to markdown --flavor hugo --output "$sites/site-1" --quiet)
    printf '  %-34s %7.2f s  %5.2fx\n' "  again into it (nothing changed)" "$t" "$(awk "BEGIN{print $t/$baseline}")"
    rm -rf "$sites"
}

# The content engine alone, on one core: the time spent converting post content, not reading the export.
measure_content() {
    local file
    file=$(generate "$1")
    printf '\n%s posts, content engine (HTML to Markdown, one core; target at least 20 MB/s)\n' "$1"
    "$wxr" render "$file" --all --timing 2>&1 >/dev/null | sed 's/^/  /'
}

echo "wxr benchmark: ratios are to xmllint --stream --noout on the same file, best of $runs runs"
measure "$posts"
measure_content "$posts"
[ "$big_posts" -gt 0 ] && measure "$big_posts"
exit 0
