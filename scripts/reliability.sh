#!/usr/bin/env bash
# The reliability campaign, bounded in count and time and on loopback only: a Bedrock simulator with
# scripted faults, the gateway in front of it with the container image's JVM options, curl as the
# client. Prints markdown rows for docs/reliability.md: what a client sees for each upstream fault on
# each route, what bad or abusive input gets, and the gateway's idle RSS before and after a load peak.
#
#   scripts/reliability.sh            all four (about four minutes)
#   scripts/reliability.sh faults     the fault matrix
#   scripts/reliability.sh abuse      bad input and abusive clients
#   scripts/reliability.sh memory     idle RSS before a load, at its peak, and after it
#   scripts/reliability.sh connections  20,000 silent TCP connections (no byte sent) from two client
#                                     processes of their own against a gateway whose server.max_connections
#                                     follows its open-file limit: /health/live polled meanwhile (about 40 s)
#   scripts/reliability.sh smoke      a few rows of the first two, in under a minute (CI runs it:
#                                     bench/…/ReliabilitySmokeTest checks them against docs/reliability.md)
#
# Jars: GATEWAY_JAR, SIM_JAR, BENCH_JAR, else the repository's target directories (built when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/jdk.sh
source scripts/lib/jdk.sh
what="${1:-all}"

gateway_jar="${GATEWAY_JAR:-proxy/target/claude-bedrock-proxy.jar}"
sim_jar="${SIM_JAR:-bedrock-sim/target/bedrock-sim.jar}"
bench_jar="${BENCH_JAR:-bench/target/claude-bedrock-bench.jar}"
if [ ! -f "$gateway_jar" ] || [ ! -f "$sim_jar" ] || { [ ! -f "$bench_jar" ] && [[ "$what" =~ ^(all|memory)$ ]]; }; then
  ./mvnw -B -q package -DskipTests
fi
# Absolute: the gateway starts in a scratch directory.
gateway_jar=$(realpath "$gateway_jar")
sim_jar=$(realpath "$sim_jar")
bench_jar=$(realpath -m "$bench_jar")
java="$JAVA_HOME/bin/java"
# The image's /app/jvm.options (Dockerfile) and the 4 GB memory limit of the production compose file;
# RELIABILITY_JVM_OPTIONS replaces them (to compare collectors' settings).
read -r -a jvm_options <<<"${RELIABILITY_JVM_OPTIONS:-$(grep -o "^      '-[^']*'" Dockerfile | tr -d "' " | grep -v AOTCache | tr '\n' ' ') -XX:MaxRAM=4g}"
token=reliability-campaign-token-0001
work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

started=0
# Waits until the log has a line matching the pattern (a process's "listening" line); prints the match.
await_log() {
  local match
  for _ in $(seq 1 900); do
    match=$(grep -o -m1 "$2" "$1" 2>/dev/null || true)
    [ -n "$match" ] && { echo "$match"; return 0; }
    sleep 0.1
  done
  echo "not started within 90 s:" >&2
  tail -5 "$1" >&2
  return 1
}

"$java" -jar "$sim_jar" --host 127.0.0.1 --port 0 --control-api >"$work/sim.log" 2>&1 &
pids+=("$!")
sim="http://$(await_log "$work/sim.log" 'listening on 127.0.0.1:[0-9]*' | cut -d' ' -f3)"

# Starts a gateway in front of the simulator (extra environment as arguments); sets gateway and gateway_pid.
start_gateway() {
  local log="$work/gateway-$((++started)).log" port
  # In the scratch directory, so that no configuration file of the repository applies: defaults and these.
  (cd "$work" && exec env -i PATH="$PATH" PORT=0 BEDROCK_PROXY_SERVER_HOST=127.0.0.1 API_AUTH_TOKEN="$token" \
    AWS_ACCESS_KEY_ID=AKIDSIMULATOREXAMPLE AWS_SECRET_ACCESS_KEY=sim-secret-access-key-example \
    AWS_REGION=us-east-1 BEDROCK_ENDPOINT="$sim" BEDROCK_CONTROL_PLANE_ENDPOINT="$sim" AWS_ENDPOINT_URL_STS="$sim" \
    "$@" "$java" "${jvm_options[@]}" -jar "$gateway_jar" >"$log" 2>&1) &
  gateway_pid=$!
  pids+=("$gateway_pid")
  port=$(await_log "$log" '"port":[0-9]*' | cut -d: -f2)
  gateway="http://127.0.0.1:$port"
}
stop_gateway() {
  kill "$gateway_pid" 2>/dev/null || true
  wait "$gateway_pid" 2>/dev/null || true
}
rss_mb() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$gateway_pid/status"; }
fault() { curl -sS -o /dev/null -X DELETE "$sim/_sim/faults"; [ -z "${1:-}" ] || curl -sS -o /dev/null -X POST "$sim/_sim/faults" -H 'content-type: application/json' -d "$1"; }

