#!/usr/bin/env bash
# Checks the gateway with real clients that are not part of the project: the Anthropic TypeScript
# SDK (0.x and 1.x), the OpenAI TypeScript SDK and a LangChain chat model through the OpenAI-compatible
# front door (a tool-call conversation, ledgered under the key it used), and the Claude Code CLI, in its
# first-party mode, in its Bedrock mode through the pass-through, and in its Mantle mode (Bedrock's native
# Messages API) through the /mantle pass-through, with the official AnthropicBedrockMantle client against
# /mantle and against the simulator itself, all against the Bedrock simulator. Each Claude Code turn must cost
# exactly one streaming upstream call (no silent fallback to a non-streaming retry). Then Claude
# Code with a per-developer key: its turns are in the spend ledger with its session id, and past
# the key's budget it stops with the gateway's message instead of retrying. Last, Claude Code signed in
# with an identity provider (a local issuer) through its apiKeyHelper and the project's token helper.
# Then the AWS SDK for JavaScript v3 through /bedrock while the upstream breaks (scripts/check-aws-sdk-js.sh).
# Needs Node.js with npm (packages are installed under target/), and the jars (./mvnw package).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/jdk.sh
source scripts/lib/jdk.sh
# shellcheck source=scripts/lib/npm.sh
source scripts/lib/npm.sh

work=target/client-compat
mkdir -p "$work"
# The clients at the versions in scripts/compat/package-lock.json (the ones last checked green), so that
# every run drives the same code; installed again only when the lock file changes.
npm_ci_pinned scripts/compat "$work"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
sim_port=$(free_port)
gateway_port=$(free_port)
token=client-compat-token-0001
admin=client-compat-admin-token-0001
logs=$work/logs
mkdir -p "$logs"

rm -f "$work"/gateway.db*
java -jar bedrock-sim/target/bedrock-sim.jar --port "$sim_port" --host 127.0.0.1 --control-api >"$logs/sim.log" 2>&1 &
pids=($!)
# A local identity provider (discovery, JWKS, refresh-token grant, device flow) whose tokens name a
# developer in the group ai-platform; the gateway maps that group to the team platform.
node scripts/compat/local-issuer.mjs claude-bedrock-proxy oidc-dev@example.com ai-platform >"$logs/issuer.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do
  issuer=$(head -n 1 "$logs/issuer.log")
  [ -n "$issuer" ] && break
  sleep 0.1
done
API_AUTH_TOKEN=$token AWS_ACCESS_KEY_ID=AKIDSIMULATOREXAMPLE AWS_SECRET_ACCESS_KEY=sim-secret-access-key-example \
  AWS_REGION=us-east-1 BEDROCK_ENDPOINT="http://127.0.0.1:$sim_port" BEDROCK_CONTROL_PLANE_ENDPOINT="http://127.0.0.1:$sim_port" \
  BEDROCK_PROXY_AWS_MANTLE_ENDPOINT="http://127.0.0.1:$sim_port/anthropic" \
  PORT=$gateway_port ADMIN_API_TOKEN=$admin DATABASE_URL="sqlite:$work/gateway.db" \
  BEDROCK_PROXY_AUTH_OIDC_ISSUER="$issuer" BEDROCK_PROXY_AUTH_OIDC_AUDIENCE=claude-bedrock-proxy \
  BEDROCK_PROXY_AUTH_OIDC_GROUP_TEAMS=ai-platform=platform \
  BEDROCK_PROXY_GOVERNANCE_LEDGER_FLUSH_INTERVAL_MS=50 java -jar proxy/target/claude-bedrock-proxy.jar >"$logs/gateway.log" 2>&1 &
pids+=($!)
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT

for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$gateway_port/health/ready" >/dev/null 2>&1 && break
  sleep 0.2
done
sim="http://127.0.0.1:$sim_port"
gateway="http://127.0.0.1:$gateway_port"

# What reached the simulator since the last reset: "METHOD PATH" lines.
upstream_calls() { curl -fs "$sim/_sim/requests" | python3 -c 'import json,sys; [print(r["method"], r["path"]) for r in json.load(sys.stdin)["requests"]]'; }
reset() { curl -fs -X DELETE "$sim/_sim/requests" >/dev/null; }

for sdk in sdk0 sdk1; do
  version=$(node -p "require('./$work/node_modules/$sdk/package.json').version")
  printf 'TypeScript SDK %s: ' "$version"
  node scripts/compat/sdk-check.mjs "$work/node_modules/$sdk" "$gateway" "$token"
done

admin_api() { curl -fs "$gateway/admin/v1/$1" -H "authorization: Bearer $admin" -H "content-type: application/json" "${@:2}"; }

