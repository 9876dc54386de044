#!/usr/bin/env bash
# How far below awk a JVM can get at all on this machine (issue 4, item 6: "our full per-IP report
# faster than the awk pipeline"). Times, in one run on the same 1M-line log (gen_access_log.py, seed
# 42, as bench/logs-throughput.sh): the awk pipeline; bench/floor/LogFloor.java, the least a JVM report
# can do (requests, bytes and status classes per address, top 10; one pass, no objects per line, no
# time stamps, no requests kept, no detection, no JSON), with C1 only (as the launcher runs replay) and
# with C2; and `nethergaze replay --json`. Prints each one's wall time and peak RSS and its ratio to awk.
# Usage: bench/java-floor.sh [WORKDIR] [RUNS]     (defaults: /tmp/nethergaze-bench, 3)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
tools=${NETHERGAZE_TOOLS:-$here/../shared/tools}
unset NETHERGAZE_TOOLS # the bench's own setting: nethergaze would refuse it as an unknown config key
work=${1:-${TMPDIR:-/tmp}/nethergaze-bench}
runs=${2:-3}
mkdir -p "$work"
access=$work/access-1m.log
[ -s "$access" ] || python3 "$tools/gen_access_log.py" -n 1000000 --seed 42 > "$access"
"$here/nethergaze" --version > /dev/null   # builds the jar and finds the JDK (target/.java)
java=$(cat "$here/target/.java")
classes=$(mktemp -d "${TMPDIR:-/tmp}/nethergaze-floor.XXXXXX")
trap 'rm -rf "$classes"' EXIT
"${java%/bin/java}/bin/javac" -d "$classes" "$here/bench/floor/LogFloor.java"
head -n 100 "$access" > "$work/warm.log"
"$here/nethergaze" replay "$work/warm.log" --json > /dev/null   # the replay's start-up cache

best() { # name cmd...: prints the fastest of $runs runs, leaves its seconds in $secs
  local name=$1; shift
  local t b="" bm="" s kb
  t=$(mktemp)
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$t" "$@" > /dev/null 2>&1 || true
    read -r s kb < "$t"
    if [ -z "$b" ] || awk -v a="$s" -v b="$b" 'BEGIN { exit !(a < b) }'; then b=$s; bm=$kb; fi
  done
  rm -f "$t"
  awk -v n="$name" -v s="$b" -v kb="$bm" 'BEGIN { printf "%-34s %6.2f s %8.1f MiB\n", n, s, kb / 1024 }'
  secs=$b
}
echo "# $(date -u +%FT%TZ)  $(nproc) cores  load: $(cut -d' ' -f1-3 /proc/loadavg)  best of $runs"
best awk-sort-uniq sh -c "awk '{print \$1}' '$access' | sort | uniq -c | sort -rn | head"; awk_s=$secs
best floor-jvm-c1 "$java" -XX:TieredStopAtLevel=1 -cp "$classes" LogFloor "$access"; c1=$secs
best floor-jvm-c2 "$java" -cp "$classes" LogFloor "$access"; c2=$secs
best nethergaze-replay "$here/nethergaze" replay "$access" --json; ours=$secs
for pair in "floor C1:$c1" "floor C2:$c2" "nethergaze replay:$ours"; do
  awk -v n="${pair%%:*}" -v s="${pair#*:}" -v a="$awk_s" \
    'BEGIN { printf "  %-20s %5.0f %% of the awk pipeline'"'"'s time\n", n, 100 * s / a }'
done
