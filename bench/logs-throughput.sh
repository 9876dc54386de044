#!/usr/bin/env bash
# Log ingestion throughput, side by side on the same files in one run (issue 4, item 6):
#   1M-line combined log (gen_access_log.py, seed 42): nethergaze replay --json vs GoAccess vs awk|sort|uniq
#   300k-line Caddy v2 JSON log (the first 300k lines of the same requests, caddy_from_combined.py):
#                                                      nethergaze replay --json vs GoAccess --log-format=CADDY
#   200k-line sshd log (gen_auth_log.py, seed 42):     nethergaze replay --json vs fail2ban-regex
# Prints wall time, lines/s, peak RSS and ratios. The machine's load is printed first: other jobs on
# the same cores skew every figure, so compare ratios from one run, not absolute numbers across runs.
# Usage: bench/logs-throughput.sh [WORKDIR]   (needs python3; goaccess and fail2ban are optional)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
tools=${NETHERGAZE_TOOLS:-$here/../shared/tools}
unset NETHERGAZE_TOOLS # the bench's own setting: nethergaze would refuse it as an unknown config key
work=${1:-${TMPDIR:-/tmp}/nethergaze-bench}
mkdir -p "$work"
access=$work/access-1m.log
auth=$work/auth-200k.log
[ -s "$access" ] || python3 "$tools/gen_access_log.py" -n 1000000 --seed 42 > "$access"
[ -s "$auth" ] || python3 "$tools/gen_auth_log.py" -n 200000 --seed 42 > "$auth"
caddy=$work/caddy-300k.log
[ -s "$caddy" ] || head -n 300000 "$access" | python3 "$here/bench/caddy_from_combined.py" > "$caddy"
# build the jar and both AOT start-up caches before timing (replay trains its own on first use)
"$here/nethergaze" --version > /dev/null
head -n 100 "$access" > "$work/warm.log"
"$here/nethergaze" replay "$work/warm.log" --json > /dev/null

measure() { # name lines cmd... -> prints one row, remembers the seconds in $secs
  local name=$1 lines=$2; shift 2
  local t; t=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$t" "$@" > "$work/$name.out" 2> "$work/$name.err" || true
  read -r secs kb < "$t"; rm -f "$t"
  awk -v n="$name" -v s="$secs" -v kb="$kb" -v l="$lines" \
    'BEGIN { printf "%-28s %8.2f s %12.0f lines/s %8.1f MiB\n", n, s, (s > 0 ? l / s : 0), kb / 1024 }'
}
ratio() { awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { printf "  %s: %.2fx\n", t, (a > 0 ? b / a : 0) }'; }

echo "# $(date -u +%FT%TZ)  $(nproc) cores  load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "## access log: $(wc -l < "$access") lines, $(du -m "$access" | cut -f1) MiB"
measure nethergaze-replay 1000000 "$here/nethergaze" replay "$access" --json; ours=$secs
measure awk-sort-uniq 1000000 sh -c "awk '{print \$1}' '$access' | sort | uniq -c | sort -rn | head"; awk_s=$secs
ratio "$ours" "$awk_s" "awk pipeline time / ours (>1: we are faster)"
if command -v goaccess > /dev/null; then
  measure goaccess 1000000 goaccess "$access" --log-format=COMBINED -o "$work/goaccess.json"; ga=$secs
  ratio "$ours" "$ga" "GoAccess time / ours"
else
  echo "goaccess               not installed (apt-get install goaccess)"
fi
echo "## Caddy JSON log: $(wc -l < "$caddy") lines, $(du -m "$caddy" | cut -f1) MiB"
measure nethergaze-replay-caddy 300000 "$here/nethergaze" replay "$caddy" --json; ours_c=$secs
if command -v goaccess > /dev/null; then
  measure goaccess-caddy 300000 goaccess "$caddy" --log-format=CADDY -o "$work/goaccess-caddy.json"; ga_c=$secs
  ratio "$ours_c" "$ga_c" "GoAccess time / ours"
fi
echo "## auth log: $(wc -l < "$auth") lines"
measure nethergaze-replay-auth 200000 "$here/nethergaze" replay "$auth" --json; ours_a=$secs
if command -v fail2ban-regex > /dev/null; then
  measure fail2ban-regex 200000 fail2ban-regex "$auth" sshd; f2b=$secs
  ratio "$ours_a" "$f2b" "fail2ban-regex time / ours"
else
  echo "fail2ban-regex         not installed (apt-get install fail2ban)"
fi
