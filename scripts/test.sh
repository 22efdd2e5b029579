#!/usr/bin/env bash
# Runs the whole test suite: unit and end-to-end tests of every module (./mvnw verify).
# Picks a JDK >= 21 when the default one is older. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/jdk.sh
source scripts/lib/jdk.sh
exec ./mvnw -B verify "$@"
