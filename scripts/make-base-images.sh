#!/usr/bin/env bash
# Makes the base images the Dockerfile builds on, from Debian packages alone: for machines that
# reach no container registry (air-gapped builds, this project's CI). Each image is made once and
# kept by the engine; later runs reuse it.
#
#   scripts/make-base-images.sh                   all three
#   scripts/make-base-images.sh glibc             only the named ones (jdk needs debian, made if missing)
#   scripts/make-base-images.sh --rebuild jdk     make it again
#
#   claude-code-base:debian  Debian 13 minbase (debootstrap), tini, wget           BASE_IMAGE
#   claude-code-base:jdk     claude-code-base:debian + openjdk-25-jdk-headless     JDK_IMAGE
#                            and binutils (jlink strips with them)
#   claude-code-base:glibc   glibc, libstdc++, zlib, getent, BusyBox (static) and   BASE_IMAGE
#                            tini, unpacked from their packages: no package manager,
#                            no bash; BASE=glibc scripts/build-image.sh
#
# Needs root (debootstrap, file owners), a Docker engine, and the Debian mirror
# DOCKER_DEBIAN_MIRROR (deb.debian.org, or your own) from the host and from containers.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/docker.sh
source scripts/lib/docker.sh

rebuild=false
wanted=()
for argument in "$@"; do
  case $argument in
    --rebuild) rebuild=true ;;
    debian | jdk | glibc) wanted+=("$argument") ;;
    *) echo "usage: $0 [--rebuild] [debian] [jdk] [glibc]" >&2; exit 2 ;;
  esac
done
[ "${#wanted[@]}" -gt 0 ] || wanted=(debian jdk glibc)

if [ "$(id -u)" -ne 0 ]; then
  echo "make-base-images: run as root (debootstrap and the images' file owners need it)" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

log() { printf '[bases] %s\n' "$*" >&2; }

# import ROOTFS IMAGE: the directory as a one-layer image with a PATH and a shell as its command.
import() {
  tar -C "$1" --numeric-owner -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["/bin/sh"]' - "$2" >/dev/null
  log "$2: $(size_of "$2")"
}

size_of() { docker image inspect "$1" --format '{{.Size}}' | awk '{printf "%.1f MB", $1 / 1e6}'; }

have_image() { docker image inspect "$1" >/dev/null 2>&1; }

# Debian's minimal base system plus tini and wget, without the package lists, caches,
# documentation and locales nobody in a container reads. dpkg runs with unsafe I/O (no fsync per
# file): the tree is thrown away if anything fails, and it halves the time debootstrap takes.
make_debian() {
  local rootfs="$work/debian"
  if ! command -v debootstrap >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
  fi
  mkdir -p "$rootfs/etc/dpkg/dpkg.cfg.d"
  echo force-unsafe-io >"$rootfs/etc/dpkg/dpkg.cfg.d/00-build-unsafe-io"
  debootstrap --variant=minbase --include=tini,wget "$DOCKER_DEBIAN_SUITE" "$rootfs" \
    "$DOCKER_DEBIAN_MIRROR" >"$work/debootstrap.log" 2>&1 || {
    tail -n 30 "$work/debootstrap.log" >&2
    return 1
  }
  rm -rf "$rootfs/etc/dpkg/dpkg.cfg.d/00-build-unsafe-io" "$rootfs"/var/cache/apt/archives/*.deb \
    "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* \
    "$rootfs"/usr/share/info/* "$rootfs"/usr/share/locale/* "$rootfs"/var/log/*.log
  import "$rootfs" claude-code-base:debian
}

# The JDK from Debian's packages on top of the Debian base, installed in a container; without the
# JDK's separate debug symbols, which neither Maven nor jlink needs.
make_jdk() {
  have_image claude-code-base:debian || make_debian
  DOCKER_BUILDKIT=1 docker build -q -t claude-code-base:jdk - >/dev/null <<'DOCKERFILE'
FROM claude-code-base:debian
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o Dpkg::Options::=--force-unsafe-io \
      --no-install-recommends openjdk-25-jdk-headless binutils >/dev/null \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb \
 && find /usr/lib/jvm -name "*.debuginfo" -delete \
 && java -version
DOCKERFILE
  log "claude-code-base:jdk: $(size_of claude-code-base:jdk)"
}

# The smallest base a glibc-linked Java runtime runs on: the C and C++ runtimes and zlib (the
# libraries the JDK's native code links), getent (name lookups), BusyBox as the shell and the
# health check's wget, and the static tini. Package contents are unpacked, not installed: no
# dpkg database, no maintainer scripts.
make_glibc() {
  local debs="$work/debs" rootfs="$work/glibc"
  debian_download "$debs" libc6 libgcc-s1 libstdc++6 zlib1g libc-bin busybox-static tini
  mkdir -p "$rootfs"/usr/{bin,sbin,lib,lib64} "$rootfs"/{etc,tmp,root,app} "$work/libc-bin"
  for dir in bin sbin lib lib64; do ln -s "usr/$dir" "$rootfs/$dir"; done
  for deb in "$debs"/*.deb; do
    case $deb in
      */libc-bin_*) dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$work/libc-bin" ;;
      *) dpkg-deb --fsys-tarfile "$deb" | tar -x --keep-directory-symlink -C "$rootfs" ;;
    esac
  done
  cp "$work/libc-bin/usr/bin/getent" "$rootfs/usr/bin/getent"
  mv "$rootfs/usr/bin/tini-static" "$rootfs/usr/bin/tini"
  rm -f "$rootfs/usr/bin/tini-static.*"
  rm -rf "$rootfs"/usr/share/{doc,man,lintian,locale,bug} "$rootfs"/usr/lib/x86_64-linux-gnu/gconv \
    "$rootfs"/usr/lib/*/gconv "$rootfs/usr/share/gcc" "$rootfs"/usr/lib/*-linux-gnu/libstdc++.so.6.*-gdb.py
  # BusyBox applets as links, where no file of the same name exists.
  "$rootfs/usr/bin/busybox" --list-full | while read -r applet; do
    [ "$applet" = linuxrc ] || [ -e "$rootfs/$applet" ] || [ -L "$rootfs/$applet" ] || ln -s /usr/bin/busybox "$rootfs/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n' \
    >"$rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
  printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$rootfs/etc/nsswitch.conf"
  chmod 1777 "$rootfs/tmp"
  import "$rootfs" claude-code-base:glibc
}

for base in "${wanted[@]}"; do
  if ! $rebuild && have_image "claude-code-base:$base"; then
    log "claude-code-base:$base exists (--rebuild makes it again)"
    continue
  fi
  started=$(date +%s)
  log "making claude-code-base:$base from Debian $DOCKER_DEBIAN_SUITE packages"
  "make_$base"
  log "claude-code-base:$base made in $(($(date +%s) - started)) s"
done
