#!/usr/bin/env bash
# Connection-table benchmark (issue 3): our snapshot against ss, at N loopback sockets each.
# Needs: python3, ss (iproute2), /usr/bin/time (Debian time), a JDK 25.
#
#   bench/conn-bench.sh [SOCKETS...]        default: 2000 20000 100000
#   CONN_BENCH_RUNS=5 CONN_BENCH_JMH=1 CONN_BENCH_STEADY=60 bench/conn-bench.sh 20000
#
# For each N it holds N/2 loopback connections (both ends here: N sockets, spread over worker
# processes because RLIMIT_NOFILE is 20000) with ../shared/tools/hold_conns.py, then takes the
# median wall time of CONN_BENCH_RUNS runs of
#   ss -tan | wc -l,  ss -tanp | wc -l,
#   ours:  ./nethergaze snapshot --json --no-http  (once the CLI is merged), else the same work
#          in a fresh JVM through dev.nethergaze.bench.SnapshotOnce (auto reader, engine, JSON),
#          without and with process owners,
# and prints the ratios, then the in-process poll against ss -tan (PollVsSs: interleaved runs, wall and
# the polling thread's CPU, CONN_BENCH_POLLS of each). CONN_BENCH_JMH=1 adds the JMH poll benchmark
# (ConnPollBench); CONN_BENCH_STEADY=S adds the steady-state CPU share polling 1/s for S seconds.
# Every socket is closed (RST) and every worker reaped at the end, also on Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(2000 20000 100000)
runs=${CONN_BENCH_RUNS:-5}
hold_tool=${HOLD_CONNS:-$root/../shared/tools/hold_conns.py}
[ -f "$hold_tool" ] || { echo "conn-bench: needs hold_conns.py (set HOLD_CONNS=path)" >&2; exit 2; }
command -v ss >/dev/null || { echo "conn-bench: needs ss (Debian iproute2)" >&2; exit 2; }

java=""
for c in ${NETHERGAZE_JAVA:-} ${JAVA_HOME:+$JAVA_HOME/bin/java} /usr/lib/jvm/temurin-25*/bin/java; do
  [ -x "$c" ] && { java=$c; break; }
done
[ -n "$java" ] || { echo "conn-bench: needs a JDK 25 (set NETHERGAZE_JAVA)" >&2; exit 2; }

echo "conn-bench: building (bench profile)" >&2
./mvnw -B -q -Pbench -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test >/dev/null
cp="target/bench-classes:target/classes:$(cat target/bench.cp)"
jvm=("$java" --enable-native-access=ALL-UNNAMED -cp "$cp")
# a one-shot JVM: C1 only and the serial collector start fastest
oneshot=("$java" --enable-native-access=ALL-UNNAMED -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$cp")

if [ -x ./nethergaze ] && ./nethergaze snapshot --help >/dev/null 2>&1; then
  ours=(env NETHERGAZE_CONN_OWNERS=false ./nethergaze snapshot --json --no-http)
  ours_owned=(env NETHERGAZE_CONN_OWNERS=true ./nethergaze snapshot --json --no-http)
  ours_label="nethergaze snapshot --json --no-http"
else
  ours=("${oneshot[@]}" dev.nethergaze.bench.SnapshotOnce auto no-owners)
  ours_owned=("${oneshot[@]}" dev.nethergaze.bench.SnapshotOnce auto owners)
  ours_label="SnapshotOnce in a fresh JVM (CLI not merged yet)"
fi

holder=""
tmp=$(mktemp -d)
cleanup() {
  if [ -n "$holder" ]; then kill -TERM "$holder" 2>/dev/null || true; wait "$holder" 2>/dev/null || true; fi 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

# "WALL CPU": median wall and median CPU (user+sys) milliseconds of $runs runs of "$@". The CPU
# figure is the honest one on a shared, loaded machine, where wall time also counts waiting for a core.
command -v /usr/bin/time >/dev/null || { echo "conn-bench: needs /usr/bin/time (Debian time)" >&2; exit 2; }
measure() {
  local w=() c=() i
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -f '%e %U %S' -o "$tmp/t" "$@" >/dev/null 2>&1
    read -r e u s <"$tmp/t"
    w+=("$(awk -v x="$e" 'BEGIN { printf "%d", x * 1000 }')")
    c+=("$(awk -v x="$u" -v y="$s" 'BEGIN { printf "%d", (x + y) * 1000 }')")
  done
  echo "$(printf '%s\n' "${w[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')" \
       "$(printf '%s\n' "${c[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
}
ss_tan=(bash -c 'ss -tan | wc -l')
ss_tanp=(bash -c 'ss -tanp | wc -l')
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

printf '%-8s %-6s %-8s %9s %9s %9s %9s %11s %13s\n' sockets what rows ss-tan ss-tanp ours ours+own ours/ss-tan ours+own/tanp
for n in "${sizes[@]}"; do
  rm -f "$tmp/ready"
  python3 "$hold_tool" $((n / 2)) --hold 900 --ready-file "$tmp/ready" --per-proc 9000 >"$tmp/hold.log" 2>&1 &
  holder=$!
  for ((i = 0; i < 600; i++)); do [ -f "$tmp/ready" ] && break; sleep 0.5; done
  [ -f "$tmp/ready" ] || { echo "conn-bench: sockets not ready: $(cat "$tmp/hold.log")" >&2; exit 1; }
  rows=$(ss -tan | wc -l)
  read -r aw ac < <(measure "${ss_tan[@]}")
  read -r bw bc < <(measure "${ss_tanp[@]}")
  read -r cw cc < <(measure "${ours[@]}")
  read -r dw dc < <(measure "${ours_owned[@]}")
  printf '%-8s %-6s %-8s %7sms %7sms %7sms %7sms %11s %13s\n' "$n" wall "$rows" "$aw" "$bw" "$cw" "$dw" \
    "$(ratio "$cw" "$aw")" "$(ratio "$dw" "$bw")"
  printf '%-8s %-6s %-8s %7sms %7sms %7sms %7sms %11s %13s\n' "$n" cpu "$rows" "$ac" "$bc" "$cc" "$dc" \
    "$(ratio "$cc" "$ac")" "$(ratio "$dc" "$bc")"
  echo "  load average after $n: $(cut -d' ' -f1-3 /proc/loadavg)"
  # in-process: one poll (netlink dump decoded into the ConnTable event), interleaved with ss -tan | wc -l
  "${jvm[@]}" -XX:+UseSerialGC dev.nethergaze.bench.PollVsSs "${CONN_BENCH_POLLS:-15}" | sed "s/^/  in-process@$n /"
  if [ "${CONN_BENCH_JMH:-0}" = 1 ]; then
    "${jvm[@]}" org.openjdk.jmh.Main ConnPollBench -wi 2 -w 1 -i 3 -r 2 -f 1 2>&1 \
      | grep -E '^(Benchmark|ConnPollBench)' | sed "s/^/  jmh@$n /"
  fi
  if [ "${CONN_BENCH_STEADY:-0}" -gt 0 ]; then
    "${jvm[@]}" dev.nethergaze.bench.SteadyCpu "$CONN_BENCH_STEADY" | sed "s/^/  /"
  fi
  kill -TERM "$holder"; wait "$holder" 2>/dev/null || true; holder=""
done
echo "ours = $ours_label; medians of $runs runs (wall, and CPU user+sys); ratios: ours / ss -tan, ours-with-owners / ss -tanp"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
