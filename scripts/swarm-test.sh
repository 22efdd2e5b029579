#!/usr/bin/env bash
# The Swarm stack (deploy/swarm/docker-stack.yml) deployed for real on a single-node swarm, in front
# of the Bedrock simulator, and checked from outside through its front door (.ci/run runs it after
# scripts/container-test.sh and reuses its engine and images):
#
#   1. engine and images: dockerd if none runs; the gateway and simulator images of the container
#      test (built when missing) and the stand-ins of deploy/standins/ (nginx, Prometheus, Redis,
#      Postgres from Debian packages: no registry is needed)
#   2. `docker swarm init` when the engine is in no swarm; the secrets; `docker stack deploy` of the
#      stack file as shipped plus an overlay (the simulator as Bedrock, small CPU limits, 2-second
#      health checks, a free port for the front door)
#   3. every service running and healthy; JSON and streams through nginx over TLS; requests served by
#      more than one replica (nginx's access log names the replica that answered); Prometheus
#      scraping every replica found by DNS
#   4. `docker service update --force` of the gateway under load (six clients, 3-second streams and JSON,
#      loopback only, stopping by themselves): failed requests and truncated streams, which must be 0
#   5. one replica killed with SIGKILL under the same load: the streams that broke, and no error for
#      requests started after the kill
#   6. shared state: the Redis cache answering on replicas that never saw the request; a rate limit of
#      N a minute admitting N across the replicas; a revoked key refused by every replica within 1 s
#      (each probed directly from a client inside the stack's network)
#
# It prints what it measured, ends with "swarm-test: N passed, N failed", and removes the stack, its
# volumes, secrets and the swarm (when it created it), and dockerd (when it started it), unless
# KEEP_STACK=1. target/swarm-test/url holds the front door's base URL, api_auth_token the client
# token and ca.pem the certificate to trust, so the stack can be exercised afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/docker.sh
source scripts/lib/docker.sh

started=$(date +%s)
passed=0
failed=0
stack=cbp-swarm
out=target/swarm-test
work=$(mktemp -d)
# random_hex BYTES: that many random bytes in hexadecimal.
random_hex() { head -c "$1" /dev/urandom | od -An -tx1 | tr -d ' \n'; }
token="swarm-test-token-$(random_hex 12)"
admin_token="swarm-test-admin-$(random_hex 12)"
db_password=$(random_hex 16)
redis_password=$(random_hex 16)
secrets=(api_auth_token aws_access_key_id aws_secret_access_key admin_api_token database_url redis_url redis_acl
  postgres_password tls_certificate tls_private_key)
swarm_created=""
workers=()

ok() { printf 'ok      %s\n' "$1"; passed=$((passed + 1)); }
not_ok() {
  printf 'FAILED  %s\n' "$1"
  [ -z "${2:-}" ] || printf '%s\n' "$2" | tail -n 40 | sed 's/^/        /'
  failed=$((failed + 1))
}
step() { printf '\n== %s (at %s s)\n' "$1" "$(($(date +%s) - started))"; }
expect() {
  if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected: $3"$'\n'"actual:   $2"; fi
}
check() {
  local description=$1 output
  shift
  if output=$("$@" 2>&1); then ok "$description"; else not_ok "$description" "$output"; fi
}

# remove_stack: the stack, then (once its containers are gone) its volumes and the secrets.
remove_stack() {
  docker stack rm "$stack" >/dev/null 2>&1 || true
  local waited=0
  while [ -n "$(docker ps -aq --filter "label=com.docker.stack.namespace=$stack")" ] && [ "$waited" -lt 60 ]; do
    sleep 1
    waited=$((waited + 1))
  done
  docker volume ls -q --filter "label=com.docker.stack.namespace=$stack" | xargs -r docker volume rm >/dev/null 2>&1 || true
  for secret in "${secrets[@]}"; do docker secret rm "$secret" >/dev/null 2>&1 || true; done
  # The overlay network goes a moment after the stack's containers.
  waited=0
  while docker network inspect "${stack}_claude-code-network" >/dev/null 2>&1 && [ "$waited" -lt 30 ]; do
    sleep 1
    waited=$((waited + 1))
  done
}

