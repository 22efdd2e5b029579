#!/usr/bin/env bash
# The benchmark suite's small-request legs by hand, with the gateway's GC, safepoint and native-trim log, and the
# gateway's resident memory idle, at its peak and after the load: the simulator and the gateway (the image's JVM
# options and environment, read from the Dockerfile, and the production memory limit) on loopback.
#
# 1. a few requests (8 small, 8 streamed, 8 of 50 KB) and 5 s idle: idle RSS, as the suite's idle scenario takes it;
# 2. 8 s of closed-loop warm-up (16 in flight), then open-loop legs of 5 s (after 1 s unrecorded), twice per rate,
#    each from a new load generator: each leg's latency and the gateway's CPU ticks;
# 3. SETTLE seconds (default 40) without requests: RSS after the load (the image collects an idle heap every 15 s
#    and gives back what it no longer needs).
# Then a summary of gc.log: the heap's committed sizes, the pauses (how many, how many over 50 ms, the longest, the
# CPU the long ones used), safepoints over 50 ms, the native heap trims (how many, how many over 50 ms, the longest).
# The logs go into OUTDIR (gc.log: every pause with its user, system and real time, the heap's committed size, each
# trim of the native heap).
#
#   scripts/gc-legs.sh OUTDIR                        rates 200, 1000 and 3000 per second
#   RATES="3000" scripts/gc-legs.sh OUTDIR -Xms512m  extra flags for the gateway's JVM (after the image's: they win)
#   RATES= SETTLE=0 scripts/gc-legs.sh OUTDIR        idle RSS only
#   NMT=1 scripts/gc-legs.sh OUTDIR                  also -XX:NativeMemoryTracking=summary and `jcmd VM.native_memory`
#                                                    when idle and after the load (nmt-idle.txt, nmt-settled.txt;
#                                                    tracking costs memory itself: take RSS figures without it);
#                                                    /proc/PID/smaps at both points in any case (smaps-*.txt)
#   MALLOC_ARENA_MAX=N scripts/gc-legs.sh OUTDIR     glibc's arena limit other than the image's
#
# Needs the jars built (./mvnw -B package -DskipTests). docs/profiles.md, "Cliffs" and "Idle footprint", says what it
# showed.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/jdk.sh
source scripts/lib/jdk.sh
out=$1
shift
mkdir -p "$out"
token=claude-bedrock-bench-token
sim_port=$((20000 + RANDOM % 5000))
gateway_port=$((25000 + RANDOM % 5000))

# The image's options: the single-quoted arguments of the base stage's first printf into /app/jvm.options.
mapfile -t image_options < <(awk '/^RUN printf/ {n++} n == 1 {print} n == 1 && /jvm.options/ {exit}' Dockerfile \
  | grep -o "'-[^']*'" | tr -d "'")
[ "${#image_options[@]}" -gt 0 ] || { echo "no JVM options found in the Dockerfile" >&2; exit 1; }
image_arenas=$(grep -o 'MALLOC_ARENA_MAX=[0-9]*' Dockerfile | head -1 | cut -d= -f2 || true)
arenas=${MALLOC_ARENA_MAX:-$image_arenas}
nmt=()
[ "${NMT:-0}" = 1 ] && nmt=(-XX:NativeMemoryTracking=summary)
echo "gateway JVM: ${image_options[*]} -XX:MaxRAM=4g $*${arenas:+ (MALLOC_ARENA_MAX=$arenas)}" | tee "$out/flags.txt"
echo "$(date -u +%H:%M:%S) UTC, load average $(cut -d' ' -f1-3 /proc/loadavg)"

java -jar bedrock-sim/target/bedrock-sim.jar --host 127.0.0.1 --port "$sim_port" --tokens-per-second 0 \
  --first-byte-ms 0 --record-limit 0 >"$out/simulator.log" 2>&1 &
simulator=$!
env -i PATH="$PATH" PORT="$gateway_port" BEDROCK_PROXY_SERVER_HOST=127.0.0.1 API_AUTH_TOKEN="$token" \
  BEDROCK_ENDPOINT="http://127.0.0.1:$sim_port" AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=AKIDSIMULATOREXAMPLE \
  AWS_SECRET_ACCESS_KEY=sim-secret-access-key-example BEDROCK_PROXY_UPSTREAM_HTTP_VERSION=1.1 \
  ${arenas:+MALLOC_ARENA_MAX=$arenas} \
  "$JAVA_HOME/bin/java" "${image_options[@]}" -XX:MaxRAM=4g "${nmt[@]}" \
  "-Xlog:gc*,safepoint,trimnative:file=$out/gc.log:uptime,level,tags" "$@" \
  -jar proxy/target/claude-bedrock-proxy.jar >"$out/gateway.log" 2>&1 &
gateway=$!
trap 'kill "$gateway" "$simulator" 2>/dev/null || true' EXIT
for _ in $(seq 1 150); do
  curl -fs "http://127.0.0.1:$gateway_port/health/ready" >/dev/null 2>&1 && break
  sleep 0.2
done