haiku=us.anthropic.claude-haiku-4-5-20251001-v1:0
v1_body() { printf '{"model":"claude-haiku-4-5","max_tokens":256,"stream":%s,"messages":[{"role":"user","content":"campaign [[sim:tokens=12]]"}]}' "$1"; }
bedrock_body='{"anthropic_version":"bedrock-2023-05-31","max_tokens":256,"messages":[{"role":"user","content":"campaign [[sim:tokens=12]]"}]}'

# One request of a route; prints "status | what the client saw" (bounded by curl's --max-time).
call() {
  local route=$1 out="$work/body" code rc
  case "$route" in
    v1-stream) code=$(curl -sS -N --max-time 20 -o "$out" -D "$work/headers" -w '%{http_code}' "$gateway/v1/messages" -H "x-api-key: $token" \
      -H 'content-type: application/json' -d "$(v1_body true)" 2>/dev/null) && rc=0 || rc=$? ;;
    v1) code=$(curl -sS --max-time 20 -o "$out" -D "$work/headers" -w '%{http_code}' "$gateway/v1/messages" -H "x-api-key: $token" \
      -H 'content-type: application/json' -d "$(v1_body false)" 2>/dev/null) && rc=0 || rc=$? ;;
    openai-stream) code=$(curl -sS -N --max-time 20 -o "$out" -D "$work/headers" -w '%{http_code}' \
      "$gateway/openai/v1/chat/completions" -H "authorization: Bearer $token" -H 'content-type: application/json' \
      -d "$(v1_body true)" 2>/dev/null) && rc=0 || rc=$? ;;
    bedrock-stream) code=$(curl -sS -N --max-time 20 -o "$out" -D "$work/headers" -w '%{http_code}' \
      "$gateway/bedrock/model/$haiku/invoke-with-response-stream" -H "x-api-key: $token" \
      -H 'content-type: application/json' -d "$bedrock_body" 2>/dev/null) && rc=0 || rc=$? ;;
    bedrock) code=$(curl -sS --max-time 20 -o "$out" -D "$work/headers" -w '%{http_code}' "$gateway/bedrock/model/$haiku/invoke" \
      -H "x-api-key: $token" -H 'content-type: application/json' -d "$bedrock_body" 2>/dev/null) && rc=0 || rc=$? ;;
  esac
  local seen
  [ "$code" = 200 ] || route=error
  case "$route" in
    v1-stream)
      local deltas pings last
      deltas=$(grep -c '^event: content_block_delta' "$out" || true)
      pings=$(grep -c '^event: ping' "$out" || true)
      last=$(grep '^event: ' "$out" | tail -1 | cut -d' ' -f2)
      seen="$deltas deltas, $pings pings, last event $last"
      [ "$last" = error ] && seen="$seen ($(grep -o '"type":"[a-z_]*_error"' "$out" | tail -1 | cut -d'"' -f4))"
      ;;
    openai-stream)
      local chunks pings last
      chunks=$(grep -c '"delta":{[^}]*"content"' "$out" || true)
      pings=$(grep -c '^: ping' "$out" || true)
      last=$(grep '^data: ' "$out" | tail -1 | cut -c7-)
      case "$last" in
        '[DONE]') last="[DONE]" ;;
        *'"error"'*) last="error chunk ($(grep -o '"code":"[a-z_]*"' <<<"$last" | cut -d'"' -f4))" ;;
        *) last="a chunk, no [DONE]" ;;
      esac
      seen="$chunks content chunks, $pings pings, last $last"
      ;;
    bedrock-stream)
      local frames exception
      frames=$(grep -a -o ':event-type' "$out" | wc -l)
      exception=$(grep -a -o -E '(internalServer|modelStreamError|serviceUnavailable|throttling|modelTimeout|validation)Exception' "$out" | tail -1 || true)
      seen="$frames frames${exception:+, then $exception}"
      ;;
    *) seen="$(grep -o -E '"type":"[a-z_]*_error"' "$out" | tail -1 | cut -d'"' -f4 || true)"
      local aws_type
      aws_type=$(grep -i '^x-amzn-errortype:' "$work/headers" | cut -d' ' -f2 | cut -d: -f1 || true)
      [ -n "$aws_type" ] && seen="${seen:+$seen, }$aws_type"
      [ -z "$seen" ] && grep -q '"content"' "$out" && seen="the complete message" ;;
  esac
  case "$rc" in
    0) ;;
    18) seen="$seen; connection closed before the end of the body (curl 18)" ;;
    28) seen="$seen; nothing more within 20 s (curl 28)" ;;
    56|92) seen="$seen; transfer broken (curl $rc)" ;;
    *) seen="$seen; curl exit $rc" ;;
  esac
  echo "$code | $seen"
}

