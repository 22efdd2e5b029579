#!/usr/bin/env bash
# The AWS SDK for JavaScript v3 (@aws-sdk/client-bedrock-runtime, at the version in
# scripts/compat/aws-sdk-js/package-lock.json) through the gateway's /bedrock pass-through, over HTTP/2 (the SDK's
# default NodeHttp2Handler; the gateway with server.h2c on) and HTTP/1.1: InvokeModelWithResponseStream with the
# upstream dropped mid-stream, stalled after the headers, stalled mid-stream and silent. Each must reach the SDK as a
# typed error within the gateway's timeout: never a silently truncated stream, never a hang. Prints one row per case.
# Loopback only, bounded (each case by its timeout, the whole by `timeout`). Called by scripts/check-clients.sh;
# needs Node.js with npm and the jars (./mvnw package; GATEWAY_JAR and SIM_JAR choose others).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/jdk.sh
source scripts/lib/jdk.sh
# shellcheck source=scripts/lib/npm.sh
source scripts/lib/npm.sh

work=target/aws-sdk-js
mkdir -p "$work"
npm_ci_pinned scripts/compat/aws-sdk-js "$work"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
sim_port=$(free_port)
gateway_port=$(free_port)
token=aws-sdk-js-check-token-0001
idle_ms=2000
first_byte_ms=3000

root=$PWD
gateway_jar="${GATEWAY_JAR:-proxy/target/claude-bedrock-proxy.jar}"
sim_jar="${SIM_JAR:-bedrock-sim/target/bedrock-sim.jar}"
java -jar "$sim_jar" --port "$sim_port" --host 127.0.0.1 --control-api >"$work/sim.log" 2>&1 &
pids=($!)
# In the scratch directory, so that no configuration file of the repository applies: defaults and these.
(cd "$work" && exec env -i PATH="$PATH" PORT="$gateway_port" BEDROCK_PROXY_SERVER_HOST=127.0.0.1 API_AUTH_TOKEN=$token \
  AWS_ACCESS_KEY_ID=AKIDSIMULATOREXAMPLE AWS_SECRET_ACCESS_KEY=sim-secret-access-key-example AWS_REGION=us-east-1 \
  BEDROCK_ENDPOINT="http://127.0.0.1:$sim_port" BEDROCK_CONTROL_PLANE_ENDPOINT="http://127.0.0.1:$sim_port" \
  BEDROCK_PROXY_SERVER_H2C=true BEDROCK_PROXY_UPSTREAM_STREAM_IDLE_TIMEOUT_MS=$idle_ms \
  BEDROCK_PROXY_UPSTREAM_STREAM_FIRST_BYTE_TIMEOUT_MS=$first_byte_ms \
  "$JAVA_HOME/bin/java" -jar "$(cd "$root" && realpath "$gateway_jar")" >gateway.log 2>&1) &
pids+=($!)
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT

for _ in $(seq 1 150); do
  curl -fs "http://127.0.0.1:$gateway_port/health/ready" >/dev/null 2>&1 && break
  sleep 0.2
done

cp scripts/compat/aws-sdk-js/stream-failures.mjs "$work/"
echo "| Protocol | Upstream fault (once) | What the SDK saw | After |"
echo "|---|---|---|---|"
(cd "$work" && AWS_BEARER_TOKEN_BEDROCK=$token AWS_REGION=us-east-1 timeout 180 node stream-failures.mjs \
  "http://127.0.0.1:$gateway_port" "http://127.0.0.1:$sim_port" "$idle_ms" "$first_byte_ms")
echo "Gateway: server.h2c true, upstream.stream_idle_timeout_ms $idle_ms, upstream.stream_first_byte_timeout_ms $first_byte_ms."