cleanup() {
  local status=$?
  [ "${#workers[@]}" -eq 0 ] || kill "${workers[@]}" 2>/dev/null || true
  if [ "${KEEP_STACK:-}" = 1 ]; then
    echo "KEEP_STACK=1: the stack runs on ($(cat "$out/url" 2>/dev/null)); remove it with: docker stack rm $stack"
  elif docker info >/dev/null 2>&1; then
    remove_stack
    if [ -n "$swarm_created" ]; then
      docker swarm leave --force >/dev/null 2>&1 || true
      # The bridge Swarm made for its containers' way out; it outlives the swarm otherwise.
      docker network rm docker_gwbridge >/dev/null 2>&1 || true
    fi
    docker_engine_stop
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
# Interrupted or stopped: exit, so that the clean-up above runs.
trap 'exit 130' INT TERM

free_port() {
  local port=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

# container SERVICE: the id of one running container of a service of the stack.
container() {
  docker ps -q --filter "label=com.docker.swarm.service.name=${stack}_$1" --filter status=running | head -n 1
}

# message TEXT STREAM [CURL_OPTIONS...]: a /v1/messages call through the front door; the body on stdout.
message() {
  local text=$1 stream=$2
  shift 2
  curl -sS -N --max-time 120 "${tls[@]}" "$@" "$front/v1/messages" -H "x-api-key: $token" \
    -H 'anthropic-version: 2023-06-01' -H 'content-type: application/json' \
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

# prometheus PATH: GET from Prometheus's API inside its container (its port is not published).
prometheus() {
  docker exec "$(container prometheus)" wget -q -O - "http://127.0.0.1:9090$1"
}

# promql QUERY: the single value of an instant query (empty when there is none).
promql() {
  prometheus "/api/v1/query?query=$(jq -rn --arg q "$1" '$q | @uri')" 2>/dev/null | jq -r '.data.result[0].value[1] // empty'
}

# load_worker KIND FILE: one request after another through the front door until $work/stop exists,
# a line per request in FILE: start and end (ns), kind, HTTP status, curl's exit code, verdict (ok,
# failed: no whole answer; truncated: a stream that began with 200 and did not end with message_stop).
load_worker() {
  local kind=$1 results=$2 n=0 body code rc from verdict
  while [ ! -e "$work/stop" ]; do
    n=$((n + 1))
    body="$work/load-$kind-$BASHPID-$n"
    from=$(date +%s%N)
    rc=0
    if [ "$kind" = stream ]; then
      code=$(message "Load $n [[sim:tokens=150]]" true -o "$body" -w '%{http_code}' 2>/dev/null) || rc=$?
      if [ "$code" != 200 ]; then verdict=failed
      elif [ "$rc" -eq 0 ] && complete_stream "$body" >/dev/null; then verdict=ok
      else verdict=truncated; fi
    else
      code=$(message "Load $n [[sim:tokens=5]]" false -o "$body" -w '%{http_code}' 2>/dev/null) || rc=$?
      if [ "$code" = 200 ] && [ "$rc" -eq 0 ] && jq -e '.type == "message"' "$body" >/dev/null 2>&1; then verdict=ok
      else verdict=failed; fi
    fi
    printf '%s %s %s %s %s %s\n' "$from" "$(date +%s%N)" "$kind" "${code:-000}" "$rc" "$verdict" >>"$results"
    [ "$verdict" != ok ] || rm -f "$body"
  done
}

# load_start FILE: 4 stream workers (3-second streams) and 2 JSON workers; load_stop ends them.
# (Their process ids are kept: a plain `wait` would also wait for a dockerd this script started.)
load_start() {
  rm -f "$work/stop" "$1"
  workers=()
  for _ in 1 2 3 4; do
    load_worker stream "$1" &
    workers+=($!)
  done
  for _ in 1 2; do
    load_worker json "$1" &
    workers+=($!)
  done
}
load_stop() {
  touch "$work/stop"
  wait "${workers[@]}"
}

# tally FILE [AWK_CONDITION]: "requests streams ok failed truncated" over the lines matching the condition.
tally() {
  awk "${2:-1}"' { n++; if ($3 == "stream") s++; c[$6]++ } END { printf "%d %d %d %d %d", n, s, c["ok"], c["failed"], c["truncated"] }' "$1"
}

# ---------------------------------------------------------------------------------------------
step "1. engine and images"
docker_install_tools
tools=()
for tool in jq curl openssl; do command -v "$tool" >/dev/null 2>&1 || tools+=("$tool"); done
if [ "${#tools[@]}" -gt 0 ]; then
  docker_sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive docker_sudo apt-get install -y -qq --no-install-recommends "${tools[@]}" >/dev/null
fi
docker_engine_start
ca_bundle=""
[ -r /etc/ssl/certs/ca-certificates.crt ] && ca_bundle=/etc/ssl/certs/ca-certificates.crt
for build in "claude-code:latest" "claude-code-bedrock-sim:latest --target bedrock-sim"; do
  docker image inspect "${build%% *}" >/dev/null 2>&1 && continue
  # shellcheck disable=SC2086
  BASE=glibc CA_CERTIFICATES=$ca_bundle scripts/build-image.sh $build >"$work/build.log" 2>&1 ||
    { not_ok "build ${build%% *}" "$(cat "$work/build.log")"; exit 1; }
done
for standin in nginx prometheus redis postgres; do
  if ! DOCKER_BUILDKIT=1 docker build -q --target "$standin" -t "claude-code-standin/$standin" deploy/standins \
    >"$work/build.log" 2>&1; then
    not_ok "stand-in image $standin" "$(cat "$work/build.log")"
    exit 1
  fi
done
echo "images: claude-code:latest $(docker image inspect claude-code:latest --format '{{.Id}}' | cut -c8-19)," \
  "stand-ins nginx, prometheus, redis, postgres"

# ---------------------------------------------------------------------------------------------
step "2. swarm, secrets, stack deploy"
if [ "$(docker info --format '{{.Swarm.LocalNodeState}}')" != active ]; then
  docker swarm init --advertise-addr 127.0.0.1 >/dev/null
  swarm_created=1
  echo "docker swarm init: a single-node swarm on 127.0.0.1"
fi
remove_stack
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost -addext subjectAltName=DNS:localhost \
  -keyout "$work/privkey.pem" -out "$work/fullchain.pem" >/dev/null 2>&1
printf %s "$token" | docker secret create api_auth_token - >/dev/null
printf %s AKIDSIMULATOREXAMPLE | docker secret create aws_access_key_id - >/dev/null
printf %s sim-secret-access-key-example | docker secret create aws_secret_access_key - >/dev/null
printf %s "$admin_token" | docker secret create admin_api_token - >/dev/null
printf %s "$db_password" | docker secret create postgres_password - >/dev/null
printf %s "postgres://gateway:$db_password@postgres:5432/gateway" | docker secret create database_url - >/dev/null
printf 'user default on >%s ~* &* +@all\n' "$redis_password" | docker secret create redis_acl - >/dev/null
printf %s "redis://:$redis_password@redis:6379" | docker secret create redis_url - >/dev/null
docker secret create tls_certificate "$work/fullchain.pem" >/dev/null
docker secret create tls_private_key "$work/privkey.pem" >/dev/null
front_port=$(free_port 14443)
# What a shared CI machine needs and nothing else: the simulator as Bedrock (paced at 50 tokens/s, so
# streams stay open a while), CPU limits two cores can hold, health checks every 2 s.
cat >"$work/overlay.yml" <<EOF
services:
  claude-code:
    environment:
      BEDROCK_ENDPOINT: http://bedrock-sim:9100
      AWS_ENDPOINT_URL_STS: http://bedrock-sim:9100
      LOG_LEVEL: info
    # Three JVMs starting at once on a loaded machine: failed checks before this do not count.
    healthcheck: {start_period: 300s}
  # A client inside the stack's network, to reach each replica on its own (GNU wget, getent).
  probe:
    image: claude-code-standin/nginx
    command: ["sleep", "infinity"]
    read_only: true
    networks: [claude-code-network]
    deploy:
      endpoint_mode: dnsrr
      resources: {limits: {cpus: "0.25", memory: 64M}}
  bedrock-sim:
    image: claude-code-bedrock-sim:latest
    environment:
      SIM_TOKENS_PER_SECOND: "50"
    read_only: true
    cap_drop: [ALL]
    networks: [claude-code-network]
    deploy:
      endpoint_mode: dnsrr
      resources: {limits: {cpus: "0.5", memory: 512M}}
EOF
deploy_env=(env CLAUDE_CODE_IMAGE=claude-code:latest NGINX_IMAGE=claude-code-standin/nginx
  PROMETHEUS_IMAGE=claude-code-standin/prometheus REDIS_IMAGE=claude-code-standin/redis
  POSTGRES_IMAGE=claude-code-standin/postgres FRONT_DOOR_PORT="$front_port"
  GATEWAY_CPUS=1 GATEWAY_CPUS_RESERVED=0.1 GATEWAY_MEMORY=768M GATEWAY_MEMORY_RESERVED=256M
  GATEWAY_HEALTH_INTERVAL=2s NGINX_CPUS=0.5 REDIS_CPUS=0.25 POSTGRES_CPUS=0.5 PROMETHEUS_CPUS=0.25)
deploy_from=$(date +%s)
if ! output=$("${deploy_env[@]}" docker stack deploy --resolve-image never -c deploy/swarm/docker-stack.yml \
  -c "$work/overlay.yml" "$stack" 2>&1); then
  not_ok "docker stack deploy" "$output"
  exit 1
fi
ok "docker stack deploy -c deploy/swarm/docker-stack.yml (plus the simulator overlay)"

# ---------------------------------------------------------------------------------------------
step "3. the stack from outside"
# Every service at its replica count, every gateway task healthy.
ready=""
for _ in $(seq 1 180); do
  states=$(docker service ls --filter "label=com.docker.stack.namespace=$stack" --format '{{.Name}}={{.Replicas}}' | sort | tr '\n' ' ')
  healthy=$(docker ps --filter "label=com.docker.swarm.service.name=${stack}_claude-code" --filter health=healthy -q | wc -l)
  short=$(docker service ls --filter "label=com.docker.stack.namespace=$stack" --format '{{.Replicas}}' |
    awk '{ split($1, r, "/"); if (r[1] != r[2]) print }' | wc -l)
  if [ "$healthy" -ge 3 ] && [ "$short" -eq 0 ]; then
    ready=1
    break
  fi
  sleep 1
done
if [ -n "$ready" ]; then
  ok "every service running, 3 gateway replicas healthy, $(($(date +%s) - deploy_from)) s after deploy: $states"
else
  not_ok "every service running and healthy" "$states"$'\n'"$(docker service ps --no-trunc "${stack}_claude-code" 2>&1 | tail -n 8)"
  exit 1
fi
front="https://localhost:$front_port"
tls=(--cacert "$work/fullchain.pem" --resolve "localhost:$front_port:127.0.0.1")
mkdir -p "$out"
printf '%s\n' "$front" >"$out/url"
printf '%s\n' "$token" >"$out/api_auth_token"
cp "$work/fullchain.pem" "$out/ca.pem"
chmod 600 "$out/api_auth_token"
# The front door answers once nginx resolves the replicas.
for _ in $(seq 1 30); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "${tls[@]}" -H "Authorization: Bearer $token" "$front/health")" = 200 ] && break
  sleep 1
done
expect "/health through the front door (TLS, certificate verified) with the token" \
  "$(curl -s -o /dev/null -w '%{http_code}' "${tls[@]}" "$front/health") $(curl -s -o /dev/null -w '%{http_code}' \
    "${tls[@]}" -H "Authorization: Bearer $token" "$front/health")" "401 200"
expect "/metrics and /admin are not served through the front door" \
  "$(curl -s -o /dev/null -w '%{http_code}' "${tls[@]}" "$front/metrics") $(curl -s -o /dev/null -w '%{http_code}' \
    "${tls[@]}" "$front/admin/v1/keys")" "404 404"
message 'Hello through the swarm [[sim:tokens=4]]' false >"$work/reply.json" || true
check "a JSON /v1/messages through the front door" jq -e '.type == "message" and (.content[0].text | length > 0)' "$work/reply.json"
message 'A stream through the swarm [[sim:tokens=20]]' true --http2 -w '\nhttp_version=%{http_version}\n' >"$work/stream.txt" || true
check "a stream through the front door, whole" complete_stream "$work/stream.txt"
expect "HTTP/2 between client and nginx" "$(sed -n 's/^http_version=//p' "$work/stream.txt")" "2"

# Which replica answered: nginx logs the address it passed each request to (upstream_addr).
for i in $(seq 1 12); do message "Which replica [[sim:tokens=2]] $i" false >/dev/null 2>&1 || true; done
sleep 1
docker service logs --raw "${stack}_nginx" 2>/dev/null | jq -R -r 'fromjson? | select(.uri == "/v1/messages") | .upstream_addr' \
  >"$work/upstreams.txt" || true
replicas_seen=$(sort -u "$work/upstreams.txt" | grep -c . || true)
gateway_addresses=$(docker service ps -q --filter desired-state=running "${stack}_claude-code" | wc -l)
echo "requests per replica (nginx upstream_addr): $(sort "$work/upstreams.txt" | uniq -c | awk '{printf "%s=%s ", $2, $1}')"
check "requests served by more than one replica ($replicas_seen of $gateway_addresses)" test "$replicas_seen" -ge 2

# Prometheus finds every replica through tasks.claude-code and scrapes it with the token.
scraped=""
for _ in $(seq 1 60); do
  scraped=$(prometheus /api/v1/targets 2>/dev/null |
    jq -r '[.data.activeTargets[] | select(.labels.job == "claude-code") | .health] | "\(length) \(map(select(. == "up")) | length)"') || true
  [ "$scraped" = "3 3" ] && break
  sleep 1
done
expect "Prometheus scrapes 3 gateway targets found by DNS, all up (targets, up)" "$scraped" "3 3"
replicas_counted=$(promql 'count(sum by (instance) (http_requests_total{route="/v1/messages"}) > 0)')
echo "replicas with /v1/messages requests in Prometheus: $replicas_counted"
check "Prometheus counts requests on more than one replica" test "${replicas_counted:-0}" -ge 2

# ---------------------------------------------------------------------------------------------
step "4. a forced rolling update of every replica under load"
# Streams of 3 s and JSON requests, six at a time, from before the update until after it converged.
load_start "$work/update.txt"
sleep 5
docker service ps -q --filter desired-state=running "${stack}_claude-code" | sort >"$work/tasks-before"
update_from=$(date +%s)
if output=$(timeout 600 docker service update --force --detach=false "${stack}_claude-code" 2>&1); then
  ok "docker service update --force: 3 replicas replaced one by one in $(($(date +%s) - update_from)) s"
else
  not_ok "docker service update --force" "$output"
fi
sleep 5
load_stop
docker service ps -q --filter desired-state=running "${stack}_claude-code" | sort >"$work/tasks-after"
expect "every replica replaced (tasks still running from before the update)" \
  "$(comm -12 "$work/tasks-before" "$work/tasks-after" | wc -l)" "0"
read -r requests streams good failed truncated <<<"$(tally "$work/update.txt")"
echo "under the update: $requests requests ($streams streams): $good ok, $failed failed, $truncated truncated streams"
grep -v ' ok$' "$work/update.txt" | head -n 5 || true
expect "no failed request and no truncated stream through the rolling update ($requests requests)" \
  "$failed $truncated" "0 0"

# ---------------------------------------------------------------------------------------------
step "5. a replica killed with SIGKILL under load"
load_start "$work/kill.txt"
sleep 6
victim=$(container claude-code)
docker kill -s KILL "$victim" >/dev/null
# Once docker kill has returned the process is gone; what started before then was in flight at the kill.
killed_at=$(date +%s%N)
sleep 15
load_stop
# In flight at the kill: started before it and ended after it (on any replica); new: started after it.
read -r in_flight in_flight_streams _ broken broken_streams <<<"$(tally "$work/kill.txt" "\$1 < $killed_at && \$2 > $killed_at")"
read -r after _ after_ok after_failed after_truncated <<<"$(tally "$work/kill.txt" "\$1 > $killed_at")"
echo "SIGKILL of one of 3 replicas: $in_flight requests in flight ($in_flight_streams streams) on all replicas," \
  "$((broken + broken_streams)) of them broke ($broken_streams streams cut, $broken failed);" \
  "$after requests started after the kill: $after_ok ok, $after_failed failed, $after_truncated truncated"
expect "no request started after the kill saw an error ($after requests)" "$after_failed $after_truncated" "0 0"
awk -v k="$killed_at" '$1 > k && $6 != "ok"' "$work/kill.txt" | head -n 5
running=""
for _ in $(seq 1 120); do
  [ "$(docker ps -q --filter "label=com.docker.swarm.service.name=${stack}_claude-code" --filter health=healthy | wc -l)" -ge 3 ] &&
    running=1 && break
  sleep 1
done
check "Swarm replaced the killed replica (3 healthy again)" test -n "$running"

# ---------------------------------------------------------------------------------------------
step "6. state the replicas share"
probe=(docker exec "$(container probe)")
mapfile -t addresses < <("${probe[@]}" getent ahostsv4 tasks.claude-code | awk '{ print $1 }' | sort -u)
echo "replicas: ${addresses[*]}"
# admin METHOD PATH [BODY]: the admin API of one replica, from inside the network (it is not on the front door).
admin() {
  local body=()
  [ -z "${3:-}" ] || body=(--header 'content-type: application/json' --body-data "$3")
  "${probe[@]}" wget -q -O - --method="$1" --header "authorization: Bearer $admin_token" "${body[@]}" \
    "http://${addresses[0]}:3000/admin/v1$2"
}
# nginx_log N: the last N /v1/messages lines of nginx's access log as "status upstream_addr x_cache".
nginx_log() {
  docker service logs --raw "${stack}_nginx" 2>/dev/null |
    jq -R -r 'fromjson? | select(.uri == "/v1/messages") | "\(.status) \(.upstream_addr) \(.x_cache)"' | tail -n "$1"
}

# The shared cache: a deterministic request (temperature 0) answered once by Bedrock, then by Redis on any replica.
cached='{"model":"claude-sonnet-4-5","max_tokens":64,"temperature":0,"messages":[{"role":"user","content":"Cached '"$(random_hex 6)"' [[sim:tokens=8]]"}]}'
for _ in $(seq 1 9); do
  curl -sS -o /dev/null "${tls[@]}" "$front/v1/messages" -H "x-api-key: $token" -H 'anthropic-version: 2023-06-01' \
    -H 'content-type: application/json' -d "$cached" || true
done
sleep 1
nginx_log 9 >"$work/cache.txt"
miss_replica=$(awk '$3 == "MISS" { print $2 }' "$work/cache.txt")
hits=$(awk '$3 == "HIT"' "$work/cache.txt" | wc -l)
hit_replicas=$(awk '$3 == "HIT" { print $2 }' "$work/cache.txt" | sort -u | wc -l)
hit_elsewhere=$(awk -v m="$miss_replica" '$3 == "HIT" && $2 != m { print $2 }' "$work/cache.txt" | sort -u | wc -l)
echo "shared cache: 1 MISS on $miss_replica, $hits HITs on $hit_replicas replicas ($hit_elsewhere that never asked Bedrock)"
expect "the shared cache answers from replicas that never saw the request (misses, hits, replicas)" \
  "$(awk '$3 == "MISS"' "$work/cache.txt" | wc -l) $hits $([ "$hit_elsewhere" -ge 1 ] && echo '>=1')" "1 8 >=1"

# A rate limit of N requests a minute admits N across all replicas (Redis counts them for every replica).
limit=10
limited=$(admin POST /keys '{"name":"swarm-test-rate","limits":{"requests_per_minute":'"$limit"'}}' | jq -r .key)
# A fixed window of one UTC minute: start early in a minute, so that all requests fall in the same one.
second=$((10#$(date -u +%S)))
[ "$second" -le 40 ] || sleep $((61 - second))
sleep 1
codes=""
for _ in $(seq 1 $((2 * limit))); do
  codes+="$(curl -s -o /dev/null -w '%{http_code}' "${tls[@]}" "$front/v1/messages" -H "x-api-key: $limited" \
    -H 'anthropic-version: 2023-06-01' -H 'content-type: application/json' \
    -d '{"model":"claude-sonnet-4-5","max_tokens":8,"messages":[{"role":"user","content":"Limited [[sim:tokens=1]]"}]}') "
done
sleep 1
admitted_by=$(nginx_log $((2 * limit)) | awk '$1 == 200 { print $2 }' | sort -u | wc -l)
echo "rate limit $limit/min, $((2 * limit)) requests: $(tr ' ' '\n' <<<"$codes" | grep . | sort | uniq -c | awk '{printf "%s x %s, ", $1, $2}')admitted by $admitted_by replicas"
expect "a limit of $limit a minute admits $limit across the replicas, then 429 (200s, 429s, replicas > 1)" \
  "$(grep -o 200 <<<"$codes" | wc -l) $(grep -o 429 <<<"$codes" | wc -l) $([ "$admitted_by" -ge 2 ] && echo yes)" \
  "$limit $limit yes"

# A revoked key is refused by every replica: revoked on one, each probed directly until it answers 401.
created=$(admin POST /keys '{"name":"swarm-test-revoked"}')
revoked_key=$(jq -r .key <<<"$created")
revoked_id=$(jq -r .id <<<"$created")
sleep 1
probe_body='{"model":"claude-sonnet-4-5","max_tokens":8,"messages":[{"role":"user","content":"Revoked? [[sim:tokens=1]]"}]}'
# Inside the probe: revoke, then ask every replica in turn until each refuses; "address milliseconds" per replica.
# shellcheck disable=SC2016
revocation=$("${probe[@]}" env ADMIN="$admin_token" KEY="$revoked_key" ID="$revoked_id" BODY="$probe_body" \
  ADDRESSES="${addresses[*]}" sh -c '
  status() {
    wget -S -q -O /dev/null --header "x-api-key: $KEY" --header "anthropic-version: 2023-06-01" \
      --header "content-type: application/json" --body-data "$BODY" --method=POST "http://$1:3000/v1/messages" 2>&1 |
      awk "/^  HTTP\// { code = \$2 } END { print code }"
  }
  for a in $ADDRESSES; do echo "before $a $(status "$a")"; done
  wget -q -O /dev/null --method=DELETE --header "authorization: Bearer $ADMIN" \
    "http://${ADDRESSES%% *}:3000/admin/v1/keys/$ID" || { echo "revoke failed"; exit 1; }
  revoked=$(date +%s%N)
  pending=$ADDRESSES
  while [ -n "$pending" ]; do
    still=""
    for a in $pending; do
      if [ "$(status "$a")" = 401 ]; then echo "refused $a $((($(date +%s%N) - revoked) / 1000000))"
      else still="$still $a"; fi
    done
    pending=${still# }
    [ $((($(date +%s%N) - revoked) / 1000000)) -lt 10000 ] || { echo "still accepted after 10 s: $pending"; exit 1; }
  done') || true
printf '  %s\n' "${revocation//$'\n'/$'\n  '}"
slowest=$(awk '$1 == "refused" { if ($3 > m) m = $3 } END { print m + 0 }' <<<"$revocation")
expect "the key worked on every replica before" "$(grep -c '^before .* 200$' <<<"$revocation")" "${#addresses[@]}"
expect "the revoked key is refused by every replica, the last within ${slowest} ms (<= 1000)" \
  "$(grep -c '^refused ' <<<"$revocation") $([ "$slowest" -le 1000 ] && echo yes)" "${#addresses[@]} yes"

# ---------------------------------------------------------------------------------------------
printf '\nswarm-test: took %s s\n' "$(($(date +%s) - started))"
printf 'swarm-test: %d passed, %d failed\n' "$passed" "$failed"
[ "$failed" -eq 0 ]
