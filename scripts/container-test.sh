#!/usr/bin/env bash
# The container images and compose files, built and run for real with Docker (.ci/run runs it):
#
#   1. tools and engine: docker.io, Compose v2, Buildx, jq from Debian packages; dockerd if none runs
#   2. images: the base images from Debian packages (scripts/make-base-images.sh), then the gateway
#      and the simulator (scripts/build-image.sh, BASE=glibc) and the gateway on the Debian base;
#      sizes printed and held to IMAGE_BUDGET_MB (140), and the gateway's without its AOT cache to
#      CODE_BUDGET_MB (120)
#   3. the gateway run hardened (--read-only --cap-drop ALL --security-opt no-new-privileges, /tmp a
#      noexec tmpfs) in front of the simulator: PID 1 tini, uid 1001, no capabilities, health check
#      healthy, /health, a stream, the epoll transport serving with its library from /app/native
#      (nothing unpacked into /tmp), every log line JSON, docker stop completing an in-flight stream and
#      exiting 0; governance on a SQLite store (a key made through the admin API, a request with it);
#      then, printed, the image's start to ready (docker start to /health/ready) and its idle memory
#   4. docker compose config on docker-compose.yml, docker-compose.prod.yml and the Swarm stack
#   5. docker-compose.yml, profile offline: build, up --wait, one request, every gateway log line JSON
#   6. docker-compose.prod.yml with stand-ins for the images no registry serves here
#      (deploy/standins/: nginx, Prometheus, Alertmanager from Debian packages) and the simulator
#      as Bedrock: read-only services with file secrets, TLS through nginx, Prometheus scraping the
#      gateway and loading the alert rules. Grafana is reported as not run unless GRAFANA_IMAGE
#      names an image the engine has.
#
# The compose runs add only an overlay (loopback ports that are free, 2-second health-check
# intervals, the simulator as Bedrock); the files themselves are used as shipped. Everything the
# script starts is removed at the end, dockerd too when it started it; images stay for the next
# run. Ends with "container-test: N passed, N failed, N skipped" and the time it took.
#   KEEP=1 scripts/container-test.sh     leaves the containers (and dockerd) running for a look
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/docker.sh
source scripts/lib/docker.sh

budget_mb=${IMAGE_BUDGET_MB:-140}
code_budget_mb=${CODE_BUDGET_MB:-120}
started=$(date +%s)
passed=0
failed=0
skipped=0
work=$(mktemp -d)
token="container-test-token-0123456789"
sim_key=AKIDSIMULATOREXAMPLE
sim_secret=sim-secret-access-key-example
prefix=cbp-ct

ok() { printf 'ok      %s\n' "$1"; passed=$((passed + 1)); }
not_ok() {
  printf 'FAILED  %s\n' "$1"
  [ -z "${2:-}" ] || printf '%s\n' "$2" | tail -n 40 | sed 's/^/        /'
  failed=$((failed + 1))
}
skip() { printf 'SKIPPED %s: %s\n' "$1" "$2"; skipped=$((skipped + 1)); }
step() { printf '\n== %s (at %s s)\n' "$1" "$(($(date +%s) - started))"; }

# check DESCRIPTION COMMAND...: passes when the command succeeds; shows its output when it fails.
check() {
  local description=$1 output
  shift
  if output=$("$@" 2>&1); then ok "$description"; else not_ok "$description" "$output"; fi
}

# expect DESCRIPTION ACTUAL EXPECTED
expect() {
  if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected: $3"$'\n'"actual:   $2"; fi
}

# remove_containers: whatever this script started (also what an interrupted run left behind).
remove_containers() {
  for project in "$prefix-dev" "$prefix-prod"; do
    docker compose -p "$project" down -v --remove-orphans >/dev/null 2>&1 || true
  done
  docker ps -aq --filter "name=$prefix-" | xargs -r docker rm -f >/dev/null 2>&1 || true
  docker network rm "$prefix-net" >/dev/null 2>&1 || true
}

