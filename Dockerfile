# claude-bedrock-proxy container images.
#
#   docker build -t claude-code .                                    the gateway (the last stage, "runtime")
#   docker build --target bedrock-sim -t claude-code-bedrock-sim .   the Bedrock simulator, for offline use
#   scripts/build-image.sh                                           both, with the OCI labels set
#
# Stages: builder (a JDK and the Maven Wrapper: both jars) -> jlink (a Java runtime with only the
# modules the jars use) -> base (BASE_IMAGE, tini, the runtime, user claude-code 1001) -> the images.
# Any JDK image builds and any Linux base with a shell runs it, as long as the two share a C library:
#   Alpine (default)  JDK_IMAGE=eclipse-temurin:25-jdk-alpine-3.22  BASE_IMAGE=alpine:3.22
#   Debian, Ubuntu    JDK_IMAGE=eclipse-temurin:25-jdk              BASE_IMAGE=debian:trixie-slim
#   no registry       JDK_IMAGE=claude-code-base:jdk   BASE_IMAGE=claude-code-base:glibc (or :debian),
#                     made from Debian packages by scripts/make-base-images.sh
# Build secrets, never written to a layer: "ca-certificates" (PEM authorities of a TLS-inspecting
# proxy or a private repository) and "maven-settings" (a settings.xml: mirror, credentials).
# Maven's repository is a build cache mount, kept between builds.
# Air-gapped builds, sizes and hardening notes: docs/deployment.md.

ARG JDK_IMAGE=eclipse-temurin:25-jdk-alpine-3.22
ARG BASE_IMAGE=alpine:3.22

# ---------------------------------------------------------------------------------------------
# builder: dependencies first (a step that reruns only when a POM changes), then the sources.
# ---------------------------------------------------------------------------------------------
FROM ${JDK_IMAGE} AS builder
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY deploy/image/ deploy/image/
COPY bedrock-sim/pom.xml bedrock-sim/pom.xml
COPY proxy/pom.xml proxy/pom.xml
RUN --mount=type=cache,id=claude-code-m2,target=/root/.m2,sharing=locked \
    --mount=type=secret,id=ca-certificates --mount=type=secret,id=maven-settings \
    . deploy/image/build-env.sh && ./mvnw -B -q dependency:go-offline
COPY bedrock-sim/src/ bedrock-sim/src/
COPY proxy/src/ proxy/src/
# Tests run in CI (scripts/test.sh), not in the image build. -Pcontainer: the gateway's jar without SQLite's native
# libraries for platforms other than Linux x86-64 and ARM64 (proxy/pom.xml).
RUN --mount=type=cache,id=claude-code-m2,target=/root/.m2,sharing=locked \
    --mount=type=secret,id=ca-certificates --mount=type=secret,id=maven-settings \
    . deploy/image/build-env.sh && ./mvnw -B -q package -DskipTests -Pcontainer \
 && cp proxy/target/claude-bedrock-proxy.jar bedrock-sim/target/bedrock-sim.jar /build/
# The native libraries the gateway loads on this platform (Netty's epoll transport, SQLite's driver), unpacked from its
# jar now for the runtime's read-only /app/native: at run time nothing is unpacked into /tmp and loaded from there,
# which the hardened container's noexec /tmp would refuse (deploy/image/native-libs.sh, docs/deployment.md).
RUN sh deploy/image/native-libs.sh /build/claude-bedrock-proxy.jar /build/native