# OpenAI-only tools with a key of their own: what they did is in the ledger under /openai.
created=$(admin_api keys -X POST -d '{"name":"openai-tools","user":"tools@example.com"}')
openai_key=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])' <<<"$created")
openai_key_id=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])' <<<"$created")
cp scripts/compat/openai-check.mjs "$work/"
(cd "$work" && node openai-check.mjs "$gateway" "$openai_key")
sleep 0.5
admin_api "requests?key_id=$openai_key_id" | python3 -c '
import json, sys
rows = json.load(sys.stdin)["data"]
served = [r for r in rows if r["status"] == 200]
assert len(served) == 5 and all(r["route"] == "/openai" and r["cost_usd"] > 0 for r in served), rows
print(f"OpenAI tools with a gateway key: {len(served)} requests in the ledger under /openai")'

claude() {
  (cd "$work" && env -i PATH="$PATH" HOME="$PWD/home" TERM=dumb LANG=C.UTF-8 DISABLE_TELEMETRY=1 \
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 DISABLE_AUTOUPDATER=1 "$@" \
    node_modules/.bin/claude -p "${prompt:-say hi}" --output-format json)
}
mkdir -p "$work/home"
version=$(node -p "require('./$work/node_modules/@anthropic-ai/claude-code/package.json').version")

reset
claude ANTHROPIC_BASE_URL="$gateway" ANTHROPIC_AUTH_TOKEN=$token | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["subtype"]=="success", d'
calls=$(upstream_calls)
if [ "$(grep -c 'invoke-with-response-stream' <<<"$calls")" -ne 1 ] || grep -q '/invoke$' <<<"$calls"; then
  echo "Claude Code $version: expected one streaming call and no other, got:"; echo "$calls"; exit 1
fi
echo "Claude Code $version, first-party mode: one streaming upstream call per turn"

reset
claude CLAUDE_CODE_USE_BEDROCK=1 ANTHROPIC_BEDROCK_BASE_URL="$gateway/bedrock" AWS_BEARER_TOKEN_BEDROCK=$token \
  AWS_REGION=us-east-1 | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["subtype"]=="success", d'
calls=$(upstream_calls)
if [ "$(grep -c 'invoke-with-response-stream' <<<"$calls")" -ne 1 ]; then
  echo "Claude Code $version in Bedrock mode: expected one streaming call, got:"; echo "$calls"; exit 1
fi
echo "Claude Code $version, Bedrock mode through /bedrock: $(wc -l <<<"$calls") upstream calls, one of them the streaming turn"

# Bedrock's native Messages API ("Mantle"): the official AnthropicBedrockMantle client against the simulator
# itself (SigV4 with the signing name bedrock-mantle, then its API key), which judges the simulator's fidelity,
# and against the gateway's /mantle with the gateway token as its API key.
bedrock_sdk=$work/node_modules/@anthropic-ai/bedrock-sdk
mantle_version=$(node -p "require('./$bedrock_sdk/package.json').version")
printf 'AnthropicBedrockMantle (bedrock-sdk %s), simulator with SigV4: ' "$mantle_version"
node scripts/compat/mantle-check.mjs "$bedrock_sdk" "$sim/anthropic" sigv4 AKIDSIMULATOREXAMPLE sim-secret-access-key-example
printf 'AnthropicBedrockMantle (bedrock-sdk %s), simulator with its API key: ' "$mantle_version"
node scripts/compat/mantle-check.mjs "$bedrock_sdk" "$sim/anthropic" key sim-bedrock-api-key
reset
printf 'AnthropicBedrockMantle (bedrock-sdk %s), gateway /mantle: ' "$mantle_version"
node scripts/compat/mantle-check.mjs "$bedrock_sdk" "$gateway/mantle" key "$token"

# The gateway's calls to the native Messages API since the last reset: "operation stream signing-scope" lines.
mantle_calls() {
  curl -fs "$sim/_sim/requests" | python3 -c '
import json, re, sys
for r in json.load(sys.stdin)["requests"]:
    body = json.loads(r["body"] or "{}") if r["operation"] == "Messages" else {}
    scope = re.search(r"Credential=[^/]*/[^/]*/([^/]*/[^/]*)/", (r["headers"].get("authorization") or [""])[0])
    print(r["operation"], "stream" if body.get("stream") else "-", scope.group(1) if scope else "unsigned")'
}

# Claude Code in its Mantle mode through /mantle, a tool round trip: the first turn calls Read (the simulator's
# [[sim:tool=Read]] directive), Claude Code runs it and sends the result; each turn one signed streaming call.
reset
prompt="[[sim:tool=Read]] read a file" claude CLAUDE_CODE_USE_MANTLE=1 ANTHROPIC_BEDROCK_MANTLE_BASE_URL="$gateway/mantle" \
  CLAUDE_CODE_SKIP_MANTLE_AUTH=1 ANTHROPIC_CUSTOM_HEADERS="x-api-key: $token" AWS_REGION=us-east-1 \
  ANTHROPIC_MODEL=anthropic.claude-haiku-4-5-20251001-v1:0 \
  | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["subtype"]=="success" and d["num_turns"] >= 2, d'
