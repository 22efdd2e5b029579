#!/usr/bin/env bash
# Builds the claude-code image (or, with --target bedrock-sim, the simulator's) with its OCI labels
# (BUILD_DATE, VCS_REF, VERSION) and BuildKit, then prints its size.
#
#   scripts/build-image.sh                                   claude-code:latest on the Dockerfile's bases (Alpine)
#   scripts/build-image.sh myregistry/claude-code:1.0.0      another tag
#   scripts/build-image.sh claude-code-bedrock-sim:latest --target bedrock-sim      the simulator
#   BASE=glibc scripts/build-image.sh                        on bases made from Debian packages, no registry
#                                                            needed (BASE=debian: the Debian minbase)
#   CA_CERTIFICATES=corp-ca.pem scripts/build-image.sh       trust a TLS-inspecting proxy while building
#   MAVEN_SETTINGS=~/.m2/settings.xml scripts/build-image.sh           a Maven mirror and its credentials
#   PLATFORMS=linux/amd64,linux/arm64 scripts/build-image.sh myregistry/claude-code:1.0.0 --push
#                                                            several architectures with docker buildx
#
# BASE=glibc|debian uses claude-code-base:jdk and claude-code-base:<BASE>, made first by
# scripts/make-base-images.sh when missing (as root). JDK_IMAGE and BASE_IMAGE, when set, name any
# other pair. CA_CERTIFICATES and MAVEN_SETTINGS are BuildKit secrets: used by the build, kept out
# of every layer. VERSION defaults to the project version in pom.xml. Further arguments go to
# docker build.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v docker >/dev/null 2>&1; then
  echo "docker is not installed: building the image needs Docker 20.10+ with BuildKit." >&2
  exit 1
fi

tag="claude-code:latest"
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
  tag=$1
  shift
fi

case ${BASE:-} in
  "") ;;
  glibc | debian)
    if ! docker image inspect claude-code-base:jdk "claude-code-base:$BASE" >/dev/null 2>&1; then
      scripts/make-base-images.sh jdk "$BASE"
    fi
    JDK_IMAGE=${JDK_IMAGE:-claude-code-base:jdk}
    BASE_IMAGE=${BASE_IMAGE:-claude-code-base:$BASE}
    ;;
  *) echo "BASE must be glibc or debian (or unset for the Dockerfile's own bases)" >&2; exit 2 ;;
esac

version=${VERSION:-$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)}
build_args=(
  --build-arg "BUILD_DATE=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  --build-arg "VCS_REF=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  --build-arg "VERSION=${version:-unknown}"
  --tag "$tag"
)
[ -z "${JDK_IMAGE:-}" ] || build_args+=(--build-arg "JDK_IMAGE=$JDK_IMAGE")
[ -z "${BASE_IMAGE:-}" ] || build_args+=(--build-arg "BASE_IMAGE=$BASE_IMAGE")
[ -z "${CA_CERTIFICATES:-}" ] || build_args+=(--secret "id=ca-certificates,src=$CA_CERTIFICATES")
[ -z "${MAVEN_SETTINGS:-}" ] || build_args+=(--secret "id=maven-settings,src=$MAVEN_SETTINGS")

started=$(date +%s)
if [ -n "${PLATFORMS:-}" ]; then
  if ! docker buildx version >/dev/null 2>&1; then
    echo "PLATFORMS needs docker buildx (Debian: docker-buildx; scripts/lib/docker.sh installs it)." >&2
    exit 1
  fi
  # A multi-platform result cannot be loaded into the local image store: add --push (or
  # --output type=oci,dest=claude-code.tar). Building for several platforms needs a builder of
  # the docker-container driver (docker buildx create --use) and QEMU for the foreign ones.
  (set -x && docker buildx build --platform "$PLATFORMS" "${build_args[@]}" "$@" .)
else
  (set -x && DOCKER_BUILDKIT=1 docker build "${build_args[@]}" "$@" .)
fi
if docker image inspect "$tag" >/dev/null 2>&1; then
  printf 'build-image: %s, %s MB, built in %s s\n' "$tag" \
    "$(docker image inspect "$tag" --format '{{.Size}}' | awk '{printf "%.1f", $1 / 1e6}')" "$(($(date +%s) - started))"
fi