# ---------------------------------------------------------------------------------------------
# jlink: a runtime with the modules the jars need (JlinkedRuntimeTest runs both jars on a runtime
# linked from this list). jdeps also names java.desktop, jdk.jfr, java.compiler and
# java.security.jgss: optional code paths the gateway never takes.
#   java.sql         JDBC: the governance store (SQLite, Postgres) and its pool
#   java.naming      TLS host-name checks (LdapName), DNS       jdk.unsupported  sun.misc.Signal, Netty
#   java.management, jdk.management   JVM and process metrics     jdk.net          socket options
#   java.net.http    the doctor subcommand                      jdk.crypto.ec    EC TLS key exchange
# Linked to /opt/jre: the JDK image's own JAVA_HOME may be /opt/java (Temurin: /opt/java/openjdk).
# The runtime trusts the certificate authorities of the JDK it was linked from.
# ---------------------------------------------------------------------------------------------
FROM ${JDK_IMAGE} AS jlink
ARG JLINK_MODULES=java.base,java.logging,java.xml,java.sql,java.naming,java.management,jdk.management,jdk.unsupported,jdk.net,java.net.http,jdk.crypto.ec
RUN java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")") \
 && jlink --add-modules "${JLINK_MODULES}" \
      --strip-debug --no-man-pages --no-header-files --compress=zip-6 --exclude-files='**.debuginfo' \
      --output /opt/jre \
 && rm -f /opt/jre/lib/security/cacerts \
 && cp -L "${java_home}/lib/security/cacerts" /opt/jre/lib/security/cacerts \
 && if command -v strip >/dev/null; then find /opt/jre -name '*.so' -exec strip --strip-unneeded {} +; fi \
 && /opt/jre/bin/java --list-modules