calls=$(mantle_calls)
if [ "$(grep -c '^Messages stream us-east-1/bedrock-mantle$' <<<"$calls")" -ne 2 ] \
  || [ "$(grep -vc '^Messages stream us-east-1/bedrock-mantle$' <<<"$calls")" -ne 0 ]; then
  echo "Claude Code $version in Mantle mode: expected two signed streaming calls (a tool round trip), got:"
  echo "$calls"; exit 1
fi
echo "Claude Code $version, Mantle mode through /mantle: a tool round trip, each turn one signed streaming call"

# A developer's own key: every turn is ledgered with Claude Code's session id.
created=$(admin_api keys -X POST -d '{"name":"developer","user":"dev@example.com"}')
key=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["key"])' <<<"$created")
key_id=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])' <<<"$created")
reset
claude ANTHROPIC_BASE_URL="$gateway" ANTHROPIC_AUTH_TOKEN="$key" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["subtype"]=="success", d'
sleep 0.5
admin_api "requests?key_id=$key_id" | python3 -c '
import json, sys
rows = json.load(sys.stdin)["data"]
turns = [r for r in rows if r["status"] == 200 and r["session_id"]]
assert turns, rows
assert all(r["user"] == "dev@example.com" and r["cost_usd"] > 0 for r in turns), rows'
echo "Claude Code $version with a developer key: its turns are in the ledger with the session id"

# Past the key's budget: one refusal (billing_error, x-should-retry: false), no retry, the message shown.
admin_api "keys/$key_id" -X PATCH -d '{"budget":{"usd":0.000001,"period":"day"}}' >/dev/null
sleep 0.5
reset
output=$(claude ANTHROPIC_BASE_URL="$gateway" ANTHROPIC_AUTH_TOKEN="$key" || true)
calls=$(upstream_calls)
if grep -q '/invoke' <<<"$calls"; then
  echo "Claude Code $version past its budget: expected no model call, got:"; echo "$calls"; exit 1
fi
if ! grep -q "budget" <<<"$output"; then
  echo "Claude Code $version past its budget: the gateway's message is not shown:"; echo "$output"; exit 1
fi
sleep 0.5
refusals=$(admin_api "requests?key_id=$key_id" | python3 -c 'import json,sys; print(sum(1 for r in json.load(sys.stdin)["data"] if r["status"] == 429))')
if [ "$refusals" -ne 1 ]; then
  echo "Claude Code $version past its budget: expected exactly one refused request (no retries), got $refusals"; exit 1
fi
echo "Claude Code $version past its budget: stopped after one refusal with the gateway's message"

# Signed in with the identity provider: Claude Code's apiKeyHelper runs the project's token helper,
# which signs in by the device flow the first time and trades the refresh token afterwards; the
# gateway checks the ID token against the issuer's keys and ledgers the turns for the user's team.
team_id=$(admin_api teams -X POST -d '{"name":"platform"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
oidc_home="$PWD/$work/oidc-home"
mkdir -p "$oidc_home/.claude"
cat >"$oidc_home/.claude/settings.json" <<JSON
{"apiKeyHelper": "node $PWD/scripts/oidc/claude-code-token-helper.mjs"}
JSON
for _ in 1 2; do
  reset
  claude HOME="$oidc_home" ANTHROPIC_BASE_URL="$gateway" OIDC_ISSUER="$issuer" OIDC_CLIENT_ID=claude-bedrock-proxy \
    OIDC_CACHE="$oidc_home/refresh-token" CLAUDE_CODE_API_KEY_HELPER_TTL_MS=3000000 \
    | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["subtype"]=="success", d'
  calls=$(upstream_calls)
  if [ "$(grep -c 'invoke-with-response-stream' <<<"$calls")" -ne 1 ]; then
    echo "Claude Code $version signed in with the identity provider: expected one streaming call, got:"; echo "$calls"
    exit 1
  fi
done
[ -s "$oidc_home/refresh-token" ] || { echo "the token helper kept no refresh token"; exit 1; }
sleep 0.5
admin_api "requests?key_id=oidc:oidc-dev@example.com" | TEAM_ID=$team_id python3 -c '
import json, os, sys
rows = json.load(sys.stdin)["data"]
turns = [r for r in rows if r["status"] == 200 and r["session_id"]]
assert len(turns) >= 2, rows
assert all(r["user"] == "oidc-dev@example.com" and r["team_id"] == os.environ["TEAM_ID"] for r in turns), rows'
echo "Claude Code $version signed in with the identity provider (apiKeyHelper, device flow then refresh token):" \
  "each turn one streaming call, ledgered for the user and the team its group maps to"


# The AWS SDK for JavaScript v3 through /bedrock over HTTP/2 and HTTP/1.1 while the upstream breaks mid-stream:
# a typed error within the gateway's timeout every time (a gateway and simulator of its own).
scripts/check-aws-sdk-js.sh