cleanup() {
  local status=$?
  if [ "${KEEP:-}" = 1 ]; then
    echo "KEEP=1: containers left running (docker ps); remove them with: docker rm -f \$(docker ps -aq --filter name=$prefix)"
  elif docker info >/dev/null 2>&1; then
    remove_containers
    docker_engine_stop
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT

# free_port FIRST: the first loopback TCP port from FIRST on that nothing listens on.
free_port() {
  local port=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

# wait_healthy CONTAINER SECONDS: waits for the health check; prints the seconds it took.
wait_healthy() {
  local from now status
  from=$(date +%s%N)
  while :; do
    status=$(docker inspect -f '{{if .State.Health}}{{.State.Health.Status}}{{end}}' "$1" 2>/dev/null || echo gone)
    now=$(date +%s%N)
    if [ "$status" = healthy ]; then
      awk -v ns=$((now - from)) 'BEGIN { printf "%.1f", ns / 1e9 }'
      return 0
    fi
    if [ "$status" = gone ] || [ "$status" = unhealthy ] || [ $(((now - from) / 1000000000)) -ge "$2" ]; then
      echo "$status after $(((now - from) / 1000000000)) s"
      return 1
    fi
    sleep 0.2
  done
}

# all_json FILE: every line of FILE is a JSON object, and there is at least one; prints the others.
all_json() {
  local others
  others=$(jq -R -r '. as $line | try (fromjson | if type == "object" then empty else $line end) catch $line' "$1")
  if [ ! -s "$1" ] || [ -n "$others" ]; then
    printf '%s\n' "${others:-no lines}"
    return 1
  fi
}

megabytes() { docker image inspect "$1" --format '{{.Size}}' | awk '{printf "%.1f", $1 / 1e6}'; }

# message BASE_URL TEXT STREAM [CURL_OPTIONS...]: a /v1/messages call; the body on stdout.
message() {
  local url=$1 text=$2 stream=$3
  shift 3
  curl -sS -N --max-time 60 "$@" "$url/v1/messages" -H "x-api-key: $token" -H 'anthropic-version: 2023-06-01' \
    -H 'content-type: application/json' \
    -d "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":256,\"stream\":$stream,\"messages\":[{\"role\":\"user\",\"content\":\"$text\"}]}"
}

# complete_stream FILE: the server-sent events of FILE form a whole Messages stream.
complete_stream() {
  local events
  events=$(sed -n 's/^event: //p' "$1" | tr '\n' ' ')
  case $events in
    "message_start content_block_start "*"content_block_delta "*"message_delta message_stop ") return 0 ;;
    *) echo "events: $events"; tail -n 5 "$1"; return 1 ;;
  esac
}

# ---------------------------------------------------------------------------------------------
step "1. tools and engine"
docker_install_tools
tools=()
for tool in jq:jq curl:curl openssl:openssl; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || tools+=("${tool#*:}")
done
if [ "${#tools[@]}" -gt 0 ]; then
  docker_sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive docker_sudo apt-get install -y -qq --no-install-recommends "${tools[@]}" >/dev/null
fi
docker_engine_start
remove_containers
echo "docker $(docker version --format '{{.Client.Version}}') (engine $(docker version --format '{{.Server.Version}}')), $(docker compose version), buildx $(docker buildx version | awk '{print $2}')"

# ---------------------------------------------------------------------------------------------
step "2. images"
build_log="$work/build.log"
ca_bundle=""
# The build trusts the host's certificate authorities (a TLS-inspecting proxy's among them) as a
# BuildKit secret: in the builder only, never in a layer.
[ -r /etc/ssl/certs/ca-certificates.crt ] && ca_bundle=/etc/ssl/certs/ca-certificates.crt
scripts/make-base-images.sh debian jdk glibc
for build in "claude-code:latest" "claude-code-bedrock-sim:latest --target bedrock-sim"; do
  # shellcheck disable=SC2086
  if ! BASE=glibc CA_CERTIFICATES=$ca_bundle scripts/build-image.sh $build >"$build_log" 2>&1; then
    not_ok "build ${build%% *}" "$(cat "$build_log")"
    exit 1
  fi
  tail -n 1 "$build_log"
