#!/usr/bin/env bash
# Soak benchmark: runs each engine's whole pipeline many times in a JVM of its own and records memory
# over time; writes into deocc-bench/target/:
#   soak-<engine>.tsv           the time series (iteration, seconds, RSS, heap, direct memory, live
#                               NDArrays, threads, open files), a row every K runs
#   soak-<engine>-summary.tsv   RSS after warm-up (median of the run's 10-20 %) and at the end (median of
#                               its last 10 %), the growth and the verdict against the bound
#   soak-summary.md             the summaries as one Markdown table (for docs/PERFORMANCE.md)
#
# Usage: deocc-bench/soak.sh [--engine reference|djl|onnx|all] [--iterations N] [--every K] [--width W]
#                            [--height H] [--threads T] [--heap SIZE] [--bound PERCENT]
#   defaults: all engines, 10000 runs, a sample every N/200 runs, 128x160 scenes, 2 threads, heap 256m, 5 %.
# The djl and onnx engines load the shipped models from models/ (or DEOCC_MODELS when set).
# Needs the build first: mvn -q install -DskipTests (from the repository root).
set -euo pipefail

here="$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
target="$here/target"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

engines="reference djl onnx"
iterations=10000
every=""
width=128
height=160
threads=2
heap=256m
bound=5
while [ $# -gt 0 ]; do
  case "$1" in
    --engine)
      case "$2" in
        all) engines="reference djl onnx" ;;
        reference | djl | onnx) engines="$2" ;;
        *) echo "soak.sh: unknown engine '$2': use --engine reference, djl, onnx or all" >&2; exit 2 ;;
      esac
      shift ;;
    --iterations) iterations="$2"; shift ;;
    --every) every="$2"; shift ;;
    --width) width="$2"; shift ;;
    --height) height="$2"; shift ;;
    --threads) threads="$2"; shift ;;
    --heap) heap="$2"; shift ;;
    --bound) bound="$2"; shift ;;
    -h | --help) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "soak.sh: unknown option '$1': use --engine, --iterations, --every, --width, --height, --threads, --heap or --bound" >&2; exit 2 ;;
  esac
  shift
done
[ -n "$every" ] || every=$(( iterations / 200 > 0 ? iterations / 200 : 1 ))

if [ ! -f "$target/bench-classpath.txt" ] || [ ! -f "$target/classes/io/deocc/bench/Soak.class" ]; then
  echo "soak.sh: the build output is missing in $target: run 'mvn -q install -DskipTests' in $root" >&2
  exit 1
fi
classpath="$target/classes:$(cat "$target/bench-classpath.txt")"
models="${DEOCC_MODELS:-$root/models}"

summaries=()
for engine in $engines; do
  rm -f "$target/soak-$engine.tsv" "$target/soak-$engine-summary.tsv"
  echo "soak: $engine, $iterations runs, a sample every $every, ${width}x${height}, heap $heap" >&2
  start=$SECONDS
  # A fixed heap, committed and touched up front (-Xms = -Xmx, AlwaysPreTouch), so that the heap growing
  # into its limit does not read as a leak; direct buffers capped at the same size, so that they are
  # reclaimed at that bound at the latest. What RSS then gains is native memory: libtorch, malloc, the JIT.
  "$java" -Xms"$heap" -Xmx"$heap" -XX:+AlwaysPreTouch -XX:MaxDirectMemorySize="$heap" -Ddeocc.models="$models" \
    -cp "$classpath" io.deocc.bench.Soak --engine "$engine" --iterations "$iterations" --every "$every" \
    --width "$width" --height "$height" --threads "$threads" --bound "$bound" --out "$target"
  echo "soak: $engine took $((SECONDS - start)) s" >&2
  summaries+=("$target/soak-$engine-summary.tsv")
done

report="$target/soak-summary.md"
"$java" -cp "$classpath" io.deocc.bench.Soak --report "$report" "${summaries[@]}"
{
  echo
  echo "Run: $(date -u +%Y-%m-%dT%H:%MZ); ${width}x${height} scenes, heap $heap, libtorch threads $threads;" \
    "$(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'));" \
    "$("$java" -version 2>&1 | head -1)."
} >> "$report"
cat "$report"
