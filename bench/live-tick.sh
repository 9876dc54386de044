#!/usr/bin/env bash
# The engine thread's share of live tailing, phase by phase (apply, tick, snapshot, JSON), without the
# waits of a real run: dev.nethergaze.bench.LiveTick over a generated combined log (gen_access_log.py,
# seed 42), each line restamped to its second of simulated time. Where bench/live-tail.sh gives the whole
# process's CPU under a real writer, this says which part of a tick costs what; its snapshot figure is
# lower than a live process's (caches stay warm in a tight loop).
# MODE "console" ticks four times a second and draws a console frame after each snapshot (the console's
# engine thread and UI thread, one after the other), instead of the watch line's JSON.
# Usage: bench/live-tick.sh [RATE] [IPS] [SECONDS] [WARM] [MODE]     (defaults 10000 20000 60 30 watch)
set -euo pipefail
cd "$(dirname "$0")/.."
tools=${NETHERGAZE_TOOLS:-$PWD/../shared/tools}
unset NETHERGAZE_TOOLS # the bench's own setting: nethergaze would refuse it as an unknown config key
rate=${1:-10000}
ips=${2:-20000}
secs=${3:-60}
warm=${4:-30}
mode=${5:-watch}
case $mode in watch | console) ;; *) echo "live-tick: MODE is watch or console, not '$mode'" >&2; exit 2 ;; esac
java=""
for c in ${NETHERGAZE_JAVA:-} ${JAVA_HOME:+$JAVA_HOME/bin/java} /usr/lib/jvm/temurin-25*/bin/java; do
  [ -x "$c" ] && { java=$c; break; }
done
[ -n "$java" ] || { echo "live-tick: needs a JDK 25 (set NETHERGAZE_JAVA)" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/nethergaze-tick.XXXXXX")
trap 'rm -rf "$work"' EXIT
python3 "$tools/gen_access_log.py" -n $(( (secs + warm) * rate )) --ips "$ips" --seed 42 -o "$work/access.log"
echo "live-tick: building (bench profile)" >&2
./mvnw -B -q -Pbench -DskipTests -Dspotless.check.skip=true test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test >/dev/null
echo "# $(date -u +%FT%TZ)  $(nproc) cores  load: $(cut -d' ' -f1-3 /proc/loadavg)"
# the flags a live run gets from the launcher: serial collector, compact headers, the heap cap
"$java" -XX:+UseSerialGC -XX:+UseCompactObjectHeaders "-Xmx${NETHERGAZE_HEAP:-512m}" "-Dconsole=$([ "$mode" = console ] && echo true || echo false)" \
  -cp "target/bench-classes:target/classes:$(cat target/bench.cp)" dev.nethergaze.bench.LiveTick \
  "$work/access.log" "$rate" "$secs" "$warm"