rss() {
  awk -v field="$1" '$1 == field ":" {printf "%.1f MB", $2 / 1024}' "/proc/$gateway/status"
}
nmt_report() {
  cp "/proc/$gateway/smaps" "$out/smaps-$1.txt"
  if [ "${NMT:-0}" = 1 ]; then
    jcmd "$gateway" VM.native_memory summary >"$out/nmt-$1.txt"
  fi
}
# A few requests, as the suite's idle scenario sends: small, small streamed, a 50 KB Claude Code-sized body.
filler=$(head -c 50000 /dev/zero | tr '\0' 'a')
send() {
  curl -fs -o /dev/null "http://127.0.0.1:$gateway_port/v1/messages" -H "authorization: Bearer $token" \
    -H 'anthropic-version: 2023-06-01' -H 'content-type: application/json' --data-binary @- <<<"$1"
}
for _ in $(seq 1 8); do
  send '{"model":"claude-sonnet-5-5","max_tokens":20,"messages":[{"role":"user","content":"Hello"}]}'
done
for _ in $(seq 1 8); do
  send '{"model":"claude-sonnet-5-5","max_tokens":20,"stream":true,"messages":[{"role":"user","content":"Hello"}]}'
done
for _ in $(seq 1 8); do
  send "{\"model\":\"claude-sonnet-5-5\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"$filler\"}]}"
done
sleep 5
echo "idle after start and 24 requests: RSS $(rss VmRSS), $(find "/proc/$gateway/task" -mindepth 1 -maxdepth 1 | wc -l) threads"
nmt_report idle

load() {
  java -Xms2g -Xmx2g -XX:+AlwaysPreTouch -jar bench/target/claude-bedrock-bench.jar load \
    --url "http://127.0.0.1:$gateway_port" --token "$token" "$@"
}
rates=${RATES-200 1000 3000}
if [ -n "$rates" ]; then
  load --mode closed --concurrency 16 --duration 8 --warmup 1 >"$out/warmup.txt"
fi
for rate in $rates; do
  for round in 1 2; do
    before=$(awk '{print $14 + $15}' "/proc/$gateway/stat")
    load --rate "$rate" --duration 5 --warmup 1 >"$out/rate-$rate-$round.txt" || true
    after=$(awk '{print $14 + $15}' "/proc/$gateway/stat")
    echo "rate $rate round $round: gateway CPU $((after - before)) ticks; $(grep '^latency' "$out/rate-$rate-$round.txt")"
  done
done
if [ -n "$rates" ]; then
  echo "after the legs: RSS $(rss VmRSS), peak $(rss VmHWM)"
  sleep "${SETTLE:-40}"
  echo "${SETTLE:-40} s later: RSS $(rss VmRSS)"
  nmt_report settled
fi

echo "$(date -u +%H:%M:%S) UTC, load average $(cut -d' ' -f1-3 /proc/loadavg)"
# The GC log in figures. Pause lines: "GC(7) Pause Young (Normal) (G1 Evacuation Pause) 23M->10M(34M) 42.363ms",
# each followed by "GC(7) User=0.01s Sys=0.00s Real=0.04s"; trims: "Periodic Trim (3): 60064K->60008K (-57344B)
# 0.527ms"; safepoints: "... Reaching safepoint: 4279 ns, At safepoint: ... Total: 27617794 ns".
awk '
  / Pause / && /\[gc +\]/ && match($0, /\(([0-9]+)M\) [0-9.]+ms$/) {
    size = substr($0, RSTART + 1, RLENGTH); sub(/M\).*/, "", size)
    if (!(size in sizes)) { sizes[size] = 1; distinct++ }
    if (last != "" && size != last) changes++
    last = size
    if (min == "" || size + 0 < min) min = size + 0
    if (size + 0 > max) max = size + 0
    ms = $NF; sub(/ms$/, "", ms)
    pauses++
    if (ms + 0 > longest) longest = ms + 0
    if (ms + 0 > 50) { long++; pending = 1; real += ms }
    next
  }
  /\[gc,cpu/ && pending {
    if (match($0, /User=[0-9.]+/)) cpu += substr($0, RSTART + 5, RLENGTH - 5) * 1000
    if (match($0, /Sys=[0-9.]+/)) cpu += substr($0, RSTART + 4, RLENGTH - 4) * 1000
    pending = 0
  }
  /Periodic Trim/ {
    ms = $NF; sub(/ms$/, "", ms)
    trims++
    if (ms + 0 > 50) longtrims++
    if (ms + 0 > longtrim) longtrim = ms + 0
  }
  /\[safepoint/ && match($0, /Total: [0-9]+ ns/) {
    ns = substr($0, RSTART + 7, RLENGTH - 10)
    if (ns / 1e6 > 50) longsafepoints++
    if (ns / 1e6 > longsafepoint) longsafepoint = ns / 1e6
  }
  END {
    printf "heap committed: %d sizes, %d changes, %d to %d MB\n", distinct, changes, min, max
    printf "pauses: %d, %d over 50 ms (%.0f ms of real time, %.0f ms of CPU), longest %.1f ms\n", pauses, long, real, cpu, longest
    printf "safepoints over 50 ms: %d, longest %.1f ms\n", longsafepoints, longsafepoint
    printf "native trims: %d, %d over 50 ms, longest %.1f ms\n", trims, longtrims, longtrim
  }' "$out/gc.log" | tee "$out/summary.txt"
