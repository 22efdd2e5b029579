#!/usr/bin/env bash
# The benchmark suite's small-request legs by hand, with the gateway's GC, safepoint and native-trim log: the
# simulator and the gateway (the image's JVM flags, the production memory limit) on loopback, 8 s of closed-loop
# warm-up (16 in flight), then open-loop legs of 5 s (after 1 s unrecorded), twice per rate, each from a new load
# generator. Prints each leg's latency and the gateway's CPU ticks; the logs go into OUTDIR (gc.log: every pause
# with its user, system and real time, the heap's committed size, each trim of the native heap).
#
#   scripts/gc-legs.sh OUTDIR                      rates 200, 1000 and 3000 per second
#   RATES="3000" scripts/gc-legs.sh OUTDIR -Xms512m    extra flags for the gateway's JVM
#
# Needs the jars built (./mvnw -B package -DskipTests). docs/profiles.md, "Cliffs", says what it showed.
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
java -jar bedrock-sim/target/bedrock-sim.jar --host 127.0.0.1 --port "$sim_port" --tokens-per-second 0 \
  --first-byte-ms 0 --record-limit 0 >"$out/simulator.log" 2>&1 &
simulator=$!
env -i PATH="$PATH" PORT="$gateway_port" BEDROCK_PROXY_SERVER_HOST=127.0.0.1 API_AUTH_TOKEN="$token" \
  BEDROCK_ENDPOINT="http://127.0.0.1:$sim_port" AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=AKIDSIMULATOREXAMPLE \
  AWS_SECRET_ACCESS_KEY=sim-secret-access-key-example BEDROCK_PROXY_UPSTREAM_HTTP_VERSION=1.1 \
  "$JAVA_HOME/bin/java" -XX:+UseG1GC -XX:MaxRAMPercentage=60 -XX:G1PeriodicGCInterval=15000 \
  -XX:TrimNativeHeapInterval=2000 -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData -XX:MaxRAM=4g \
  "-Xlog:gc*,safepoint,trimnative:file=$out/gc.log:uptime,level,tags" "$@" \
  -jar proxy/target/claude-bedrock-proxy.jar >"$out/gateway.log" 2>&1 &
gateway=$!
trap 'kill "$gateway" "$simulator" 2>/dev/null || true' EXIT
for _ in $(seq 1 150); do
  curl -fs "http://127.0.0.1:$gateway_port/health/ready" >/dev/null 2>&1 && break
  sleep 0.2
done
load() {
  java -Xms2g -Xmx2g -XX:+AlwaysPreTouch -jar bench/target/claude-bedrock-bench.jar load \
    --url "http://127.0.0.1:$gateway_port" --token "$token" "$@"
}
load --mode closed --concurrency 16 --duration 8 --warmup 1 >"$out/warmup.txt"
for rate in ${RATES:-200 1000 3000}; do
  for round in 1 2; do
    before=$(awk '{print $14 + $15}' "/proc/$gateway/stat")
    load --rate "$rate" --duration 5 --warmup 1 >"$out/rate-$rate-$round.txt" || true
    after=$(awk '{print $14 + $15}' "/proc/$gateway/stat")
    echo "rate $rate round $round: gateway CPU $((after - before)) ticks; $(grep '^latency' "$out/rate-$rate-$round.txt")"
  done
done
