#!/usr/bin/env bash
# The OpenAI front door beside the Anthropic front door on one gateway and one simulator: the same small
# conversation as a Chat Completions and as a Messages request, legs alternating, open loop, loopback only.
# What the OpenAI translation adds is the gateway-openai figure less the gateway one of the same round.
# The full benchmark suite (scripts/bench.sh) measures the same pair as routes gateway and gateway-openai.
#
#   scripts/bench-fronts.sh [ROUNDS] [RATE] [SECONDS]     defaults: 3 rounds, 50 requests/s, 15 s per leg
#
# Needs the jars (./mvnw package -DskipTests). Bounded: ROUNDS × 4 legs of SECONDS each, then everything stops.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/jdk.sh
source scripts/lib/jdk.sh
rounds=${1:-3}
rate=${2:-50}
seconds=${3:-15}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
sim_port=$(free_port)
gateway_port=$(free_port)
token=bench-fronts-token-0001
logs=$(mktemp -d)
java -jar bedrock-sim/target/bedrock-sim.jar --port "$sim_port" --host 127.0.0.1 >"$logs/sim.log" 2>&1 &
pids=($!)
env -i PATH="$PATH" API_AUTH_TOKEN=$token AWS_ACCESS_KEY_ID=AKIDSIMULATOREXAMPLE \
  AWS_SECRET_ACCESS_KEY=sim-secret-access-key-example AWS_REGION=us-east-1 \
  BEDROCK_ENDPOINT="http://127.0.0.1:$sim_port" PORT="$gateway_port" BEDROCK_PROXY_SERVER_HOST=127.0.0.1 \
  LOG_LEVEL=warn "$JAVA_HOME/bin/java" -jar proxy/target/claude-bedrock-proxy.jar >"$logs/gateway.log" 2>&1 &
pids+=($!)
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -rf "$logs"' EXIT
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$gateway_port/health/ready" >/dev/null 2>&1 && break
  sleep 0.2
done

load() {
  java -jar bench/target/claude-bedrock-bench.jar load --url "http://127.0.0.1:$gateway_port" --token $token \
    --rate "$rate" --duration "$seconds" --warmup 3 "$@"
}
echo "$(date -u +'%Y-%m-%d %H:%M UTC'), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))"
for round in $(seq 1 "$rounds"); do
  for stream in "" --stream; do
    for api in anthropic openai; do
      printf 'round %s, %s, %s: ' "$round" "$api" "${stream:-json}"
      { load --api "$api" $stream || true; } | grep -E '^sent|latency|first event' | tr '\n' ' '
      echo
    done
  done
done
