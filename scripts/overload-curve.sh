#!/usr/bin/env bash
# Measures the gateway's overload curve on loopback and prints it as a Markdown table (docs/reliability.md,
# "Overload"): a gateway of known capacity (admission.max_in_flight places over a Bedrock simulator answering in a
# fixed time) under open-loop load at 0.5x, 1x and 2x that capacity, then 0.5x again. Each leg: the admitted
# requests' p50/p99, the share refused with 529, how often /health/ready said 503; then how long readiness took to
# come back. About three minutes on two cores, building included; bounded in time and count.
#
#   scripts/overload-curve.sh           the published figures
#   scripts/overload-curve.sh --quick   a few seconds: checks that the curve can be measured
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/jdk.sh
source scripts/lib/jdk.sh

./mvnw -B -q package -DskipTests
exec java -Xms512m -Xmx512m -jar bench/target/claude-bedrock-bench.jar overload "$@"