done
if BASE=debian CA_CERTIFICATES=$ca_bundle scripts/build-image.sh claude-code:debian >"$build_log" 2>&1; then
  tail -n 1 "$build_log"
else
  not_ok "build claude-code:debian" "$(cat "$build_log")"
fi
docker tag claude-code:latest claude-code:dev
docker tag claude-code-bedrock-sim:latest claude-code-bedrock-sim:dev
for image in claude-code:latest claude-code-bedrock-sim:latest claude-code:debian; do
  docker image inspect "$image" >/dev/null 2>&1 || continue
  size=$(megabytes "$image")
  case $image in
    *:debian) echo "image size: $image $size MB (Debian minbase; the budget is for the default base)" ;;
    *) check "image size: $image $size MB <= $budget_mb MB" awk -v s="$size" -v b="$budget_mb" 'BEGIN { exit !(s <= b) }' ;;
  esac
  # The AOT cache trades size for start-up time (docs/deployment.md); the rest of the image keeps the older budget.
  aot_bytes=$(docker run --rm --entrypoint sh "$image" -c 'stat -c %s /app/*.aot 2>/dev/null || echo 0' | head -n 1)
  if [ "${aot_bytes:-0}" -gt 0 ] && [ "${image##*:}" != debian ]; then
    code=$(awk -v s="$size" -v a="$aot_bytes" 'BEGIN { printf "%.1f", s - a / 1e6 }')
    check "image size without its AOT cache ($(awk -v a="$aot_bytes" 'BEGIN { printf "%.1f", a / 1e6 }') MB): $image $code MB <= $code_budget_mb MB" \
      awk -v s="$code" -v b="$code_budget_mb" 'BEGIN { exit !(s <= b) }'
  fi
done
labels=$(docker image inspect claude-code:latest --format '{{json .Config.Labels}}' 2>&1) || true
check "OCI labels: created, revision, version" jq -e '."org.opencontainers.image.created" != "unknown"
  and ."org.opencontainers.image.revision" != "unknown" and ."org.opencontainers.image.version" != null' <<<"$labels"
expect "image user" "$(docker image inspect claude-code:latest --format '{{.Config.User}}')" "1001:1001"
check "image health check: wget /health/live" grep -q '/health/live' <<<"$(docker image inspect claude-code:latest --format '{{json .Config.Healthcheck}}')"

# ---------------------------------------------------------------------------------------------
step "3. the gateway image, hardened, in front of the simulator image"
hardened=(--read-only --cap-drop ALL --security-opt no-new-privileges)
gateway_env=(-e "API_AUTH_TOKEN=$token" -e BEDROCK_ENDPOINT=http://bedrock-sim:9100 -e AWS_ENDPOINT_URL_STS=http://bedrock-sim:9100
  -e AWS_REGION=us-east-1 -e "AWS_ACCESS_KEY_ID=$sim_key" -e "AWS_SECRET_ACCESS_KEY=$sim_secret")
docker network create "$prefix-net" >/dev/null
# The simulator paces its output at 20 tokens/s, so a 60-token stream is still open when the
# gateway is told to stop.
docker run -d --name "$prefix-sim" --network "$prefix-net" --network-alias bedrock-sim "${hardened[@]}" \
  -e SIM_TOKENS_PER_SECOND=20 claude-code-bedrock-sim:latest >/dev/null
gateway_port=$(free_port 13000)
gateway="http://127.0.0.1:$gateway_port"
# The image checks its health every 30 s; --health-interval 1s makes "healthy" visible as soon as it
# is, and a start period keeps the checks before the JVM listens (a loaded machine) from counting.
fast_health=(--health-interval 1s --health-start-period 90s)
docker run -d --name "$prefix-gateway" --network "$prefix-net" -p "127.0.0.1:$gateway_port:3000" \
  "${hardened[@]}" --tmpfs /tmp "${fast_health[@]}" --stop-timeout 40 "${gateway_env[@]}" claude-code:latest >/dev/null
if seconds=$(wait_healthy "$prefix-gateway" 120); then
  ok "health check healthy ${seconds} s after docker run"
