#!/usr/bin/env bash
# Checks the deployment files with the tools that read them: promtool for the Prometheus
# configurations, alert rules and their unit tests; amtool for the Alertmanager configuration and
# message templates; ShellCheck for every script; dockerfilelint for the Dockerfile; the Kubernetes
# manifests against the API's schemas (scripts/k8s-validate.mjs, kubernetes-models from npm). The Java
# tests (scripts/test.sh) check the rest: nginx, the compose files, Kubernetes, the jlinked
# runtime, the metric names.
#
# A missing tool is reported and skipped; with REQUIRE_TOOLS=1 (as in CI) it is an error.
set -euo pipefail
cd "$(dirname "$0")/.."

failures=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# have TOOL: true when TOOL is on the PATH; otherwise reports it (a failure under REQUIRE_TOOLS=1).
have() {
  if command -v "$1" >/dev/null 2>&1; then
    return 0
  fi
  if [ "${REQUIRE_TOOLS:-}" = 1 ]; then
    echo "MISSING $1: REQUIRE_TOOLS=1 requires it"
    failures=$((failures + 1))
  else
    echo "SKIPPED $1 is not installed"
  fi
  return 1
}

# check DESCRIPTION COMMAND...: runs the command, prints its output only when it fails.
check() {
  local description=$1 output
  shift
  if output=$("$@" 2>&1); then
    echo "ok      $description"
  else
    echo "FAILED  $description"
    printf '%s\n' "$output" | sed 's/^/        /'
    failures=$((failures + 1))
  fi
}

if have promtool; then
  # prometheus.yml reads the scrape token from secrets/ beside it (a Docker secret in production).
  cp -R deploy/prometheus "$work/prometheus"
  mkdir -p "$work/prometheus/secrets"
  printf 'placeholder-token-for-promtool\n' >"$work/prometheus/secrets/api_auth_token"
  for config in prometheus.yml prometheus-dev.yml; do
    check "promtool check config deploy/prometheus/$config" promtool check config "$work/prometheus/$config"
  done
  # The Swarm stack's Prometheus reads alerts.yml and the token from beside its file, as there.
  mkdir -p "$work/swarm-prometheus/secrets"
  cp deploy/swarm/prometheus.yml deploy/prometheus/alerts.yml "$work/swarm-prometheus/"
  cp "$work/prometheus/secrets/api_auth_token" "$work/swarm-prometheus/secrets/"
  check "promtool check config deploy/swarm/prometheus.yml" promtool check config "$work/swarm-prometheus/prometheus.yml"
  check "promtool check rules deploy/prometheus/alerts.yml" promtool check rules deploy/prometheus/alerts.yml
  check "promtool test rules deploy/prometheus/tests/alerts_test.yml" \
    promtool test rules deploy/prometheus/tests/alerts_test.yml
fi

if have amtool; then
  check "amtool check-config deploy/alertmanager/alertmanager.yml" \
    amtool check-config deploy/alertmanager/alertmanager.yml
  check "amtool template render deploy/alertmanager/templates/claude-code.tmpl" \
    amtool template render --template.glob='deploy/alertmanager/templates/*.tmpl' \
    --template.text='{{ template "claude_code.title" . }} {{ template "claude_code.text" . }}'
fi

if have shellcheck; then
  check "shellcheck -x scripts/*.sh scripts/lib/*.sh .ci/run" shellcheck -x scripts/*.sh scripts/lib/*.sh .ci/run
fi

# The Kubernetes manifests against the API's schemas (kubernetes-models from npm, into the build directory).
if have node && have npm; then
  k8s_tools="$PWD/target/ci-tools/k8s"
  if [ ! -d "$k8s_tools/node_modules/kubernetes-models" ]; then
    npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$k8s_tools" kubernetes-models@5.1.0 yaml@2.9.1 \
      >/dev/null 2>&1 || true
  fi
  check "Kubernetes manifests valid against the API's schemas (kubernetes-models 5.1.0)" \
    node scripts/k8s-validate.mjs "$k8s_tools/node_modules" deploy/k8s/*.yaml
fi

if have dockerfilelint; then
  check "dockerfilelint Dockerfile" dockerfilelint -c deploy Dockerfile
fi

if [ "$failures" -gt 0 ]; then
  echo "check-deploy: $failures problem(s)"
  exit 1
fi
echo "check-deploy: all checks passed"
