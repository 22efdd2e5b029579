#!/bin/sh
# Run by the Dockerfile's runtime stage: trains the gateway's JDK AOT cache (-XX:AOTCacheOutput, JDK 25) by
# starting the gateway as the image starts it, waiting until /health/ready answers 200, sending one Messages request
# the way clients do (its upstream is a closed local port, so it fails fast with 502 and needs no AWS access: the
# classes of the request path load all the same), and stopping it with SIGTERM; the JVM writes the cache as it exits.
# The keys below sign nothing that leaves the build.
#   aot-train.sh CACHE_FILE
set -eu
cache=$1
log=/tmp/aot-train.log
port=3999
env AWS_ACCESS_KEY_ID=AKIDAOTTRAINING AWS_SECRET_ACCESS_KEY=aot-training-only AWS_REGION=us-east-1 \
  API_AUTH_TOKEN=aot-training-token BEDROCK_ENDPOINT=http://127.0.0.1:9 PORT=$port \
  java @/app/jvm.options -XX:AOTCacheOutput="$cache" -jar /app/claude-bedrock-proxy.jar serve >"$log" 2>&1 &
pid=$!
tries=0
until wget -q -O /dev/null "http://127.0.0.1:$port/health/ready" 2>/dev/null; do
  tries=$((tries + 1))
  if [ "$tries" -ge 1200 ] || ! kill -0 "$pid" 2>/dev/null; then
    echo "aot-train: the gateway did not become ready; its log:" >&2
    cat "$log" >&2
    kill -TERM "$pid" 2>/dev/null || true
    exit 1
  fi
  sleep 0.1
done
wget -q -O /dev/null --header 'x-api-key: aot-training-token' --header 'content-type: application/json' \
  --header 'anthropic-version: 2023-06-01' \
  --post-data '{"model":"claude-sonnet-4-5","max_tokens":16,"messages":[{"role":"user","content":"aot"}]}' \
  "http://127.0.0.1:$port/v1/messages" 2>/dev/null || true
kill -TERM "$pid"
wait "$pid" || true
if [ ! -s "$cache" ]; then
  echo "aot-train: no AOT cache was written; the gateway's log:" >&2
  cat "$log" >&2
  exit 1
fi
rm -f "$log"
