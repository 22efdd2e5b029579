#!/usr/bin/env bash
# Runs the benchmark suite: the gateway against the Bedrock simulator reached directly and through nginx,
# in the same run, and writes docs/benchmarks.md with docs/benchmarks-latency.svg and docs/benchmarks.json.
# About 25 minutes on two cores, building included.
#
#   scripts/bench.sh               the full suite (the published figures)
#   scripts/bench.sh --quick       every scenario for a moment: checks that the suite works (the page says so)
#   scripts/bench.sh --out DIR     write the report into DIR instead of docs/
#
# Needs a JDK >= 21 (25 for the AOT start-up line) and, for the baseline column, nginx
# (apt-get install nginx-light). To load your own deployment instead:
#   java -jar bench/target/claude-bedrock-bench.jar load --url https://gateway.example --token "$TOKEN"
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/jdk.sh
source scripts/lib/jdk.sh

./mvnw -B -q package -DskipTests

if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  echo "nginx is not installed, so the page will lack the baseline column: apt-get install nginx-light" >&2
fi

# 10,000 concurrent streams hold 10,000 sockets in the load generator and as many in the gateway.
ulimit -n "$(ulimit -Hn)"
open_files=$(ulimit -n)
if [ "$open_files" != unlimited ] && [ "$open_files" -lt 12000 ]; then
  echo "Only $open_files open files per process are allowed: the 10,000-stream scenario will fail" >&2
fi

# A fixed, pre-touched heap: the load generator's own pauses and heap growth stay out of the figures.
exec java -Xms2g -Xmx2g -XX:+AlwaysPreTouch -jar bench/target/claude-bedrock-bench.jar suite "$@"
