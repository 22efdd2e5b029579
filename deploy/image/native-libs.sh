#!/bin/sh
# Run by the Dockerfile's builder stage: unpacks the native libraries of the gateway's jar that this platform loads
# into DIR, which the runtime image ships read-only as /app/native. At run time the JVM loads them from there
# (jvm.options: -Djava.library.path, -Dorg.sqlite.lib.path/name) instead of unpacking its own copies into /tmp and
# loading them from it, which the hardened container's noexec /tmp forbids:
#   libnetty_transport_native_epoll_<arch>.so   Netty's epoll transport; Netty looks on java.library.path before it
#                                               unpacks the copy in its jar (the jar carries x86-64's only)
#   libsqlitejdbc.so                            SQLite's JDBC driver (the governance store's one-replica engine)
# The builder runs on the runtime base's C library (glibc or musl) and architecture, so SQLite's driver, asked here,
# names the build of its library the runtime needs (Linux/x86_64, Linux-Musl/aarch64, ...).
#   native-libs.sh JAR DIR
set -eu
jar=$(readlink -f "$1")
dir=$2
mkdir -p "$dir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

case $(uname -m) in
  x86_64 | amd64) netty_arch=x86_64 ;;
  aarch64 | arm64) netty_arch=aarch_64 ;;
  *) netty_arch=$(uname -m) ;;
esac
epoll=META-INF/native/libnetty_transport_native_epoll_${netty_arch}.so
sqlite=org/sqlite/native/$(java -cp "$jar" org.sqlite.util.OSInfo)/libsqlitejdbc.so

cd "$work"
jar xf "$jar" "$epoll" "$sqlite"
if [ -f "$epoll" ]; then
  cp "$epoll" "$dir/"
else
  echo "native-libs: the jar has no epoll library for $netty_arch; the gateway will run on Java NIO" >&2
fi
if [ ! -f "$sqlite" ]; then
  echo "native-libs: the jar has no SQLite library at $sqlite" >&2
  exit 1
fi
cp "$sqlite" "$dir/libsqlitejdbc.so"
chmod 0444 "$dir"/*.so
ls -l "$dir"
