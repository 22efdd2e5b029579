#!/usr/bin/env bash
# Smoke-tests a running gateway: health, models, one message, one stream, and a refused token.
#
#   scripts/smoke-test.sh URL TOKEN          e.g. scripts/smoke-test.sh http://localhost:3000 "$API_AUTH_TOKEN"
#
# SMOKE_MODEL picks the model (claude-sonnet-4-5); CURL_OPTS adds curl options (e.g. --cacert FILE).
# Against AWS each run costs a few dozen tokens. Exits non-zero when a step fails.
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "Usage: $0 URL TOKEN" >&2
  exit 2
fi
url=${1%/}
token=$2
model=${SMOKE_MODEL:-claude-sonnet-4-5}
read -r -a curl_opts <<<"${CURL_OPTS:-}"
command -v curl >/dev/null 2>&1 || { echo "curl is required" >&2; exit 2; }

body=$(mktemp)
trap 'rm -f "$body"' EXIT
failures=0

# step NAME EXPECTED_STATUS EXPECTED_TEXT CURL_ARGS...: one request, its status and a piece of its body.
step() {
  local name=$1 want_status=$2 want_text=$3 status
  shift 3
  status=$(curl -sS "${curl_opts[@]}" --max-time 120 -o "$body" -w '%{http_code}' "$@" || true)
  if [ "$status" = "$want_status" ] && grep -q -- "$want_text" "$body"; then
    printf 'PASS  %-44s %s\n' "$name" "$status"
  else
    printf 'FAIL  %-44s status %s (want %s), body: %s\n' "$name" "$status" "$want_status" "$(head -c 300 "$body")"
    failures=$((failures + 1))
  fi
}

message='{"model":"'"$model"'","max_tokens":16,"messages":[{"role":"user","content":"Reply with the word ok."}]'
auth=(-H "Authorization: Bearer $token")
json=(-H "content-type: application/json" -H "anthropic-version: 2023-06-01")

step "GET /health/live" 200 '"alive"' "$url/health/live"
step "GET /health (with the token)" 200 '"healthy"' "${auth[@]}" "$url/health"
step "GET /health/ready" 200 '"ready"' "$url/health/ready"
step "GET /v1/models" 200 '"data"' "${auth[@]}" "$url/v1/models"
step "POST /v1/messages ($model)" 200 '"type":"message"' "${auth[@]}" "${json[@]}" -d "$message}" "$url/v1/messages"
step "POST /v1/messages, streaming" 200 'event: message_stop' -N "${auth[@]}" "${json[@]}" \
  -d "$message,\"stream\":true}" "$url/v1/messages"
step "POST /v1/messages with a wrong token" 401 'authentication_error' -H "x-api-key: not-the-token" "${json[@]}" \
  -d "$message}" "$url/v1/messages"

if [ "$failures" -gt 0 ]; then
  echo "$failures step(s) failed against $url"
  exit 1
fi
echo "All steps passed against $url"
