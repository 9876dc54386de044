#!/usr/bin/env bash
# The exploit-probe check per request target (JMH, src/bench/java/dev/nethergaze/detect/ProbeBench.java) on
# the first 300k targets of the 1M-line generated log (gen_access_log.py, seed 42), as they are and with a
# cache buster on each; under C1 only, as replay runs, and with C2, as live modes run.
# Usage: bench/probe-jmh.sh [WORKDIR]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
tools=${NETHERGAZE_TOOLS:-$here/../shared/tools}
work=${1:-${TMPDIR:-/tmp}/nethergaze-bench}
mkdir -p "$work"
access=$work/access-1m.log
[ -s "$access" ] || python3 "$tools/gen_access_log.py" -n 1000000 --seed 42 > "$access"
java=""
for c in ${NETHERGAZE_JAVA:-} ${JAVA_HOME:+$JAVA_HOME/bin/java} /usr/lib/jvm/temurin-25*/bin/java; do
  [ -x "$c" ] && { java=$c; break; }
done
[ -n "$java" ] || { echo "probe-jmh: needs a JDK 25 (set NETHERGAZE_JAVA)" >&2; exit 2; }
cd "$here"
./mvnw -B -q -Pbench -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test >/dev/null
cp="target/bench-classes:target/classes:$(cat target/bench.cp)"
for jit in "-XX:TieredStopAtLevel=1" "-XX:+TieredCompilation"; do
  echo "## $jit"
  "$java" -cp "$cp" org.openjdk.jmh.Main ProbeBench -jvmArgs "$jit -Dprobe.log=$access" 2>&1 \
    | grep -E '^(Benchmark|ProbeBench)'
done
