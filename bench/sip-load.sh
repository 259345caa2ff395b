#!/usr/bin/env bash
# Benchmark: the SIP edge and IVR under load (issue item 6). Starts the release server with the
# demo population, then drives SIPp (bench/sipp/*.xml; every call sends PCMA audio with
# play_pcap_audio, hears the prompts and presses 1 with an RFC 4733 pcap):
#   1. rising concurrency (LEVELS): LEVEL calls opened at up to RAMP_CPS and held ~26 s each;
#      stops at the first level with a failed call. Server CPU (/proc/PID/stat) and peak RSS
#      (/proc/PID/status) per level, divided by the concurrent calls SIPp reports.
#   2. rising set-up rate (RATES): RATE calls/s for RATE_SECS seconds, 2 s calls.
#   3. RTP: a tcpdump capture on lo during the CAPTURE_LEVEL run, analysed by bench/rtp_stats.py
#      (server send jitter, DTMF end packet -> first prompt packet).
# Figures are printed, never asserted: exits 0 when the run completed.
# Usage: bench/sip-load.sh            (env: LEVELS, RATES, RATE_SECS, RAMP_CPS, CAPTURE_LEVEL,
#                                      CARGO_TARGET_DIR to reuse a release build)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
LEVELS="${LEVELS:-100 400 1000 2000 3000}"
RATES="${RATES:-100 200 300 400}"
RATE_SECS="${RATE_SECS:-8}"
RAMP_CPS="${RAMP_CPS:-200}"
CAPTURE_LEVEL="${CAPTURE_LEVEL:-100}"
MP=16000   # SIPp media ports start here (below the ephemeral range the server's RTP uses)

cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-$root/target}/release/centralino"

work="$(mktemp -d /tmp/sip-load.XXXXXX)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  if [[ "${KEEP:-0}" == 1 ]]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
free_udp_port() {
  python3 -c 'import socket
while True:
    t=socket.socket(); t.bind(("127.0.0.1",0)); p=t.getsockname()[1]
    try:
        u=socket.socket(socket.AF_INET,socket.SOCK_DGRAM); u.bind(("127.0.0.1",p)); print(p); break
    except OSError: pass'
}
http_port="$(free_port)"
sip_port="$(free_udp_port)"

# Caller audio is SIPp's own g711a.pcap (play_pcap_audio, from each call's media port: SIPp
# 3.6.1's rtp_stream sends every call from one socket, and the server, latched to it, then
# ignores the DTMF the pcaps send from the call's own port).
cp bench/sipp/ivr_load.xml bench/sipp/ivr_setup.xml "$work/"

data="$work/data"
mkdir -p "$data"
echo "== pre-rendering prompts"
"$bin" prompts render --data-dir "$data" > "$work/render.log" 2>&1
"$bin" serve --demo --data-dir "$data" --listen "127.0.0.1:$http_port" --sip "127.0.0.1:$sip_port" \
  > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 300); do
  curl -fsS -o /dev/null "http://127.0.0.1:$http_port/" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { echo "server died:"; tail -20 "$work/server.log"; exit 1; }
  sleep 0.1
done
sleep 1
echo "== server pid $server_pid, http 127.0.0.1:$http_port, sip 127.0.0.1:$sip_port ($(nproc) cores)"

ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$server_pid/status"; }
hz="$(getconf CLK_TCK)"
sipp_port=5090

# csv_field FILE COLUMN [max]: the last (or largest) value of a SIPp statistics column.
csv_field() {
  python3 - "$1" "$2" "${3:-last}" <<'PY'
import sys
rows = [l.rstrip("\n").split(";") for l in open(sys.argv[1]) if l.strip()]
i = rows[0].index(sys.argv[2])
vals = [float(r[i]) for r in rows[1:] if len(r) > i and r[i] != ""]
print(int(max(vals) if sys.argv[3] == "max" else vals[-1]) if vals else 0)
PY
}

# run_sipp NAME SCENARIO MAX_CALLS RATE LIMIT BOUND_S
run_sipp() {
  local name=$1 scen=$2 m=$3 r=$4 l=$5 bound=$6 rc=0
  sipp_port=$((sipp_port + 1))
  (cd "$work" && timeout -k 5 $((bound + 20)) sipp -sf "$scen" "127.0.0.1:$sip_port" -s 803164 \
    -i 127.0.0.1 -mi 127.0.0.1 -p "$sipp_port" -mp "$MP" -m "$m" -r "$r" -l "$l" \
    -timeout "${bound}s" -nostdin -max_socket 20000 \
    -trace_stat -stf "$work/$name.csv" -fd 1 -trace_err -error_file "$work/$name.err" \
    > "$work/$name.out" 2>&1) || rc=$?
  echo "$rc"
}

