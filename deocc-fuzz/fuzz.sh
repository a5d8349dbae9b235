#!/usr/bin/env bash
# Long fuzzing runs of deocc-fuzz's targets, one JVM per target (Jazzer fuzzes one @FuzzTest per JVM).
#
#   deocc-fuzz/fuzz.sh                 every target for 5 minutes each
#   deocc-fuzz/fuzz.sh images 30m      one target; DURATION in seconds or with s, m or h
#   deocc-fuzz/fuzz.sh all 120         every target, 120 s each
#
# Targets: images coco-json rle polygons manifest model-card config-json config-properties.
# A crash stops that target's run (the others still run) and is saved as crash-<sha1> under
# src/test/resources/io/deocc/fuzz/<TestClass>Inputs/<method>/, where the normal build replays it;
# the growing corpus lives in deocc-fuzz/.cifuzz-corpus/ (not committed). Needs the deocc modules
# in ~/.m2 (mvn install of deocc-api, -mask, -data, -runtime, -engine-djl) and runs Maven offline.
set -euo pipefail

TARGETS=(images coco-json rle polygons manifest model-card config-json config-properties)
target="${1:-all}"
duration="${2:-5m}"

case "$duration" in
  *h) seconds=$(( ${duration%h} * 3600 )) ;;
  *m) seconds=$(( ${duration%m} * 60 )) ;;
  *s) seconds=${duration%s} ;;
  *) seconds=$duration ;;
esac
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || (( seconds < 1 )); then
  echo "fuzz.sh: DURATION '$duration' is not a positive number of seconds (e.g. 90, 90s, 10m, 2h)" >&2
  exit 2
fi

if [[ "$target" == all ]]; then
  selected=("${TARGETS[@]}")
elif printf '%s\n' "${TARGETS[@]}" | grep -qx -- "$target"; then
  selected=("$target")
else
  echo "fuzz.sh: unknown target '$target'; use one of: all ${TARGETS[*]}" >&2
  exit 2
fi

cd "$(dirname "$0")/.."
mkdir -p deocc-fuzz/target/fuzz-logs
mvn -B -q -o -pl deocc-fuzz test-compile
status=0
printf '%-18s %12s %8s  %s\n' target executions seconds result >&2
for t in "${selected[@]}"; do
  log=deocc-fuzz/target/fuzz-logs/$t.log
  result=ok
  # jazzer.internal.arg.1 (-max_total_time) in the pom takes fuzz.seconds.
  mvn -B -o -pl deocc-fuzz "surefire:test@fuzz-$t" -Dfuzz.seconds="$seconds" >"$log" 2>&1 || { result="FINDING, see $log"; status=1; }
  # libFuzzer ends with "Done N runs in S second(s)"; a finding ends the run early without that line.
  done_line=$(grep -E '^Done [0-9]+ runs' "$log" | tail -1 || true)
  runs=$(awk '{print $2}' <<<"$done_line")
  secs=$(awk '{print $5}' <<<"$done_line")
  if [[ -z "$runs" ]]; then
    runs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#' || true)
  fi
  printf '%-18s %12s %8s  %s\n' "$t" "${runs:-?}" "${secs:-?}" "$result" >&2
  grep -E 'Test unit written to' "$log" >&2 || true
done
exit $status
