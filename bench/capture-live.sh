#!/usr/bin/env bash
# Live-capture drop benchmark (issue 9, item 8 "Speed", live part): the same bounded UDP burst on
# lo (iperf3 -u, 64-byte payloads, ~RATE packets/s for SECS seconds) is captured headers-only,
# once by `nethergaze capture` and once by tcpdump, in separate runs. For each tool it prints the
# packets the kernel delivered to the socket (pcap ps_recv), the kernel drops (ps_drop) and the
# packets/s iperf3 achieved. Loopback only; every process started here is stopped by PID.
#
#   bench/capture-live.sh [RATE_PPS] [SECS] [PORT] [RUNS]     (root; needs iperf3 and tcpdump)
#
# "sent" is datagrams iperf3 sent (its own count); on lo the kernel hands each one to a packet
# socket twice (outgoing + incoming; libpcap discards the outgoing copy in user space), so the
# kernel "received" counter is ~2x sent and "kernel pkt/s" is the rate the capture had to keep up with.
set -euo pipefail

rate=${1:-250000}
secs=${2:-5}
port=${3:-5299}
runs=${4:-1}
streams=${STREAMS:-4} # parallel iperf3 UDP streams (one stream tops out near 90k pkt/s here)
len=64

here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
work=$(mktemp -d /tmp/nethergaze-caplive.XXXXXX)
pids=()

cleanup() {
  local p
  for p in "${pids[@]}"; do
    kill "$p" 2>/dev/null || true
  done
  for p in "${pids[@]}"; do
    wait "$p" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

for t in iperf3 tcpdump python3; do
  command -v "$t" >/dev/null || { echo "capture-live: $t not found" >&2; exit 2; }
done
[ "$(id -u)" -eq 0 ] || { echo "capture-live: needs root (live capture on lo)" >&2; exit 2; }

"$here/nethergaze" --version >/dev/null 2>&1 || true # build the jar before timing anything

iperf3 -s -B 127.0.0.1 -p "$port" >"$work/iperf3-server.log" 2>&1 &
server=$!
pids+=("$server")
sleep 1

bits=$((rate * len * 8 / streams)) # per stream

# burst NAME: one bounded iperf3 UDP burst to the local server; prints "sent secs pps"
burst() {
  iperf3 -c 127.0.0.1 -p "$port" -u -b "$bits" -l "$len" -t "$secs" -P "$streams" --json >"$work/$1.json" 2>"$work/$1.err"
  python3 - "$work/$1.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
s = d["end"]["sum"]
print(s["packets"], "%.3f" % s["seconds"], int(s["packets"] / s["seconds"]))
EOF
}

# stop PID with SIGINT and wait for it (it is one of ours)
stop() {
  kill -INT "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

run_ours() {
  local n=$1 snap="$work/ours-$n.json" cap sent
  "$here/nethergaze" capture --headless --iface lo --port "$port" --proto udp --no-socket \
    --duration $((secs + 6)) --snapshot "$snap" >"$work/ours-$n.out" 2>"$work/ours-$n.err" &
  cap=$!
  pids+=("$cap")
  sleep 3 # JVM start + pcap activate
  sent=$(burst "ours-$n")
  wait "$cap" || true
  python3 - "$snap" "$sent" <<'EOF'
import json, re, sys
d = json.load(open(sys.argv[1]))
detail = next(s["detail"] for s in d["sources"] if s["name"] == "capture")
m = re.search(r"kernel received (\d+), dropped (\d+)", detail)
sent, secs, pps = sys.argv[2].split()
recv, drop = (int(m.group(1)), int(m.group(2))) if m else (-1, -1)
print("nethergaze  sent=%s in %ss (%s pkt/s)  kernel received=%d (%d kernel pkt/s)  dropped=%d  [%s]" % (sent, secs, pps, recv, recv / float(secs), drop, detail))
EOF
}

run_tcpdump() {
  local n=$1 td sent
  tcpdump -i lo -s 128 -B 65536 --immediate-mode -w /dev/null udp port "$port" >"$work/td-$n.out" 2>"$work/td-$n.err" &
  td=$!
  pids+=("$td")
  sleep 2
  sent=$(burst "td-$n")
  sleep 1
  stop "$td"
  local recv drop
  recv=$(sed -n 's/^\([0-9]*\) packets received by filter.*/\1/p' "$work/td-$n.err")
  drop=$(sed -n 's/^\([0-9]*\) packets dropped by kernel.*/\1/p' "$work/td-$n.err")
  read -r s secs_ pps <<<"$sent"
  echo "tcpdump     sent=$s in ${secs_}s ($pps pkt/s)  kernel received=${recv:-?} ($(python3 -c "print(int(${recv:-0} / $secs_))") kernel pkt/s)  dropped=${drop:-?}"
}

echo "# capture-live: target $rate pkt/s ($streams iperf3 streams) x ${secs}s, ${len}-byte UDP payloads on lo port $port; $(nproc) cores; $(uptime | sed 's/.*load/load/')"
for n in $(seq 1 "$runs"); do
  run_ours "$n"
  run_tcpdump "$n"
done
echo "# after: $(uptime | sed 's/.*load/load/')"
