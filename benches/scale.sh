#!/usr/bin/env bash
# Scale run: a synthetic corpus of N policies (default 100 000: apps-2024 repeated with renamed
# vendors, made by examples/scale.rs in a temp dir), then wall time and peak RSS of `build`,
# `statements` and queries on the saved graph, measured with GNU time (apt-get install -y time);
# run as root, the queries are timed again with the page cache dropped (read from disk).
#
#   bash benches/scale.sh [N] [DIR]      # from the repo root; needs ../shared
#   SHAREGRAPH=/path/to/sharegraph bash benches/scale.sh   # measure that binary
#
# Prints one line per command: wall seconds, peak RSS in MB, user+sys CPU seconds, and the load
# average when it started (the machine may be shared: CPU seconds are the steadier figure).
set -euo pipefail
N=${1:-100000}
DIR=${2:-${TMPDIR:-/tmp}/sharegraph-scale-$N}
if [ ! -d ../shared/corpus/apps-2024/html ]; then
  echo "../shared/corpus/apps-2024/html not found: skipping the scale run"
  exit 0
fi
if [ ! -x /usr/bin/time ]; then
  echo "GNU time not found: apt-get install -y time"
  exit 1
fi
if [ -n "${SHAREGRAPH:-}" ]; then
  BIN=$SHAREGRAPH # a binary to measure, e.g. a copy that a rebuild cannot replace mid-run
else
  cargo build --release --quiet --bin sharegraph
  BIN=${CARGO_TARGET_DIR:-target}/release/sharegraph
fi
if [ -f "$DIR/files.txt" ] && [ "$(wc -l < "$DIR/files.txt")" -eq "$N" ]; then
  echo "$N policies already in $DIR"
else
  cargo build --release --quiet --example scale
  # sed, not head: head would exit after the first line and the rest of the output would
  # meet a closed pipe (the example then fails, and `set -o pipefail` stops the run).
  "${CARGO_TARGET_DIR:-target}/release/examples/scale" "$N" "$DIR" | sed -n 1p
fi
rm -rf "$DIR/out"

measure() { # name, output file, command...
  local name=$1 out=$2; shift 2
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -v -o "$DIR/time-$name.txt" "$@" > "$out" 2> "$DIR/stderr-$name.txt" || true
  awk -v name="$name" -v load="$load" '
    /Elapsed \(wall clock\)/ { n = split($NF, t, ":"); wall = (n == 3) ? t[1]*3600 + t[2]*60 + t[3] : t[1]*60 + t[2] }
    /User time/ { cpu += $NF } /System time/ { cpu += $NF }
    /Maximum resident set size/ { rss = $NF / 1024 }
    END { printf "%-28s wall %8.2f s   peak RSS %8.1f MB   CPU %8.2f s   (load %s)\n", name, wall, rss, cpu, load }
  ' "$DIR/time-$name.txt"
}

measure build /dev/null "$BIN" build --files-from "$DIR/files.txt" --out "$DIR/out" -q
tail -n 3 "$DIR/stderr-build.txt"
measure statements "$DIR/statements.csv" "$BIN" statements "$DIR/corpus" -q
echo "statements.csv: $(wc -l < "$DIR/statements.csv") lines, $(du -h "$DIR/statements.csv" | cut -f1)"
ls -la "$DIR/out"
for run in 1 2 3; do
  measure "who-receives-ip-address-$run" "$DIR/who-receives.txt" "$BIN" who-receives ip-address "$DIR/out/graph.sgb"
done
measure who-receives-one-vendor /dev/null "$BIN" who-receives ip-address --vendor TikTok17 "$DIR/out/graph.sgb"
measure party-flurry /dev/null "$BIN" party Flurry "$DIR/out/graph.sgb"
measure vendor-tiktok17 /dev/null "$BIN" vendor TikTok17 "$DIR/out/graph.sgb"
measure negatives-payment /dev/null "$BIN" negatives --data payment-card "$DIR/out/graph.sgb"
# Every policy's contradictions: the whole graph read a block of rows at a time (flat memory).
measure contradictions-csv "$DIR/contradictions.csv" "$BIN" contradictions --format csv "$DIR/out/graph.sgb" -q
echo "contradictions.csv: $(wc -l < "$DIR/contradictions.csv") lines"
rm -f "$DIR/contradictions.csv"
echo "who-receives ip-address: $(wc -l < "$DIR/who-receives.txt") lines of output"
# The same questions read from disk: the page cache dropped before each (root only).
if [ -w /proc/sys/vm/drop_caches ]; then
  cold() { sync; echo 3 > /proc/sys/vm/drop_caches; measure "$@"; }
  for run in 1 2 3; do
    cold "cold-who-receives-ip-$run" /dev/null "$BIN" who-receives ip-address "$DIR/out/graph.sgb"
  done
  cold cold-who-receives-email /dev/null "$BIN" who-receives email-address "$DIR/out/graph.sgb"
  cold cold-who-receives-one-vendor /dev/null "$BIN" who-receives ip-address --vendor TikTok17 "$DIR/out/graph.sgb"
  cold cold-party-flurry /dev/null "$BIN" party Flurry "$DIR/out/graph.sgb"
  cold cold-vendor-tiktok17 /dev/null "$BIN" vendor TikTok17 "$DIR/out/graph.sgb"
  cold cold-negatives-payment /dev/null "$BIN" negatives --data payment-card "$DIR/out/graph.sgb"
else
  echo "not root: no cold-cache runs (they drop the page cache)"
fi
echo "remove the corpus when done: rm -r $DIR"
