#!/usr/bin/env bash
# Replay speed: nethergaze (capture --headless --read, and replay FILE.pcap) against
# `tcpdump -r FILE -w /dev/null` and `tshark -r FILE -q -z conv,tcp` on one large pcap, in one run.
#
# The pcap (>= 2M packets) is built once and kept in target/bench/: our own bounded loopback traffic
# (bench/loopback-traffic.py: CONNS short TCP connections from 2,000 addresses in 127.0.0.0/8 to a
# local listener, 1 % to a closed port), captured with tcpdump on lo (needs root or CAP_NET_RAW), then
# repeated COPIES times back to back (editcap -t shifts each copy after the previous one, mergecap -a
# concatenates). Usage: bench/capture-replay.sh [PCAP]  (env: CONNS=40000 COPIES=5 RUNS=3)
set -euo pipefail

here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
root=$(dirname "$here")
work="$root/target/bench"
mkdir -p "$work"
conns=${CONNS:-40000}
copies=${COPIES:-5}
runs=${RUNS:-3}

need() { for p in "$@"; do command -v "$p" >/dev/null || { echo "bench: $p not installed" >&2; exit 2; }; done; }
need tcpdump tshark editcap mergecap capinfos

build_pcap() { # $1 = output
  need python3
  [ "$(id -u)" -eq 0 ] || { echo "bench: capturing on lo needs root (or pass a PCAP)" >&2; exit 2; }
  local one="$work/loopback-1.pcap" port=18080 pid
  rm -f "$one"
  tcpdump -i lo -n -s 128 -B 131072 -U --time-stamp-precision=nano -w "$one" \
    "tcp and (port $port or port $((port + 1)))" 2>"$work/tcpdump.log" &
  pid=$!
  trap 'kill -INT "$pid" 2>/dev/null || true' EXIT
  sleep 1
  python3 "$here/loopback-traffic.py" "$conns" "$port" 2000
  sleep 0.5
  kill -INT "$pid"
  wait "$pid" || true
  trap - EXIT
  grep -E 'captured|dropped' "$work/tcpdump.log" >&2 || true
  local span parts=("$one") i
  span=$(capinfos -a -e -S -T -r "$one" | awk -F'\t' '{printf "%d", $3 - $2 + 2}')
  for ((i = 1; i < copies; i++)); do
    editcap -t $((i * span)) "$one" "$work/loopback-$((i + 1)).pcap"
    parts+=("$work/loopback-$((i + 1)).pcap")
  done
  mergecap -a -F nsecpcap -w "$1" "${parts[@]}"
  rm -f "${parts[@]}"
}

pcap=${1:-$work/loopback.pcap}
if [ ! -s "$pcap" ]; then
  echo "bench: building $pcap ($conns connections x $copies copies)" >&2
  build_pcap "$pcap"
fi
packets=$(capinfos -c -M -T -r "$pcap" | awk -F'\t' '{print $2}')
echo "file: $pcap, $packets packets, $(du -h "$pcap" | cut -f1)"
echo "load: $(uptime)"
echo "cores: $(nproc)"

# "WALL CPU" seconds (whole process; CPU = user + sys) of "$@", the run with the median wall time of $1
timed() {
  local n=$1; shift
  local t=() i r
  TIMEFORMAT='%R %U %S'
  for ((i = 0; i < n; i++)); do
    r=$( { time "$@" >/dev/null 2>"$work/last.err"; } 2>&1 ) || { echo "bench: failed: $*" >&2; tail -3 "$work/last.err" >&2; exit 1; }
    t+=("$(echo "$r" | awk '{printf "%.3f %.3f", $1, $2 + $3}')")
  done
  printf '%s\n' "${t[@]}" | sort -n | awk '{a[NR] = $0} END {print a[int((NR + 1) / 2)]}'
}

"$root/nethergaze" --version >/dev/null # builds the jar if needed, outside the timing
ours=$(timed "$runs" "$root/nethergaze" capture --headless --no-socket --read "$pcap")
ours_replay=$(timed "$runs" "$root/nethergaze" replay --json "$pcap")
dump=$(timed "$runs" tcpdump -r "$pcap" -w /dev/null)
shark=$(timed 1 tshark -r "$pcap" -q -z conv,tcp)

# row NAME "WALL CPU" "TCPDUMP_WALL TCPDUMP_CPU": packets/s by wall time and by CPU time, and the
# wall-time ratio to tcpdump (>1: we are slower). On a loaded machine the CPU-time rate is the steadier one.
row() {
  set -- "$1" $2 $3
  printf '%-48s %7.2f s %10.0f pkt/s | cpu %6.2f s %10.0f pkt/s | %6.2fx tcpdump\n' "$1" "$2" \
    "$(echo "$packets / $2" | bc -l)" "$3" "$(echo "$packets / $3" | bc -l)" "$(echo "$2 / $4" | bc -l)"
}
echo
echo "whole process, median of $runs runs (tshark: 1 run); ratio = wall time / tcpdump's wall time"
row "nethergaze capture --headless --read" "$ours" "$dump"
row "nethergaze replay FILE.pcap (engine + report)" "$ours_replay" "$dump"
row "tcpdump -r FILE -w /dev/null" "$dump" "$dump"
row "tshark -r FILE -q -z conv,tcp" "$shark" "$dump"
echo "goal: >= 1000000 pkt/s with full per-IP and handshake accounting"