else
  not_ok "health check healthy" "$seconds"$'\n'"$(docker logs "$prefix-gateway" 2>&1)"
fi
check "simulator image healthy" wait_healthy "$prefix-sim" 60
expect "PID 1" "$(docker exec "$prefix-gateway" cat /proc/1/cmdline | tr '\0' ' ')" \
  "/sbin/tini -- java @/app/jvm.options -jar /app/claude-bedrock-proxy.jar serve "
java_status=$(docker exec "$prefix-gateway" sh -c 'cat /proc/$(pidof java)/status' 2>&1) || true
expect "java runs as uid 1001 (real, effective, saved, fs)" "$(awk '/^Uid:/ { print $2, $3, $4, $5 }' <<<"$java_status")" "1001 1001 1001 1001"
expect "no capabilities (effective, bounding)" "$(awk '/^Cap(Eff|Bnd):/ { printf "%s ", $2 }' <<<"$java_status")" \
  "0000000000000000 0000000000000000 "
expect "no new privileges" "$(awk '/^NoNewPrivs:/ { print $2 }' <<<"$java_status")" "1"
check "root file system read-only" sh -c "docker exec $prefix-gateway touch /app/probe 2>&1 | grep -q 'Read-only file system'"
health=$(curl -sS "$gateway/health" 2>&1) || true
check "/health is {\"status\":\"healthy\",\"timestamp\":ISO-8601}" jq -e \
  '(keys == ["status", "timestamp"]) and .status == "healthy" and (.timestamp | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z$"))' <<<"$health"
message "$gateway" 'Hello [[sim:tokens=5]]' true >"$work/stream.txt" || true
check "a /v1/messages stream through the gateway" complete_stream "$work/stream.txt"
# Native libraries from the image's read-only /app/native, with /tmp as Docker mounts a tmpfs (noexec): the epoll
# transport serves, and no library was unpacked into /tmp.
expect "/tmp is a noexec tmpfs" "$(docker exec "$prefix-gateway" awk '$2 == "/tmp" { print $3, ($4 ~ /(^|,)noexec(,|$)/) }' /proc/mounts)" "tmpfs 1"
expect "the epoll transport serves (gateway_network_transport)" \
  "$(curl -sS "$gateway/metrics" -H "x-api-key: $token" | grep '^gateway_network_transport{' || true)" \
  'gateway_network_transport{transport="epoll"} 1.0'
expect "the start-up line says epoll" "$(docker logs "$prefix-gateway" 2>&1 |
  jq -R -r 'fromjson? | select(.message == "Started proxy server") | .transport')" "epoll"
expect "no native library unpacked into /tmp" "$(docker exec "$prefix-gateway" find /tmp -name '*.so*' | head -n 3)" ""
# docker stop while a stream is open: SIGTERM to tini, to the JVM; the gateway drains and exits 0.
message "$gateway" 'Long [[sim:tokens=60]]' true >"$work/draining.txt" 2>&1 &
streaming=$!
sleep 1
stop_from=$(date +%s%N)
docker stop -t 40 "$prefix-gateway" >/dev/null
stop_seconds=$(awk -v ns=$(($(date +%s%N) - stop_from)) 'BEGIN { printf "%.1f", ns / 1e9 }')
wait "$streaming" || true
expect "docker stop: exit code 0 after ${stop_seconds} s (grace period 40 s)" \
  "$(docker inspect -f '{{.State.ExitCode}} {{.State.OOMKilled}}' "$prefix-gateway")" "0 false"
check "the stream in flight at docker stop completed" complete_stream "$work/draining.txt"
check "60 deltas in the drained stream" test "$(grep -c '^event: content_block_delta' "$work/draining.txt")" -eq 60
docker logs "$prefix-gateway" >"$work/gateway.log" 2>&1
check "every gateway log line is JSON ($(wc -l <"$work/gateway.log") lines)" all_json "$work/gateway.log"
if docker image inspect claude-code:debian >/dev/null 2>&1; then
  docker run -d --name "$prefix-debian" --network "$prefix-net" "${hardened[@]}" --tmpfs /tmp "${fast_health[@]}" \
    "${gateway_env[@]}" claude-code:debian >/dev/null
  check "the gateway on the Debian base turns healthy" wait_healthy "$prefix-debian" 120
