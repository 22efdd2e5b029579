#!/usr/bin/env bash
# Compares this checkout's gateway with the gateway of another commit, in the same run, in front of the same
# Bedrock simulator (the bench jar's `compare` command): non-streaming latency for the small and the 50 KB body
# at 200, 500 and 1,000 requests/s, and paced streams, legs alternating with the direct route. Prints a Markdown
# section whose tables end with "this checkout less REV" (percentiles and CPU per request). About eight minutes on
# two cores, building both included; loopback only.
#
#   scripts/bench-compare.sh REV            e.g. scripts/bench-compare.sh 1c9541b
#   scripts/bench-compare.sh REV --quick    a moment of each: checks that the comparison works
#   scripts/bench-compare.sh REV --out FILE also write the section into FILE
#   scripts/bench-compare.sh REV --streams-only [--rounds N]   the paced streams alone (about a minute a run)
#   scripts/bench-compare.sh HEAD ...       the same gateway on both sides: the comparison's own noise
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/jdk.sh
source scripts/lib/jdk.sh

if [ $# -lt 1 ] || [[ "$1" == -* ]]; then
  echo "usage: scripts/bench-compare.sh REV [--quick] [--out FILE]" >&2
  exit 2
fi
rev=$(git rev-parse --short=12 "$1^{commit}")
shift

./mvnw -B -q package -DskipTests

# The baseline is built from the commit's own files, outside this work tree, with the commit's own build.
baseline=$(mktemp -d "${TMPDIR:-/tmp}/claude-bedrock-baseline-XXXXXX")
trap 'rm -rf "$baseline"' EXIT
git archive "$rev" | tar -x -C "$baseline"
(cd "$baseline" && ./mvnw -B -q -pl proxy,bedrock-sim -am package -DskipTests -Dspotless.check.skip=true)

java -Xms2g -Xmx2g -XX:+AlwaysPreTouch -jar bench/target/claude-bedrock-bench.jar compare \
  --baseline "$baseline" --baseline-name "$rev" "$@"