faults() {
  start_gateway BEDROCK_PROXY_UPSTREAM_STREAM_IDLE_TIMEOUT_MS=3000 BEDROCK_PROXY_UPSTREAM_STREAM_FIRST_BYTE_TIMEOUT_MS=4000 \
    BEDROCK_PROXY_UPSTREAM_FIRST_BYTE_TIMEOUT_MS=4000 BEDROCK_PROXY_STREAMING_COMMIT_AFTER_MS=1500 \
    BEDROCK_PROXY_STREAMING_PING_INTERVAL_MS=1000
  echo "| Upstream fault (once) | Route | Status | What the client saw |"
  echo "|---|---|---|---|"
  local faults=(
    "none|"
    "connection dropped before any byte|{\"kind\":\"drop_connection\",\"afterEvents\":0}"
    "connection dropped after 3 events|{\"kind\":\"drop_connection\",\"afterEvents\":3}"
    "stall after the headers, 10 s|{\"kind\":\"stall\",\"afterEvents\":0,\"ms\":10000}"
    "stall after 3 events, 10 s|{\"kind\":\"stall\",\"afterEvents\":3,\"ms\":10000}"
    "no answer for 10 s (black hole)|{\"kind\":\"delay\",\"firstByteMs\":10000}"
    "500 InternalServerException|{\"kind\":\"http_error\",\"errorType\":\"InternalServerException\"}"
    "429 ThrottlingException|{\"kind\":\"http_error\",\"errorType\":\"ThrottlingException\"}"
    "exception frame after 3 events|{\"kind\":\"exception_frame\",\"exceptionType\":\"modelStreamErrorException\",\"afterEvents\":3}"
  )
  local entry name script route
  for entry in "${faults[@]}"; do
    name="${entry%%|*}"
    script="${entry#*|}"
    for route in v1-stream v1 openai-stream bedrock-stream bedrock; do
      case "$route:$name" in v1:*frame*|bedrock:*frame*|v1:*3\ events*|bedrock:*3\ events*) continue ;; esac
      [[ "$name|$route" =~ $only ]] || continue
      fault "$script"
      echo "| $name | $route | $(call "$route") |"
    done
  done
  fault ""
  echo
  echo "Gateway: retry.max_attempts 3 (default), stream_idle_timeout 3 s, first-byte timeouts 4 s, commit_after 1.5 s, pings 1 s."
  stop_gateway
}

