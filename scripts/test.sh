#!/usr/bin/env bash
# Runs the whole test suite: unit and end-to-end tests of every module (./mvnw verify).
# Picks a JDK >= 21 when the default one is older. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/jdk.sh
source scripts/lib/jdk.sh
if ! docker compose version >/dev/null 2>&1; then
  echo "NOTICE: Docker Compose v2 is not installed: the compose files' 'docker compose config' checks are" \
    "skipped (.ci/run installs it and requires them)." >&2
fi
exec ./mvnw -B verify "$@"
