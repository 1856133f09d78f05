#!/usr/bin/env bash
# Instruction count of a corpus run: `sharegraph statements` over apps-2024 (or the given
# directory) on one thread under `valgrind --tool=callgrind`, then the instructions per policy and
# per MB and the functions that execute most of them (with what the compiler inlined into each).
#
#   bash benches/instructions.sh [DIR] [TOP]    # from the repo root; needs valgrind
#
# Wall-clock figures on a shared VM swing by ±20% between runs minutes apart; an instruction
# count stays within about 1% over runs of the same binary and input (what varies is the worker
# and writer threads' hand-offs), so this is the yardstick for a change that saves a few percent.
# It does not see cache misses or page faults: check those with `cargo run --example throughput`.
# The statements it wrote are left in $TMPDIR/sharegraph-instructions.csv for comparing two builds.
set -euo pipefail
DIR=${1:-../shared/corpus/apps-2024/html}
TOP=${2:-15}
if [ ! -d "$DIR" ]; then
  echo "$DIR not found: skipping the instruction count"
  exit 0
fi
if ! command -v valgrind >/dev/null 2>&1; then
  echo "valgrind not found: apt-get install -y valgrind"
  exit 1
fi
# Release code with line tables, so the report can name functions (Cargo.toml: [profile.profiling]).
cargo build --profile profiling --quiet --bin sharegraph
BIN=${CARGO_TARGET_DIR:-target}/profiling/sharegraph
OUT=${TMPDIR:-/tmp}/sharegraph-instructions
policies=$(find "$DIR" -type f | wc -l)
bytes=$(find "$DIR" -type f -print0 | du -cb --files0-from=- | tail -1 | cut -f1)
RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file="$OUT.callgrind" \
  "$BIN" statements -q "$DIR" > "$OUT.csv" 2> "$OUT.log"
total=$(callgrind_annotate "$OUT.callgrind" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
echo "$DIR: $policies policies, $(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1e6}') MB, $(($(wc -l < "$OUT.csv") - 1)) statements"
awk -v t="$total" -v p="$policies" -v b="$bytes" \
  'BEGIN {printf "instructions: %d M in all, %.2f M per policy, %d per byte\n", t / 1e6, t / p / 1e6, t / b}'
echo "top $TOP functions by instructions executed in them (inlined code included):"
# callgrind_annotate names inlined code by its source file and the function it was inlined into:
# summing by function gives the cost of each function as the profile of the binary sees it.
callgrind_annotate --threshold=100 "$OUT.callgrind" 2>/dev/null | python3 -c '
import collections, re, sys
total, top = int(sys.argv[1]), int(sys.argv[2])
cost = collections.Counter()
for line in sys.stdin:
    m = re.match(r"\s*([\d,]+) \(\s*[\d.]+%\)\s+\S+?:(.*?)(\s\[.*)?$", line)
    if m and "PROGRAM TOTALS" not in line:
        cost[m.group(2)] += int(m.group(1).replace(",", ""))
for name, n in cost.most_common(top):
    print(f"  {n / 1e6:8.1f} M {100 * n / total:5.1f}%  {name[:110]}")
' "$total" "$TOP"
