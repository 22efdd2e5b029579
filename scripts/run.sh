#!/usr/bin/env bash
# Runs the gateway from the repository: builds the jar when it is missing or older than the
# sources, then starts it. Arguments go to the gateway (e.g. --config PATH, --port N).
#
#   scripts/run.sh                 the gateway, configured by .claude/bedrock.config.yaml and the environment
#   scripts/run.sh --offline       the gateway in front of the Bedrock simulator: no AWS account needed
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/jdk.sh
source scripts/lib/jdk.sh

jar=proxy/target/claude-bedrock-proxy.jar
# As in the image: G1, and an idle heap collected every 15 s so memory a load peak took goes back.
jvm_options=(-XX:+UseG1GC -XX:G1PeriodicGCInterval=15000)
sim=bedrock-sim/target/bedrock-sim.jar
if [ ! -f "$jar" ] || [ ! -f "$sim" ] || [ -n "$(find proxy/src bedrock-sim/src pom.xml proxy/pom.xml -newer "$jar" -print -quit)" ]; then
  ./mvnw -B -q package -DskipTests
fi

if [ "${1:-}" = "--offline" ]; then
  shift
  sim_port="${SIM_PORT:-9100}"
  java -jar "$sim" --port "$sim_port" --host 127.0.0.1 &
  sim_pid=$!
  trap 'kill "$sim_pid" 2>/dev/null || true' EXIT
  for _ in $(seq 1 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$sim_port") 2>/dev/null && break
    sleep 0.1
  done
  export BEDROCK_ENDPOINT="http://127.0.0.1:$sim_port"
  export AWS_ACCESS_KEY_ID=AKIDSIMULATOREXAMPLE
  export AWS_SECRET_ACCESS_KEY=sim-secret-access-key-example
  export AWS_REGION=us-east-1
  export API_AUTH_TOKEN="${API_AUTH_TOKEN:-offline-demo-token-0001}"
  echo "Offline mode: Bedrock simulator on 127.0.0.1:$sim_port; clients use the token $API_AUTH_TOKEN" >&2
  java "${jvm_options[@]}" -jar "$jar" "$@"
else
  exec java "${jvm_options[@]}" -jar "$jar" "$@"
fi
