#!/usr/bin/env bash
# The specification's load test: concurrent requests through curl --parallel, with the time of
# each and a summary.
#
#   scripts/load-test.sh URL [TOKEN]            10 concurrent GET /health
#   REQUESTS=100 CONCURRENCY=10 scripts/load-test.sh URL TOKEN
#   LOAD_PATH=/v1/messages scripts/load-test.sh URL TOKEN     small messages instead (costs tokens on AWS)
#
# SMOKE_MODEL picks the model for messages; CURL_OPTS adds curl options. Exits non-zero when a
# request does not answer 2xx. Needs curl 7.67 or newer.
set -euo pipefail

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "Usage: $0 URL [TOKEN]" >&2
  exit 2
fi
url=${1%/}
token=${2:-}
requests=${REQUESTS:-10}
concurrency=${CONCURRENCY:-10}
path=${LOAD_PATH:-/health}
read -r -a curl_opts <<<"${CURL_OPTS:-}"

args=(--parallel --parallel-immediate --parallel-max "$concurrency" -sS --no-progress-meter -N -H "Connection: keep-alive"
  -w '%{http_code} %{time_total}\n')
if [ -n "$token" ]; then
  args+=(-H "Authorization: Bearer $token")
fi
if [ "$path" = /v1/messages ]; then
  args+=(-H "content-type: application/json" -H "anthropic-version: 2023-06-01"
    -d '{"model":"'"${SMOKE_MODEL:-claude-sonnet-4-5}"'","max_tokens":16,"messages":[{"role":"user","content":"Say ok."}]}')
fi
for _ in $(seq 1 "$requests"); do
  args+=(-o /dev/null "$url$path")
done

echo "$requests requests to $url$path, $concurrency at a time"
results=$(curl "${curl_opts[@]}" "${args[@]}" || true)
printf '%s\n' "$results" | awk '{ printf "status %s  time %.3fs\n", $1, $2 }'
printf '%s\n' "$results" | sort -k2 -n | awk -v n="$requests" '
  { status[$1]++; t[NR] = $2; sum += $2; if ($1 !~ /^2/) failed++ }
  END {
    if (NR == 0) { print "no answers"; exit 1 }
    p95 = t[int((NR * 95 + 99) / 100)]
    printf "answers %d of %d; min %.3fs  avg %.3fs  p95 %.3fs  max %.3fs\n", NR, n, t[1], sum / NR, p95, t[NR]
    for (s in status) printf "  %s: %d\n", s, status[s]
    exit (failed > 0 || NR < n) ? 1 : 0
  }'