# ---------------------------------------------------------------------------------------------
# base: what both images share. tini (PID 1) and a wget (the health check) come from the base's
# package manager (apk, apt-get) or are in the base already (claude-code-base:glibc has BusyBox);
# the user is written to /etc/passwd directly, so no user-management tool is needed.
# ---------------------------------------------------------------------------------------------
FROM ${BASE_IMAGE} AS base
RUN set -eu; \
    if command -v apk >/dev/null 2>&1; then \
      apk add --no-cache tini; \
    elif command -v apt-get >/dev/null 2>&1 && ! { command -v tini && command -v wget; } >/dev/null 2>&1; then \
      apt-get update -qq; \
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends tini wget; \
      rm -rf /var/lib/apt/lists/*; \
    fi; \
    [ -e /sbin/tini ] || ln -s "$(command -v tini)" /sbin/tini; \
    /sbin/tini --version; \
    command -v wget >/dev/null || { echo "BASE_IMAGE has no wget for the health check" >&2; exit 1; }; \
    echo 'claude-code:x:1001:' >> /etc/group; \
    echo 'claude-code:x:1001:1001:claude-code:/app:/sbin/nologin' >> /etc/passwd; \
    mkdir -p /app/.claude /app/logs /app/data; \
    chown 1001:1001 /app/logs /app/data
COPY --from=jlink /opt/jre /opt/java
ENV JAVA_HOME=/opt/java \
    PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8
# Container-aware JVM options (java @/app/jvm.options), one per line:
#   -XX:+UseG1GC                 short pauses, no whole-heap stop-the-world: streams never stall for long
#   -XX:MaxRAMPercentage=60      the heap follows the memory limit; 40 % left for direct buffers, metaspace, threads
#   -XX:G1PeriodicGCInterval=15000  an idle heap is collected every 15 s and what it no longer needs given
#                                back to the system: RSS comes down after a load peak (docs/reliability.md)
#   -XX:TrimNativeHeapInterval=2000  every 2 s glibc's malloc gives back what the JVM freed (the JIT compilers'
#                                arenas, mostly): 13 MB less resident when idle (docs/deployment.md). musl
#                                (Alpine) cannot trim and needs no trimming; -Xlog:trimnative=off keeps the JVM's
#                                warning that says so out of the JSON log
#   -XX:+ExitOnOutOfMemoryError  a heap OOM ends the process so the orchestrator restarts it
#   -XX:-UsePerfData, ErrorFile, tmpdir   nothing written outside /tmp (read-only root)
# Then the runtime is tried once on this base: a base missing a library fails here, not at start.
RUN printf '%s\n' \
      '-XX:+UseG1GC' \
      '-XX:MaxRAMPercentage=60' \
      '-XX:G1PeriodicGCInterval=15000' \
      '-XX:TrimNativeHeapInterval=2000' \
      '-Xlog:trimnative=off' \
      '-XX:+ExitOnOutOfMemoryError' \
      '-XX:-UsePerfData' \
      '-XX:ErrorFile=/tmp/hs_err_pid%p.log' \
      '-Djava.io.tmpdir=/tmp' \
      > /app/jvm.options \
 && java @/app/jvm.options -version
WORKDIR /app

# ---------------------------------------------------------------------------------------------
# bedrock-sim: the Bedrock simulator (docker-compose.yml, profile "offline"). Test credentials only.
# ---------------------------------------------------------------------------------------------
FROM base AS bedrock-sim
ARG BUILD_DATE=unknown
ARG VCS_REF=unknown
ARG VERSION=0.1.0-SNAPSHOT
LABEL org.opencontainers.image.title="claude-code-bedrock-sim" \
      org.opencontainers.image.description="claude-bedrock-proxy's offline Bedrock Runtime simulator (test credentials only)" \
      org.opencontainers.image.created="${BUILD_DATE}" \
      org.opencontainers.image.revision="${VCS_REF}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="Apache-2.0"
COPY --from=builder /build/bedrock-sim.jar /app/bedrock-sim.jar
USER 1001:1001
EXPOSE 9100
HEALTHCHECK --interval=10s --timeout=5s --retries=3 \
  CMD wget -q -O /dev/null http://127.0.0.1:9100/_sim/health || exit 1
ENTRYPOINT ["/sbin/tini", "--", "java", "@/app/jvm.options", "-jar", "/app/bedrock-sim.jar"]
CMD ["--port", "9100", "--host", "0.0.0.0", "--control-api"]

# ---------------------------------------------------------------------------------------------
# runtime: the gateway (the default target).
# ---------------------------------------------------------------------------------------------
FROM base AS runtime
ARG BUILD_DATE=unknown
ARG VCS_REF=unknown
ARG VERSION=0.1.0-SNAPSHOT
LABEL org.opencontainers.image.title="claude-code" \
      org.opencontainers.image.description="claude-bedrock-proxy: the Anthropic Messages API on AWS Bedrock" \
      org.opencontainers.image.created="${BUILD_DATE}" \
      org.opencontainers.image.revision="${VCS_REF}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="Apache-2.0"
COPY --from=builder /build/claude-bedrock-proxy.jar /app/claude-bedrock-proxy.jar
COPY .claude/bedrock.config.yaml /app/.claude/bedrock.config.yaml
# The native libraries unpacked by the builder, read-only, and the JVM pointed at them: Netty finds epoll's on
# java.library.path before it would unpack its own copy, SQLite's driver loads the file org.sqlite.lib.path/name name.
# Before the AOT training below, so that the cache is made with the options every start uses.
COPY --from=builder /build/native/ /app/native/
RUN printf '%s\n' \
      '-Djava.library.path=/app/native' \
      '-Dorg.sqlite.lib.path=/app/native' \
      '-Dorg.sqlite.lib.name=libsqlitejdbc.so' \
      >> /app/jvm.options
# The AOT cache (JDK 25, JEP 483/514): the build starts the gateway once as the image starts it, until it is ready
# and has answered one request (deploy/image/aot-train.sh; no AWS access: its upstream is a closed local port), and
# the JVM records the classes it loaded and linked and the methods' profiles; every later start maps them instead of
# loading them again: start to ready about 0.4 s instead of 1 s or more (docs/deployment.md). The cache belongs to
# this runtime and jar; if it ever did not match, the JVM would start without it. --build-arg AOT_CACHE=false leaves
# it out (20-odd MB less).
ARG AOT_CACHE=true
RUN --mount=type=bind,source=deploy/image/aot-train.sh,target=/tmp/aot-train.sh \
    if [ "${AOT_CACHE}" = "true" ]; then \
      sh /tmp/aot-train.sh /app/claude-bedrock-proxy.aot \
      && echo '-XX:AOTCache=/app/claude-bedrock-proxy.aot' >> /app/jvm.options; \
    fi
USER 1001:1001
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
  CMD wget -q -O /dev/null "http://127.0.0.1:${PORT:-3000}/health/live" || exit 1
ENTRYPOINT ["/sbin/tini", "--", "java", "@/app/jvm.options", "-jar", "/app/claude-bedrock-proxy.jar"]
CMD ["serve"]
