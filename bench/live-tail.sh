#!/usr/bin/env bash
# Live tailing cost (issue 4, item 6: "live tailing at 10k lines/s must cost <= 10% of one core").
# A writer appends RATE lines/s (default 10000, in 20 batches a second) of a generated combined log
# (gen_access_log.py, seed 42, 20,000 client IPs, each line stamped when written) to a fresh file while
# `nethergaze watch` tails it with detection on
# (no kernel table, no auth, no lookups, no history, so only the log path is measured). After WARMUP
# seconds, the process's own CPU time (utime+stime from /proc/PID/stat) is read over SECONDS seconds.
# At the end the last snapshot's totals.requests must equal the lines written: nothing lost.
# MODE "watch" (the default) prints the flagged IPs' JSON every second (`watch --suspicious`, ~10 MB a
# line here) into a pipe, to a reader that keeps the last line, as a script consuming it would;
# "watch-file" redirects it to a file on disk instead, which adds the kernel's cost of writing ~10 MB/s
# to disk: on this VM's ext4 that cost grows as dirty pages pile up (dd of 1 GB: 0.6 s of system time,
# then 3.4 s run again), and it is what made watch's writer thread "double" in earlier runs (session 28,
# bench/RESULTS-logs.md). "console" runs the interactive console instead, in a detached tmux window of
# 160x45 (as a sysadmin would on the box), and reads the requests counted through its control socket
# (`nethergaze ctl status`).
# Usage: bench/live-tail.sh [SECONDS] [RATE] [WARMUP] [MODE]     (defaults 60 10000 10 watch)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
tools=${NETHERGAZE_TOOLS:-$here/../shared/tools}
unset NETHERGAZE_TOOLS # the bench's own setting: nethergaze would refuse it as an unknown config key
secs=${1:-60}
rate=${2:-10000}
warm=${3:-10}
mode=${4:-watch}
case $mode in watch | watch-file | console) ;; *) echo "live-tail: MODE is watch, watch-file or console, not '$mode'" >&2; exit 2 ;; esac
work=$(mktemp -d "${TMPDIR:-/tmp}/nethergaze-tail.XXXXXX")
ng_pid=
session=nethergaze-live-tail-$$
cleanup() {
  [ -n "$ng_pid" ] && kill "$ng_pid" 2>/dev/null
  [ "$mode" = console ] && tmux kill-session -t "$session" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
total=$(( (secs + warm + 1) * rate ))
python3 "$tools/gen_access_log.py" -n "$total" --ips 20000 --seed 42 -o "$work/source.log"
: > "$work/access.log"
"$here/nethergaze" --version > /dev/null   # build before timing

opts=(--access-log "$work/access.log" --no-conn --no-auth --offline --no-history)
# watch's lines (one JSON document each; a JVM option's own output on stdout, e.g.
# -XX:StartFlightRecording's, is not one): each line's totals.requests (totals come before the IPs) goes
# to $work/requests, and at the end of the input the last line to $work/last.json
keep_last='import os, re, sys
work = sys.argv[1]
last = None
for line in sys.stdin.buffer:
    if not line.startswith(b"{") or not line.endswith(b"\n"):
        continue
    last = line
    m = re.search(rb"\"totals\":\{.*?\"requests\":(\d+)", line[:65536])
    with open(work + "/requests.tmp", "wb") as f:
        f.write(m.group(1) if m else b"-1")
    os.replace(work + "/requests.tmp", work + "/requests")
if last is not None:
    with open(work + "/last.json.tmp", "wb") as f:
        f.write(last)
    os.replace(work + "/last.json.tmp", work + "/last.json")'
if [ "$mode" = watch ]; then
  "$here/nethergaze" watch --interval 1 --suspicious "${opts[@]}" 2> "$work/watch.err" \
    > >(python3 -c "$keep_last" "$work") &
  ng_pid=$!
elif [ "$mode" = watch-file ]; then
  "$here/nethergaze" watch --interval 1 --suspicious "${opts[@]}" > "$work/watch.jsonl" 2> "$work/watch.err" &
  ng_pid=$!
fi
if [ "$mode" != console ]; then
  # its first snapshot: the sources are started, and what the log holds now is not counted
  for _ in $(seq 100); do [ -s "$work/requests" ] || grep -q '^{' "$work/watch.jsonl" 2> /dev/null && break; sleep 0.1; done
  [ -s "$work/requests" ] || grep -q '^{' "$work/watch.jsonl" 2> /dev/null \
    || { echo "nethergaze did not start:"; cat "$work/watch.err"; exit 1; }
else
  command -v tmux > /dev/null || { echo "live-tail: console mode needs tmux" >&2; exit 2; }
  printf -v cmd '%q ' "$here/nethergaze" console --socket "$work/ng.sock" "${opts[@]}"
  tmux new-session -d -s "$session" -x 160 -y 45 "exec $cmd 2> $(printf %q "$work/console.err")"
  ng_pid=$(tmux display-message -p -t "$session" '#{pane_pid}')
  for _ in $(seq 100); do [ -S "$work/ng.sock" ] && break; sleep 0.1; done
  [ -S "$work/ng.sock" ] || { echo "nethergaze did not start:"; cat "$work/console.err"; exit 1; }
fi
# the totals.requests of the last whole snapshot line (watch), or of the console's snapshot now
counted() {
  if [ "$mode" = watch ]; then
    cat "$work/requests"
  elif [ "$mode" = watch-file ]; then
    # the last whole line: the writer may be halfway through the next multi-MB snapshot (read from the
    # file's last 100 MB: the file grows by GBs, and reading it whole each time took minutes)
    tail -c 100000000 "$work/watch.jsonl" | python3 -c 'import json,sys
lines = sys.stdin.buffer.read().split(b"\n")[:-1]
print(json.loads(lines[-1])["totals"]["requests"])'
  else
    env -u JAVA_TOOL_OPTIONS "$here/nethergaze" ctl --socket "$work/ng.sock" status \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"].get("requests", -1))'
  fi
}

cpu() { awk '{ print $14 + $15 }' "/proc/$ng_pid/stat"; }
kernel() { awk '{ print $15 }' "/proc/$ng_pid/stat"; }
threads() { # each live thread's name and CPU ticks (utime+stime), to say where the time went
  for t in /proc/"$ng_pid"/task/*; do
    printf '%s\t%s\n' "$(tr ' ' _ < "$t/comm")" "$(awk '{ print $14 + $15 }' "$t/stat")"
  done 2>/dev/null
}
hz=$(getconf CLK_TCK)
echo "# $(date -u +%FT%TZ)  $(nproc) cores  load: $(cut -d' ' -f1-3 /proc/loadavg)  rate: $rate lines/s"
python3 - "$work/source.log" "$work/access.log" "$rate" "$((secs + warm))" "$warm" "$work/mark" <<'PY' &
import sys, time
src, dst, rate, seconds, warm, mark = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
per = rate // 20
# each line stamped when written, as a live server's are: the generated log's own stamps (March 2025)
# made every IP one idle for a year, dropped at the next tick, so the engine held none of them
def stamped(line, now):
    a = line.find(b"[")
    b = line.find(b"]", a)
    return line if a < 0 or b < 0 else line[:a + 1] + now + line[b:]
with open(src, "rb") as f, open(dst, "ab", buffering=0) as out:
    start = time.monotonic()
    for i in range(seconds * 20):
        if i == warm * 20:
            open(mark, "w").close()
        now = time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime()).encode()
        out.write(b"".join(stamped(f.readline(), now) for _ in range(per)))
        delay = start + (i + 1) / 20 - time.monotonic()
        if delay > 0:
            time.sleep(delay)
    lag = time.monotonic() - start - seconds
    print(f"writer: {seconds * 20 * per} lines in {seconds} s (behind schedule by {max(0.0, lag):.2f} s)")
PY
writer=$!
while [ ! -e "$work/mark" ]; do sleep 0.05; done
c0=$(cpu); k0=$(kernel); t0=$(date +%s.%N); threads > "$work/threads0"
wait "$writer"
c1=$(cpu); k1=$(kernel); t1=$(date +%s.%N); threads > "$work/threads1"
written=$(wc -l < "$work/access.log")
for _ in $(seq 50); do   # let the last lines reach a snapshot
  got=$(counted)
  [ "$got" -ge "$written" ] || [ "$got" -lt 0 ] && break; sleep 0.2
done
awk -v mode="$mode" -v c0="$c0" -v c1="$c1" -v k0="$k0" -v k1="$k1" -v t0="$t0" -v t1="$t1" -v hz="$hz" \
  -v rate="$rate" 'BEGIN { cpu = (c1 - c0) / hz; wall = t1 - t0;
           printf "nethergaze %s: %.2f s CPU over %.1f s at %d lines/s = %.1f%% of one core (goal <= 10%%)\n",
                  mode, cpu, wall, rate, 100 * cpu / wall;
           printf "of which in the kernel (reads, writes, futexes): %.2f s\n", (k1 - k0) / hz }'
if [ "$got" -lt 0 ]; then # an older tree's ctl status (before 2026-12-06) did not say
  echo "lines written: $written  requests counted: not known (ctl status of this tree does not count them)"
else
  echo "lines written: $written  requests counted: $got  $([ "$got" -eq "$written" ] && echo OK || echo MISMATCH)"
fi
# per thread (the main thread is "java"; threads that ended within the window are not listed)
awk -F'\t' -v hz="$hz" 'NR == FNR { a[$1] += $2; next } { b[$1] += $2 }
  END { for (k in b) if (b[k] - a[k] > 0) printf "%s %.2f\n", k, (b[k] - a[k]) / hz }' \
  "$work/threads0" "$work/threads1" | sort -k2 -rn | awk '{ printf "%s%s %s s", (NR > 1 ? ", " : "CPU by thread: "), $1, $2 } END { print "" }'
echo "peak RSS: $(awk '/VmHWM/ { printf "%.1f MiB", $2 / 1024 }' "/proc/$ng_pid/status")"
# how big the lines had grown (the flagged IPs: findings that ended are kept)
last_line='import json, sys
line = sys.stdin.buffer.read().split(b"\n")[0]
print("last line: %.1f MiB, %d flagged IPs" % (len(line) / 2**20, len(json.loads(line)["ips"])))'
if [ "$mode" = watch ]; then
  kill "$ng_pid"; ng_pid= # its stdout closes: the reader writes the last line
  for _ in $(seq 100); do [ -e "$work/last.json" ] && break; sleep 0.1; done
  python3 -c "$last_line" < "$work/last.json"
elif [ "$mode" = watch-file ]; then
  tail -c 100000000 "$work/watch.jsonl" | python3 -c 'import sys
sys.stdout.buffer.write(sys.stdin.buffer.read().split(b"\n")[-2])' | python3 -c "$last_line"
fi
