#!/usr/bin/env bash
# Runs the engine benchmarks and writes their results into deocc-bench/target/:
#   jmh-results.json   JMH's results (inference latency per network, batch and width)
#   jmh-output.txt     JMH's console output
#   peak-memory.tsv    one row per network, each measured in a JVM of its own (PeakMemory)
#   bench-results.md   both as Markdown tables, with GMAC per pass, GMAC/s, timings and the machine
#
# Usage: deocc-bench/run.sh [--jmh-only | --memory-only] [--size N] [--passes N] [--threads N] [-- JMH options]
#   JMH options go to org.openjdk.jmh.Main, e.g. a benchmark regex and -p overrides:
#   deocc-bench/run.sh --jmh-only -- BackboneBenchmark -p network=unet -p width=1 -p size=64 -wi 0 -i 1 -r 1s
# A phase left out keeps its earlier output file, and the report is built from whatever files exist.
# Needs the build first: mvn -q install -DskipTests (from the repository root).
set -euo pipefail

here="$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
target="$here/target"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

run_jmh=1
run_memory=1
size=256
passes=3
threads=2
jmh_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --jmh-only) run_memory=0 ;;
    --memory-only) run_jmh=0 ;;
    --size) size="$2"; shift ;;
    --passes) passes="$2"; shift ;;
    --threads) threads="$2"; shift ;;
    --) shift; jmh_args=("$@"); break ;;
    -h | --help) sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option '$1': use --jmh-only, --memory-only, --size N, --passes N, --threads N or -- JMH options" >&2; exit 2 ;;
  esac
  shift
done

if [ ! -f "$target/bench-classpath.txt" ] || [ ! -f "$target/classes/META-INF/BenchmarkList" ]; then
  echo "run.sh: the build output is missing in $target: run 'mvn -q install -DskipTests' in $(dirname "$here")" >&2
  exit 1
fi
classpath="$target/classes:$(cat "$target/bench-classpath.txt")"
start=$SECONDS

jmh_seconds=0
if [ "$run_jmh" = 1 ]; then
  rm -f "$target/jmh-results.json"
  phase=$SECONDS
  # thread count reaches the benchmarks as a JMH parameter unless the caller set one
  "$java" -cp "$classpath" org.openjdk.jmh.Main -rf json -rff "$target/jmh-results.json" \
    -p threads="$threads" "${jmh_args[@]+"${jmh_args[@]}"}" | tee "$target/jmh-output.txt"
  jmh_seconds=$((SECONDS - phase))
fi

memory_seconds=0
if [ "$run_memory" = 1 ]; then
  phase=$SECONDS
  memory="$target/peak-memory.tsv"
  rm -f "$memory"
  # network width depth batch — the configurations the JMH suite times
  while read -r network width depth batch; do
    [ -n "$network" ] || continue
    echo "peak memory: $network width $width depth $depth batch $batch size $size" >&2
    # a small, fixed heap: the activations live in libtorch's native memory, not on the Java heap
    "$java" -Xmx1g -cp "$classpath" io.deocc.bench.PeakMemory --network "$network" --width "$width" \
      --depth "$depth" --batch "$batch" --size "$size" --passes "$passes" --threads "$threads" --out "$memory"
  done <<'CONFIGS'
stacked-unet 1 4 1
stacked-unet 1 4 8
stacked-unet 4 4 1
stacked-unet 4 4 8
pconv-pga 1 1 1
pconv-pga 1 1 8
pconv-pga 4 1 1
pconv-pga 4 1 8
pconv-unet 1 1 1
pconv-unet 1 1 8
pconv-unet 4 1 1
pconv-unet 4 1 8
unet 2 4 1
resnet-unet 2 4 1
ae 2 4 1
vae 2 4 1
CONFIGS
  memory_seconds=$((SECONDS - phase))
fi

report="$target/bench-results.md"
"$java" -cp "$classpath" io.deocc.bench.BenchReport "$target/jmh-results.json" "$target/peak-memory.tsv" "$report"
{
  echo
  echo "Run: $(date -u +%Y-%m-%dT%H:%MZ); $((SECONDS - start)) s in all (JMH ${jmh_seconds} s, peak memory ${memory_seconds} s);" \
    "$(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'))," \
    "$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) memory;" \
    "$("$java" -version 2>&1 | head -1); libtorch threads $threads."
} >> "$report"
echo "results: $report" >&2
