#!/usr/bin/env bash
# Scans an image for known vulnerabilities with Trivy, or Snyk when Trivy is not installed.
#
#   scripts/scan-image.sh [IMAGE]          default claude-code:latest
#
# Exits non-zero when HIGH or CRITICAL vulnerabilities with a fix are found (SEVERITY overrides
# the levels), or when neither scanner is installed.
set -euo pipefail

image=${1:-claude-code:latest}
severity=${SEVERITY:-HIGH,CRITICAL}

if command -v trivy >/dev/null 2>&1; then
  exec trivy image --exit-code 1 --ignore-unfixed --severity "$severity" "$image"
elif command -v snyk >/dev/null 2>&1; then
  threshold=$(printf '%s' "${severity%%,*}" | tr '[:upper:]' '[:lower:]')
  exec snyk container test "$image" --severity-threshold="$threshold"
fi

cat >&2 <<MESSAGE
Neither Trivy nor Snyk is installed, so $image was not scanned.
Install one of them:
  Trivy: https://aquasecurity.github.io/trivy/ (e.g. apt-get install trivy, brew install trivy)
  Snyk:  npm install -g snyk && snyk auth
then run scripts/scan-image.sh $image again.
MESSAGE
exit 2
