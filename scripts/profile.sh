#!/usr/bin/env bash
# Profiles the gateway against the Bedrock simulator on loopback: per scenario (small, claude-code: the 50 KB
# Claude Code-shaped body, stream), the gateway's CPU µs and allocated bytes per request, and where the CPU samples
# and the allocations fell (JFR). Bounded: a fixed number of requests per scenario, a minute or two on two cores.
# CPU time and bytes per request come from the gateway process's own counters, so they stay comparable while other
# work shares the machine (latency does not; see docs/profiles.md).
#
#   scripts/profile.sh                         small, claude-code and stream
#   scripts/profile.sh claude-code             one scenario (small, claude-code, stream, 5kb, 500kb, 2mb)
#   scripts/profile.sh sizes                   the size-scaling table: 5kb, claude-code, 500kb, 2mb
#   scripts/profile.sh claude-code --requests 2000 --top 25
#   scripts/profile.sh stream --paced --rate 100   streams paced by the simulator as the suite's are (per event)
#
# The recordings (.jfr, for JDK Mission Control or `jfr print`) and folded stacks (for flamegraph.pl or speedscope)
# go into target/profiles.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/jdk.sh
source scripts/lib/jdk.sh

scenario=all
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then
  scenario=$1
  shift
fi

./mvnw -B -q package -DskipTests
exec java -Xms1g -Xmx1g -jar bench/target/claude-bedrock-bench.jar profile --scenario "$scenario" "$@"