echo
echo "== 1. concurrency (each call ~26.5 s: audio sent throughout, prompts heard, key 1, hang up)"
printf '%-7s %-8s %-7s %-7s %-11s %-13s %-12s %-9s\n' level peak ok failed sipp_rc cpu_ms/call rss_KiB/call cpu_%
best=0; best_rss="n/a"; best_cpu="n/a"; capture_file=""
for level in $LEVELS; do
  cap_pid=""
  if [[ "$level" == "$CAPTURE_LEVEL" ]] && command -v tcpdump > /dev/null; then
    capture_file="$work/rtp.pcap"
    tcpdump -i lo -s 214 -w "$capture_file" "udp and not port $sip_port and not port $((sipp_port + 1))" \
      > "$work/tcpdump.log" 2>&1 &
    cap_pid=$!
    sleep 1
  fi
  rate=$(( level < RAMP_CPS ? level : RAMP_CPS ))
  bound=$(( level / rate + 60 ))
  t0=$(ticks); r0=$(rss_kib); w0=$(date +%s.%N); peak_rss=$r0
  run_sipp "c$level" ivr_load.xml "$level" "$rate" "$level" "$bound" > "$work/c$level.rc" &
  runner=$!
  while kill -0 "$runner" 2>/dev/null; do
    r=$(rss_kib); (( r > peak_rss )) && peak_rss=$r
    sleep 1
  done
  rc=$(cat "$work/c$level.rc")
  t1=$(ticks); w1=$(date +%s.%N)
  if [[ -n "$cap_pid" ]]; then kill -INT "$cap_pid"; wait "$cap_pid" || true; fi
  csv="$work/c$level.csv"
  peak=$(csv_field "$csv" "CurrentCall" max); ok=$(csv_field "$csv" "SuccessfulCall(C)")
  failed=$(csv_field "$csv" "FailedCall(C)")
  cpu_ms=$(awk -v a="$t0" -v b="$t1" -v hz="$hz" -v n="$ok" 'BEGIN{ if (n>0) printf "%.1f", (b-a)/hz*1000/n; else print "n/a" }')
  cpu_pct=$(awk -v a="$t0" -v b="$t1" -v hz="$hz" -v s="$w0" -v e="$w1" 'BEGIN{ printf "%.0f", (b-a)/hz/(e-s)*100 }')
  rss_call=$(awk -v a="$r0" -v b="$peak_rss" -v n="$peak" 'BEGIN{ if (n>0) printf "%.1f", (b-a)/n; else print "n/a" }')
  printf '%-7s %-8s %-7s %-7s %-11s %-13s %-12s %-9s\n' "$level" "$peak" "$ok" "$failed" "$rc" "$cpu_ms" "$rss_call" "$cpu_pct"
  if [[ "$failed" != 0 || "$ok" -lt "$level" ]]; then
    echo "   stopped at $level: $failed failed, $((level - ok)) not completed (sipp rc $rc; 124 = killed at the level bound): $(head -c 300 "$work/c$level.err" 2>/dev/null | tr '\n' ' ')"
    break
  fi
  best=$peak; best_rss=$rss_call; best_cpu=$cpu_ms
  sleep 3
done

echo
echo "== 2. call set-up rate (2 s calls: welcome prompt, key 1, hang up)"
printf '%-7s %-21s %-7s %-7s %-8s %-16s\n' rate max_1s_rate ok failed sipp_rc INVITE_200_avg_ms
best_rate=0
for rate in $RATES; do
  m=$((rate * RATE_SECS))
  w0=$(date +%s.%N)
  rc=$(run_sipp "r$rate" ivr_setup.xml "$m" "$rate" $((rate * 10)) $((RATE_SECS + 60)))
  csv="$work/r$rate.csv"
  ok=$(csv_field "$csv" "SuccessfulCall(C)"); failed=$(csv_field "$csv" "FailedCall(C)")
  achieved=$(csv_field "$csv" "CallRate(P)" max)
  rtt=$(python3 - "$csv" <<'PY'
import sys
rows = [l.rstrip("\n").split(";") for l in open(sys.argv[1]) if l.strip()]
h = rows[0]
col = next((c for c in h if c.startswith("ResponseTime1(C)")), None)
v = rows[-1][h.index(col)] if col else ""
try:
    hh, mm, ss, us = (int(x) for x in v.split(":"))
    print(f"{(hh * 3600 + mm * 60 + ss) * 1000 + us / 1000:.1f}")
except ValueError:
    print("n/a")
PY
)
  printf '%-7s %-21s %-7s %-7s %-8s %-16s\n' "$rate" "$achieved" "$ok" "$failed" "$rc" "$rtt"
  if [[ "$failed" != 0 || "$ok" -lt "$m" ]]; then break; fi
  best_rate=$rate
  sleep 3
done

echo
echo "== 3. RTP (capture on lo during the $CAPTURE_LEVEL-call level)"
jitter="not measured (no capture: tcpdump missing or level $CAPTURE_LEVEL not run)"
dtmf="not measured (no capture)"
if [[ -n "$capture_file" && -s "$capture_file" ]]; then
  python3 bench/rtp_stats.py "$capture_file" "$MP" $((MP + 4 * CAPTURE_LEVEL + 100)) | tee "$work/rtp.txt"
  get() { awk -F= -v k="$1" '$1 == k {print $2}' "$work/rtp.txt"; }
  jitter="p99 $(get jitter_p99_ms) ms (p50 $(get jitter_p50_ms), max $(get jitter_max_ms); $(get gaps) gaps)"
  dtmf="p50 $(get dtmf_prompt_p50_ms) ms, p99 $(get dtmf_prompt_p99_ms) ms, max $(get dtmf_prompt_max_ms) ms ($(get dtmf_samples) calls)"
fi

echo
echo "== summary ($(nproc) cores, $(date -u +%FT%TZ))"
echo "max concurrent IVR calls with 0 failures: $best (levels: $LEVELS)"
echo "call set-ups per second with 0 failures: $best_rate (rates: $RATES, $RATE_SECS s each)"
echo "server CPU per call at that level: $best_cpu ms CPU per ~26.5 s call"
echo "server RSS per concurrent call at that level: $best_rss KiB"
echo "p99 RTP send jitter (server->caller, |gap-20 ms|): $jitter"
echo "DTMF end packet -> next prompt's first RTP packet: $dtmf"