fi
# Governance on a SQLite store, in the hardened container as shipped: SQLite's driver loads its library from
# /app/native (the store under /app/data, a tmpfs here as a volume would be; /tmp noexec as above).
admin_token="container-test-admin-token-0123456789"
governed_port=$(free_port 13020)
docker run -d --name "$prefix-governed" --network "$prefix-net" -p "127.0.0.1:$governed_port:3000" "${hardened[@]}" \
  --tmpfs /tmp --tmpfs /app/data:uid=1001,gid=1001 "${fast_health[@]}" "${gateway_env[@]}" \
  -e "ADMIN_API_TOKEN=$admin_token" claude-code:latest >/dev/null
if seconds=$(wait_healthy "$prefix-governed" 120); then
  ok "governance with a SQLite store: healthy ${seconds} s after docker run"
  governed="http://127.0.0.1:$governed_port"
  created=$(curl -sS --max-time 30 "$governed/admin/v1/keys" -H "Authorization: Bearer $admin_token" \
    -H 'content-type: application/json' -d '{"name":"container-test"}' -w '\n%{http_code}' 2>&1) || true
  expect "a key created through the admin API (201)" "$(tail -n 1 <<<"$created")" "201"
  key=$(sed '$d' <<<"$created" | jq -r '.key // empty' 2>/dev/null) || true
  reply=$(curl -sS --max-time 60 "$governed/v1/messages" -H "x-api-key: ${key:-none}" \
    -H 'anthropic-version: 2023-06-01' -H 'content-type: application/json' -w '\n%{http_code}' \
    -d '{"model":"claude-sonnet-4-5","max_tokens":64,"messages":[{"role":"user","content":"Keyed [[sim:tokens=4]]"}]}' 2>&1) || true
  check "a request with that key served (200, a message)" jq -e '.type == "message"' <<<"$(sed '$d' <<<"$reply")"
  expect "its status" "$(tail -n 1 <<<"$reply")" "200"
  check "the store is a file under /app/data" docker exec "$prefix-governed" test -s /app/data/gateway.db
  expect "no native library unpacked into /tmp" "$(docker exec "$prefix-governed" find /tmp -name '*.so*' | head -n 3)" ""
else
  not_ok "governance with a SQLite store: healthy" "$seconds"$'\n'"$(docker logs "$prefix-governed" 2>&1 | tail -n 20)"
fi
docker rm -f "$prefix-gateway" "$prefix-sim" "$prefix-debian" "$prefix-governed" >/dev/null 2>&1 || true

# Start to ready and idle memory of the image as shipped (AOT cache included), hardened, with the production
# compose file's 4 GB memory limit: from `docker start` of a created container to the first 200 of /health/ready
# (polled every 10 ms from the host), then a few requests, 5 s idle, and the JVM's resident memory. Printed, not
# held to a bound: timings move with the machine's load (docs/deployment.md has the figures and their conditions).
docker run -d --name "$prefix-sim" --network "$prefix-net" --network-alias bedrock-sim "${hardened[@]}" \
  claude-code-bedrock-sim:latest >/dev/null
wait_healthy "$prefix-sim" 60 >/dev/null || true
ready_port=$(free_port 13050)
docker create --name "$prefix-ready" --network "$prefix-net" -p "127.0.0.1:$ready_port:3000" "${hardened[@]}" \
  --tmpfs /tmp --memory 4g "${gateway_env[@]}" claude-code:latest >/dev/null
ready_from=$(date +%s%N)
docker start "$prefix-ready" >/dev/null
ready_ms=""
while [ $((($(date +%s%N) - ready_from) / 1000000)) -lt 60000 ]; do
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$ready_port/health/ready")" = 200 ]; then
    ready_ms=$((($(date +%s%N) - ready_from) / 1000000))
    break
  fi
  sleep 0.01
