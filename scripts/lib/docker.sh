#!/usr/bin/env bash
# Docker for the project's scripts (scripts/container-test.sh, scripts/build-image.sh,
# scripts/make-base-images.sh): the engine, the Compose and Buildx plugins, and the Debian package
# lists they come from. Source it, then call the functions; nothing runs on sourcing.
#
#   docker_install_tools     docker.io, Compose v2 and Buildx from Debian packages when missing
#   docker_engine_start      reuses a running engine, or starts dockerd (overlay2) and waits for it
#   docker_engine_stop       stops the engine only if docker_engine_start started it
#   debian_download DIR PKG  fetches Debian packages (.deb) of DOCKER_DEBIAN_SUITE into DIR
#
# Compose v2 and Buildx are not in Debian 12 (bookworm): they are taken from Debian 13 (trixie),
# whose packages are static Go binaries that need nothing newer than bookworm's libc. The trixie
# package lists live in a private apt state directory, so the machine's own apt sources are
# never changed.

DOCKER_DEBIAN_SUITE=${DOCKER_DEBIAN_SUITE:-trixie}
DOCKER_DEBIAN_MIRROR=${DOCKER_DEBIAN_MIRROR:-http://deb.debian.org/debian}
DOCKER_WORK=${DOCKER_WORK:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/claude-code-docker}
DOCKER_ENGINE_STARTED=""

docker_log() { printf '[docker] %s\n' "$*" >&2; }

docker_sudo() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# apt with a private state directory holding only the Debian suite $DOCKER_DEBIAN_SUITE.
debian_apt() {
  local tool=$1
  shift
  local state="$DOCKER_WORK/apt-$DOCKER_DEBIAN_SUITE"
  "$tool" -o Dir::Etc::SourceList="$state/sources.list" -o Dir::Etc::SourceParts=/dev/null \
    -o Dir::State::Lists="$state/lists" -o Dir::Cache="$state/cache" \
    -o APT::Sandbox::User=root -q "$@"
}

# debian_download DIR PACKAGE...: the named packages' .deb files (no dependencies) into DIR.
debian_download() {
  local dir=$1
  shift
  local state="$DOCKER_WORK/apt-$DOCKER_DEBIAN_SUITE"
  mkdir -p "$state/lists/partial" "$state/cache/archives/partial" "$dir"
  printf 'deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] %s %s main\n' \
    "$DOCKER_DEBIAN_MIRROR" "$DOCKER_DEBIAN_SUITE" >"$state/sources.list"
  # The lists are refreshed at most once an hour.
  if [ -z "$(find "$state/lists" -maxdepth 1 -name '*_Packages' -mmin -60 2>/dev/null)" ]; then
    debian_apt apt-get update >/dev/null
  fi
  (cd "$dir" && debian_apt apt-get download "$@" >/dev/null)
}

# docker_install_tools: dockerd (docker.io), Compose v2 and Buildx, each only when missing.
docker_install_tools() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  command -v iptables >/dev/null 2>&1 || missing+=(iptables)
  if [ "${#missing[@]}" -gt 0 ]; then
    docker_log "installing ${missing[*]} (Debian packages)"
    docker_sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive docker_sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  local plugins=()
  docker compose version >/dev/null 2>&1 || plugins+=(docker-compose)
  docker buildx version >/dev/null 2>&1 || plugins+=(docker-buildx)
  if [ "${#plugins[@]}" -gt 0 ]; then
    docker_log "installing ${plugins[*]} from Debian $DOCKER_DEBIAN_SUITE"
    local debs="$DOCKER_WORK/plugins"
    rm -rf "$debs"
    debian_download "$debs" "${plugins[@]}"
    docker_sudo dpkg -i "$debs"/*.deb >/dev/null
  fi
}

# docker_engine_start: uses the engine that answers, or starts dockerd and waits until it answers.
docker_engine_start() {
  if docker info >/dev/null 2>&1; then
    docker_log "using the running Docker engine ($(docker version --format '{{.Server.Version}}'))"
    return 0
  fi
  mkdir -p "$DOCKER_WORK"
  docker_log "starting dockerd (log: $DOCKER_WORK/dockerd.log)"
  local dockerd=(dockerd --storage-driver=overlay2)
  [ "$(id -u)" -eq 0 ] || dockerd=(sudo "${dockerd[@]}")
  "${dockerd[@]}" >"$DOCKER_WORK/dockerd.log" 2>&1 &
  DOCKER_ENGINE_STARTED=$!
  local waited=0
  until docker info >/dev/null 2>&1; do
    if ! kill -0 "$DOCKER_ENGINE_STARTED" 2>/dev/null || [ "$waited" -ge 60 ]; then
      docker_log "dockerd did not start:"
      tail -n 20 "$DOCKER_WORK/dockerd.log" >&2
      DOCKER_ENGINE_STARTED=""
      return 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
  docker_log "dockerd $(docker version --format '{{.Server.Version}}') ready after ${waited} s"
}

# docker_engine_stop: stops dockerd if docker_engine_start started it (its containers stop with it).
docker_engine_stop() {
  if [ -n "$DOCKER_ENGINE_STARTED" ]; then
    docker_log "stopping the dockerd this script started"
    docker_sudo kill -TERM "$DOCKER_ENGINE_STARTED" 2>/dev/null || true
    local waited=0
    while kill -0 "$DOCKER_ENGINE_STARTED" 2>/dev/null && [ "$waited" -lt 30 ]; do
      sleep 1
      waited=$((waited + 1))
    done
    DOCKER_ENGINE_STARTED=""
  fi
}
