#!/usr/bin/env bash
# Builds the claude-code image with its OCI labels (BUILD_DATE, VCS_REF, VERSION).
#
#   scripts/build-image.sh                                   claude-code:latest for this machine
#   scripts/build-image.sh myregistry/claude-code:1.0.0      another tag
#   scripts/build-image.sh claude-code-bedrock-sim --target bedrock-sim     the simulator image
#   PLATFORMS=linux/amd64,linux/arm64 scripts/build-image.sh myregistry/claude-code:1.0.0 --push
#                                                            both architectures with docker buildx
# VERSION defaults to the project version in pom.xml. Further arguments go to docker build.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v docker >/dev/null 2>&1; then
  echo "docker is not installed: building the image needs Docker 24+ (or a compatible builder)." >&2
  exit 1
fi

tag="claude-code:latest"
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
  tag=$1
  shift
fi
version=${VERSION:-$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)}
build_args=(
  --build-arg "BUILD_DATE=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  --build-arg "VCS_REF=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  --build-arg "VERSION=${version:-unknown}"
  --tag "$tag"
)

if [ -n "${PLATFORMS:-}" ]; then
  # A multi-platform result cannot be loaded into the local image store: add --push (or
  # --output type=oci,dest=claude-code.tar).
  set -x
  docker buildx build --platform "$PLATFORMS" "${build_args[@]}" "$@" .
else
  set -x
  DOCKER_BUILDKIT=1 docker build "${build_args[@]}" "$@" .
fi