abuse() {
  start_gateway
  echo "| Abuse | What it got |"
  echo "|---|---|"
  local code
  code=$(curl -sS -o /dev/null -w '%{http_code}' "$gateway/v1/messages" -H "x-api-key: $token" -H 'content-type: application/json' \
    -d '{"model":"claude-haiku-4-5","model":"claude-opus-5-5","max_tokens":8,"messages":[{"role":"user","content":"x"}]}')
  echo "| duplicate JSON key | $code |"
  head -c 25100000 /dev/zero | tr '\0' x | awk '{printf "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"%s\"}]}", $0}' >"$work/huge.json"
  code=$(curl -sS -o /dev/null -w '%{http_code}' "$gateway/v1/messages" -H "x-api-key: $token" -H 'content-type: application/json' --data-binary @"$work/huge.json")
  echo "| body of 25.1 MB (over Bedrock's 25,000,000 bytes) | $code |"
  local line
  line=$(exec 3<>"/dev/tcp/127.0.0.1/${gateway##*:}"; printf 'GET /health HTTP/9.9\r\nHost: x\r\n\r\n' >&3; timeout 5 head -1 <&3 | tr -d '\r')
  echo "| request line HTTP/9.9 | $line |"
  if [ "$only" != '.*' ]; then
    stop_gateway
    return
  fi
  code=$(curl -sS -o /dev/null -w '%{http_code}' "$gateway/v1/messages" -H "x-api-key: $token" -H 'content-type: application/json' -d '{"model":')
  echo "| truncated JSON | $code |"
  local big_model
  big_model=$(head -c 1000000 /dev/zero | tr '\0' m)
  printf '{"model":"%s","max_tokens":8,"messages":[{"role":"user","content":"x"}]}' "$big_model" >"$work/big-model.json"
  for _ in 1 2 3 4 5; do
    code=$(curl -sS -o /dev/null -w '%{http_code}' "$gateway/v1/messages" -H "x-api-key: $token" -H 'content-type: application/json' --data-binary @"$work/big-model.json")
  done
  echo "| 1 MB model name, 5 times | $code; /metrics afterwards $(curl -sS "$gateway/metrics" | wc -c) bytes |"
  code=$(curl -sS -o /dev/null -w '%{http_code}' "$gateway/v1/messages" -H 'content-type: application/json' -d "$(v1_body false)")
  echo "| no credential | $code |"
  # Held bodies: 200 connections declare 32 MB, send 3 bytes and wait; a normal request meanwhile.
  local before held=()
  before=$(rss_mb)
  for _ in $(seq 1 200); do
    exec {fd}<>"/dev/tcp/127.0.0.1/${gateway##*:}"
    printf 'POST /v1/messages HTTP/1.1\r\nHost: x\r\nx-api-key: %s\r\ncontent-type: application/json\r\ncontent-length: 33554432\r\n\r\n{"m' "$token" >&"$fd"
    held+=("$fd")
  done
  sleep 2
  local took
  took=$(curl -sS -o /dev/null -w '%{time_total}' "$gateway/v1/messages" -H "x-api-key: $token" -H 'content-type: application/json' -d "$(v1_body false)")
  echo "| 200 held bodies (32 MB declared, 3 bytes sent) | RSS ${before} MB before, $(rss_mb) MB held; a normal request meanwhile took ${took} s |"
  for fd in "${held[@]}"; do exec {fd}>&-; done
  stop_gateway
}

memory() {
  start_gateway
  sleep 20
  local idle peak after
  idle=$(rss_mb)
  "$java" -jar "$bench_jar" load --url "$gateway" --token "$token" --model claude-haiku-4-5 --stream --tokens 1000 \
    --mode open --rate 200 --duration 30 --warmup 2 >"$work/load.txt" 2>&1 || true
  peak=$(rss_mb)
  sleep 60
  after=$(rss_mb)
  echo "| JVM options | Idle RSS | After 30 s of 200 streams/s (1,000 events each) | 60 s later |"
  echo "|---|---|---|---|"
  echo "| ${jvm_options[*]} | ${idle} MB | ${peak} MB | ${after} MB |"
  grep -E 'sent|latency|first event' "$work/load.txt" | head -3 | sed 's/^/    /'
  stop_gateway
}