done
if [ -n "$ready_ms" ]; then
  ok "docker start to /health/ready 200: $ready_ms ms ($(grep -c AOTCache <<<"$(docker exec "$prefix-ready" cat /app/jvm.options)") AOT cache in jvm.options)"
  for _ in 1 2 3 4 5; do
    message "http://127.0.0.1:$ready_port" 'Hello [[sim:tokens=5]]' false >/dev/null || true
    message "http://127.0.0.1:$ready_port" 'Hello [[sim:tokens=5]]' true >/dev/null || true
  done
  sleep 5
  idle=$(docker exec "$prefix-ready" sh -c 'grep -E "^(VmRSS|RssAnon|RssFile):" /proc/$(pidof java)/status' | awk '{printf "%s %.1f MB  ", $1, $2 / 1024}') || true
  ok "idle memory after 10 requests and 5 s: $idle"
else
  not_ok "docker start to /health/ready 200 within 60 s" "$(docker logs "$prefix-ready" 2>&1 | tail -n 20)"
fi
docker rm -f "$prefix-ready" "$prefix-sim" >/dev/null 2>&1 || true

# ---------------------------------------------------------------------------------------------
step "4. docker compose config"
check "docker compose config: docker-compose.yml (profiles offline, monitoring)" \
  docker compose -f docker-compose.yml --profile offline --profile monitoring config -q
check "docker compose config: docker-compose.prod.yml" docker compose -f docker-compose.prod.yml config -q
check "docker compose config: deploy/swarm/docker-stack.yml" docker compose -f deploy/swarm/docker-stack.yml config -q

# ---------------------------------------------------------------------------------------------
step "5. docker-compose.yml, profile offline"
dev_port=$(free_port 13100)
dev_sim_port=$(free_port 19100)
cat >"$work/dev-overlay.yml" <<EOF
services:
  claude-code:
    ports: !override ["127.0.0.1:$dev_port:3000"]
    healthcheck: {interval: 2s, start_period: 90s}
  bedrock-sim:
    ports: !override ["127.0.0.1:$dev_sim_port:9100"]
    healthcheck: {interval: 2s, start_period: 90s}
EOF
dev=(docker compose -p "$prefix-dev" -f docker-compose.yml -f "$work/dev-overlay.yml" --profile offline)
export JDK_IMAGE=claude-code-base:jdk BASE_IMAGE=claude-code-base:glibc
check "docker compose --profile offline build (cached layers)" "${dev[@]}" build
up_from=$(date +%s)
if output=$(API_AUTH_TOKEN=$token "${dev[@]}" up -d --wait 2>&1); then
  ok "docker compose --profile offline up --wait: healthy after $(($(date +%s) - up_from)) s"
else
  not_ok "docker compose --profile offline up --wait" "$output"$'\n'"$("${dev[@]}" logs 2>&1 | tail -n 30)"
fi
message "http://127.0.0.1:$dev_port" 'Hello offline [[sim:tokens=4]]' false >"$work/dev-reply.json" || true
check "a request through the offline profile" jq -e '.type == "message" and (.content[0].text | length > 0)' "$work/dev-reply.json"
docker logs "$("${dev[@]}" ps -q claude-code)" >"$work/dev.log" 2>&1 || true
check "every claude-code log line is JSON ($(wc -l <"$work/dev.log") lines)" all_json "$work/dev.log"
check "the entry point says it uses the simulator, as JSON" \
  jq -e -s 'any(.[]; .logger == "dev-entrypoint" and (.message | test("Bedrock simulator")))' "$work/dev.log"
"${dev[@]}" down -v >/dev/null 2>&1

# ---------------------------------------------------------------------------------------------
step "6. docker-compose.prod.yml with local stand-ins"
for standin in nginx prometheus alertmanager; do
  if ! DOCKER_BUILDKIT=1 docker build -q --target "$standin" -t "claude-code-standin/$standin" deploy/standins \
    >"$build_log" 2>&1; then
    not_ok "stand-in image $standin" "$(cat "$build_log")"
  fi
