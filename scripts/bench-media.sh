#!/usr/bin/env bash
# Measures `wxr media`: FILES files of SIZE_KB KB from loopback servers that add LATENCY_MS to every request,
# with the default jobs against the same files fetched one at a time (--media-jobs 1), then a re-run with every
# file present. Time and peak RSS; ratios to the one-at-a-time run of the same session.
#
# The files are spread over two hosts (127.0.0.1 and 127.0.0.2, a server each), as a WordPress.com site's are
# over its files host and the CDN's: wxr takes at most 4 at once from one host, so one host alone caps the gain
# at 4x whatever the jobs.
#
#   scripts/bench-media.sh                       # 2,000 files of 100 KB, 50 ms latency
#   FILES=200 scripts/bench-media.sh
#
# Targets: at least 6x faster than one at a time; the re-run under a second.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
files=${FILES:-2000}
size_kb=${SIZE_KB:-100}
latency=${LATENCY_MS:-50}
work=${BENCH_DIR:-${TMPDIR:-/tmp}/wxr-bench-media}
rm -rf "$work" && mkdir -p "$work/served"

for tool in python3 /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "bench-media: $tool is missing" >&2; exit 1; }
done
(cd "$root" && swift build -c release --product wxr >/dev/null)
wxr="$root/.build/release/wxr"

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
ports=()
for host in 127.0.0.1 127.0.0.2; do
    python3 "$root/scripts/media-test-server.py" --port 0 --host "$host" --root "$work/served" --latency-ms "$latency" \
        > "$work/server-$host.out" &
    pids+=($!)
    for _ in $(seq 100); do grep -q READY "$work/server-$host.out" 2>/dev/null && break; sleep 0.1; done
    ports+=("$(awk '/READY/ {print $2}' "$work/server-$host.out")")
    [ -n "${ports[-1]}" ] || { echo "bench-media: the server on $host did not start" >&2; exit 1; }
done

# An export of $files attachments on the loopback site, and the files themselves.
python3 - "$work" "$files" "$size_kb" "http://127.0.0.1:${ports[0]}" "http://127.0.0.2:${ports[1]}" <<'PY'
import os, sys
work, count, size_kb, base, other = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
items = []
for i in range(count):
    path = f"wp-content/uploads/2024/{i % 12 + 1:02d}/photo-{i}.jpg"
    full = os.path.join(work, "served", path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "wb") as f:
        f.write(b"\xff\xd8\xff\xe0" + bytes([i % 251]) * (size_kb * 1024 - 4))
    items.append(f"""<item><title>photo {i}</title><link>{base}/photo-{i}/</link><wp:post_id>{i + 10}</wp:post_id>
<wp:post_type><![CDATA[attachment]]></wp:post_type><wp:status><![CDATA[inherit]]></wp:status>
<wp:attachment_url><![CDATA[{(base, other)[i % 2]}/{path}]]></wp:attachment_url></item>""")
with open(os.path.join(work, "export.xml"), "w") as f:
    f.write(f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Bench</title><link>{base}</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>{base}</wp:base_site_url><wp:base_blog_url>{base}</wp:base_blog_url>
{chr(10).join(items)}
</channel></rss>
""")
PY

# seconds_and_rss JOBS FOLDER: wall time and peak RSS (MB) of one run into FOLDER.
measure() {
    /usr/bin/time -o "$work/time.txt" -f "%e %M" "$wxr" media "$work/export.xml" --output "$2" --flavor plain \
        --media-allow-private --media-jobs "$1" --quiet >/dev/null 2>&1 || { echo "bench-media: wxr media failed" >&2; exit 1; }
    read -r t m < <(tail -n 1 "$work/time.txt")
    echo "$t $(awk "BEGIN{printf \"%.1f\", $m/1024}")"
}

echo "wxr media: $files files of $size_kb KB, $latency ms latency per request, two loopback hosts"
read -r serial serial_rss < <(measure 1 "$work/site-serial")
printf '  %-36s %7.2f s   1.00x   peak RSS %s MB\n' "one at a time (--media-jobs 1)" "$serial" "$serial_rss"
read -r parallel parallel_rss < <(measure 8 "$work/site")
printf '  %-36s %7.2f s  %5.1fx faster   peak RSS %s MB\n' "default (8 jobs, 4 per host)" "$parallel" \
    "$(awk "BEGIN{print $serial/$parallel}")" "$parallel_rss"
read -r again again_rss < <(measure 8 "$work/site")
printf '  %-36s %7.2f s   peak RSS %s MB\n' "again, everything present" "$again" "$again_rss"
rm -rf "$work"