# Silent connections at scale: SILENT_CONNECTIONS (20,000) TCP connections that never send a byte, opened by two
# client processes (each needs its own file descriptors: one process cannot hold 20,000 under a 20,000 limit)
# from two loopback source addresses, against a gateway with the default server.max_connections (80 % of its
# open-file limit, which the JVM raises to the hard limit) and header-read timeout (10 s). Meanwhile
# /health/live and /metrics are polled every half second. Every client connection must be closed by the
# gateway: the excess at once (the oldest silent one evicted for each newcomer), the rest at the header timeout.
connections() {
  start_gateway
  local port=${gateway##*:} total=${SILENT_CONNECTIONS:-20000} limit nofile
  local half=$((total / 2))
  limit=$(curl -sS "$gateway/metrics" | awk '/^gateway_connections_limit / {print int($2)}')
  nofile=$(awk '/^Max open files/ {print $4}' "/proc/$gateway_pid/limits")
  python3 scripts/lib/silent-connections.py 127.0.0.1 "$port" "$half" 127.0.0.2 20 35 >"$work/silent-1.json" &
  local client1=$!
  python3 scripts/lib/silent-connections.py 127.0.0.1 "$port" "$((total - half))" 127.0.0.3 20 35 >"$work/silent-2.json" &
  local client2=$!
  local polls=0 answered=0 slowest=0 peak_open=0 peak_fds=0 took code open fds
  while kill -0 "$client1" 2>/dev/null || kill -0 "$client2" 2>/dev/null; do
    polls=$((polls + 1))
    read -r code took < <(curl -sS -o /dev/null --max-time 2 -w '%{http_code} %{time_total}\n' "$gateway/health/live" 2>/dev/null \
      || echo "000 2")
    [ "$code" = 200 ] && answered=$((answered + 1))
    slowest=$(awk -v a="$slowest" -v b="$took" 'BEGIN {print (b > a ? b : a)}')
    open=$(curl -sS --max-time 2 "$gateway/metrics" 2>/dev/null | awk '/^gateway_connections / {print int($2)}' || true)
    [ -n "$open" ] && [ "$open" -gt "$peak_open" ] && peak_open=$open
    fds=$(find "/proc/$gateway_pid/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)
    [ "$fds" -gt "$peak_fds" ] && peak_fds=$fds
    sleep 0.5
  done
  wait "$client1" "$client2" || true
  local closed
  closed=$(curl -sS "$gateway/metrics" | grep '^gateway_connections_closed_total{' \
    | sed -E 's/.*reason="([a-z_]+)".* ([0-9.eE+]+)$/\1 \2/' | awk '{printf "%s%s %d", sep, $1, $2; sep=", "}')
  python3 - "$work/silent-1.json" "$work/silent-2.json" "$total" "$nofile" "$limit" "$peak_open" "$peak_fds" \
    "$answered" "$polls" "$slowest" "$closed" <<'PY'
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
total, nofile, limit, peak_open, peak_fds, answered, polls, slowest, closed = sys.argv[3:]
f = lambda n: f"{int(n):,}"
ms = lambda side, p: side["closed_after_ms"][p] or 0
print("| Measure | Value |")
print("|---|---|")
print(f"| Silent connections opened (two client processes, no byte sent) | {f(a['asked'] + b['asked'])} |")
print(f"| Gateway open-file limit → `server.max_connections` (80 %) | {f(nofile)} → {f(limit)} |")
print(f"| Established / failed to connect | {f(a['connected'] + b['connected'])} / {f(a['failed'] + b['failed'])} |")
print(f"| Closed by the gateway (seen by the clients) | {f(a['closed'] + b['closed'])}, still open at the end: "
      f"{f(a['open_at_end'] + b['open_at_end'])} |")
print(f"| Time from connect to the gateway's close, p50 / p99 / max (the slower client's) | {max(ms(a, 'p50'), ms(b, 'p50')) / 1000:.1f} s / "
      f"{max(ms(a, 'p99'), ms(b, 'p99')) / 1000:.1f} s / {max(ms(a, 'max'), ms(b, 'max')) / 1000:.1f} s |")
print(f"| `gateway_connections_closed_total` by reason | {closed} |")
print(f"| Peak `gateway_connections` / peak gateway file descriptors | {f(peak_open)} / {f(peak_fds)} |")
print(f"| `/health/live` answered meanwhile (polled every 0.5 s) | {answered} of {polls}, slowest {float(slowest):.3f} s |")
PY
  stop_gateway
}

only='.*'
case "$what" in
  smoke)
    only='^(none\|v1-stream|connection dropped before any byte\|v1|connection dropped after 3 events\|(v1|bedrock)-stream|stall after 3 events, 10 s\|bedrock-stream)$'
    faults; echo; abuse ;;
  faults) faults ;;
  abuse) abuse ;;
  memory) memory ;;
  connections) connections ;;
  all) faults; echo; abuse; echo; memory; echo; connections ;;
  *) echo "usage: scripts/reliability.sh [faults|abuse|memory|connections|all|smoke]" >&2; exit 2 ;;
esac