done
mkdir -m 700 "$work/secrets" "$work/certs"
printf %s "$token" >"$work/secrets/api_auth_token"
printf %s not-used-grafana-password >"$work/secrets/grafana_password"
# Nothing is sent: no alert fires within the test, and the address is the container's own loopback.
printf %s http://127.0.0.1:9/slack-not-used >"$work/secrets/slack_webhook_url"
chmod 644 "$work"/secrets/*
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost -addext subjectAltName=DNS:localhost \
  -keyout "$work/certs/privkey.pem" -out "$work/certs/fullchain.pem" >/dev/null 2>&1
https_port=$(free_port 13443)
http_port=$(free_port 13080)
prom_port=$(free_port 19090)
am_port=$(free_port 19093)
prod_gateway_port=$(free_port 13200)
cat >"$work/prod-overlay.yml" <<EOF
services:
  claude-code:
    ports: !override ["127.0.0.1:$prod_gateway_port:3000"]
    healthcheck: {interval: 2s, start_period: 90s}
    environment:
      BEDROCK_ENDPOINT: http://bedrock-sim:9100
      AWS_ENDPOINT_URL_STS: http://bedrock-sim:9100
    depends_on:
      bedrock-sim: {condition: service_healthy}
  nginx:
    ports: !override ["127.0.0.1:$http_port:80", "127.0.0.1:$https_port:443"]
    healthcheck: {interval: 2s, start_period: 90s}
  prometheus:
    ports: !override ["127.0.0.1:$prom_port:9090"]
    healthcheck: {interval: 2s, start_period: 90s}
  alertmanager:
    ports: !override ["127.0.0.1:$am_port:9093"]
    healthcheck: {interval: 2s, start_period: 90s}
  bedrock-sim:
    image: claude-code-bedrock-sim:latest
    read_only: true
    cap_drop: [ALL]
    security_opt: ["no-new-privileges:true"]
    healthcheck: {interval: 2s, start_period: 90s}
    networks: [claude-code-network]
EOF
# What the host can grant: its open-files limit and its CPUs, where lower than the file's defaults.
nofile=$(ulimit -Hn)
[ "$nofile" = unlimited ] || [ "$nofile" -gt 65536 ] && nofile=65536
cpus=$(nproc)
[ "$cpus" -gt 4 ] && cpus=4
services=(bedrock-sim claude-code nginx prometheus alertmanager)
if [ -n "${GRAFANA_IMAGE:-}" ] && docker image inspect "$GRAFANA_IMAGE" >/dev/null 2>&1; then
  services+=(grafana)
else
  skip "grafana" "no Grafana image can be had here (no registry; Debian does not package it): set GRAFANA_IMAGE to a local image to include it"
fi
prod=(env LOG_LEVEL=info SECRETS_DIR="$work/secrets" TLS_CERT_DIR="$work/certs" NOFILE_LIMIT="$nofile" CLAUDE_CODE_CPUS="$cpus"
  CLAUDE_CODE_CPUS_RESERVED=1 NGINX_IMAGE=claude-code-standin/nginx PROMETHEUS_IMAGE=claude-code-standin/prometheus
  ALERTMANAGER_IMAGE=claude-code-standin/alertmanager AWS_ACCESS_KEY_ID="$sim_key" AWS_SECRET_ACCESS_KEY="$sim_secret"
  docker compose -p "$prefix-prod" -f docker-compose.prod.yml -f "$work/prod-overlay.yml")
# LOG_LEVEL=info (the file's default is warn) gives the JSON check below lines to read.
echo "limits granted here: NOFILE_LIMIT=$nofile CLAUDE_CODE_CPUS=$cpus"
up_from=$(date +%s)
if output=$("${prod[@]}" up -d --wait "${services[@]}" 2>&1); then
  ok "docker compose -f docker-compose.prod.yml up --wait: ${services[*]} healthy after $(($(date +%s) - up_from)) s"
else
  not_ok "docker compose -f docker-compose.prod.yml up --wait" "$output"$'\n'"$("${prod[@]}" logs 2>&1 | tail -n 40)"
fi
for service in claude-code nginx prometheus alertmanager; do
  container=$("${prod[@]}" ps -q "$service")
  expect "$service: read-only root, no-new-privileges" \
    "$(docker inspect -f '{{.HostConfig.ReadonlyRootfs}} {{.HostConfig.SecurityOpt}}' "$container" 2>&1)" "true [no-new-privileges:true]"
done
gateway_container=$("${prod[@]}" ps -q claude-code)
expect "gateway: open-files limit $nofile, $cpus CPUs" \
  "$(docker exec "$gateway_container" sh -c 'ulimit -n') $(docker inspect -f '{{.HostConfig.NanoCpus}}' "$gateway_container")" \
  "$nofile $((cpus * 1000000000))"
check "gateway: the token is a file secret, not in its environment" sh -c \
  "docker exec $gateway_container test -r /run/secrets/api_auth_token && ! docker inspect $gateway_container | grep -q '$token'"
https="https://localhost:$https_port"
tls=(--cacert "$work/certs/fullchain.pem" --resolve "localhost:$https_port:127.0.0.1")
message "$https" 'Hello over TLS [[sim:tokens=5]]' true "${tls[@]}" --http2 -w '\nhttp_version=%{http_version}\n' \
  >"$work/tls.txt" || true
check "a stream through nginx over TLS (certificate verified)" complete_stream "$work/tls.txt"
expect "HTTP/2 between client and nginx" "$(sed -n 's/^http_version=//p' "$work/tls.txt")" "2"
expect "HTTP on port 80 redirects to HTTPS" \
  "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$http_port/v1/models")" \
  "301 https://127.0.0.1/v1/models"
expect "/metrics is not served through nginx" "$(curl -s -o /dev/null -w '%{http_code}' "${tls[@]}" "$https/metrics")" "404"
expect "/health through nginx needs the token" \
  "$(curl -s -o /dev/null -w '%{http_code}' "${tls[@]}" "$https/health") $(curl -s -o /dev/null -w '%{http_code}' \
    "${tls[@]}" -H "Authorization: Bearer $token" "$https/health")" "401 200"
prometheus="http://127.0.0.1:$prom_port"
scraped=""
for _ in $(seq 1 60); do
  scraped=$(curl -s "$prometheus/api/v1/targets" |
    jq -r '[.data.activeTargets[] | select(.labels.job == "claude-code" or .labels.job == "alertmanager")
      | "\(.labels.job)=\(.health)"] | sort | join(" ")' 2>/dev/null) || true
  [ "$scraped" = "alertmanager=up claude-code=up" ] && break
  sleep 1
done
expect "Prometheus scrapes the gateway (with the token) and Alertmanager" "$scraped" "alertmanager=up claude-code=up"
rules_in_file=$(grep -cE '^[[:space:]]*- (alert|record):' deploy/prometheus/alerts.yml)
expect "Prometheus loaded the rules of deploy/prometheus/alerts.yml" \
  "$(curl -s "$prometheus/api/v1/rules" | jq '[.data.groups[].rules[]] | length')" "$rules_in_file"
expect "Prometheus reads the gateway's metrics" \
  "$(curl -s "$prometheus/api/v1/query" --data-urlencode 'query=max(process_uptime_seconds{job="claude-code"}) > 0' |
    jq -r '.data.result | length')" "1"
expect "Prometheus sends alerts to Alertmanager" \
  "$(curl -s "$prometheus/api/v1/alertmanagers" | jq -r '.data.activeAlertmanagers | length')" "1"
check "Alertmanager answers with its configuration" sh -c \
  "curl -sf http://127.0.0.1:$am_port/api/v2/status | jq -e '.config.original | contains(\"claude_code\")'"
docker logs "$gateway_container" >"$work/prod.log" 2>&1 || true
check "every gateway log line is JSON ($(wc -l <"$work/prod.log") lines)" all_json "$work/prod.log"
[ "${KEEP:-}" = 1 ] || "${prod[@]}" down -v >/dev/null 2>&1

# ---------------------------------------------------------------------------------------------
printf '\ncontainer-test: took %s s\n' "$(($(date +%s) - started))"
printf 'container-test: %d passed, %d failed, %d skipped\n' "$passed" "$failed" "$skipped"
[ "$failed" -eq 0 ]
