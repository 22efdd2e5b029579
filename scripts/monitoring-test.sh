#!/usr/bin/env bash
# The monitoring end-to-end test: a real Prometheus and Alertmanager (Debian packages prometheus and
# prometheus-alertmanager) with the shipped alert rules, routes and dashboards' panel queries,
# against a real gateway and two Bedrock simulators. Each alert's fault is driven until the alert is
# pending, firing, delivered to a webhook receiver and resolved (MonitoringEndToEndTest; the only
# differences from the shipped files are in deploy/prometheus/tests/e2e-overlay.yml).
#
# It takes about six minutes, most of it waiting for the rules' five-minute windows, so it is not
# part of scripts/test.sh. Prints each alert's timings, the panel-query coverage and the duration.
# Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/jdk.sh
source scripts/lib/jdk.sh

started=$(date +%s)
report=proxy/target/monitoring-e2e/report.txt
rm -f "$report"
status=0
./mvnw -B -q -pl proxy -am test -Dsurefire.excludedGroups= -Dgroups=monitoring-e2e \
  -Dtest=MonitoringEndToEndTest -Dsurefire.failIfNoSpecifiedTests=false "$@" || status=$?
if [ -f "$report" ]; then
  cat "$report"
else
  echo "No report: the test failed before the end; see proxy/target/surefire-reports/*MonitoringEndToEndTest*"
fi
echo "scripts/monitoring-test.sh took $(($(date +%s) - started)) s (Maven build included)"
exit "$status"
