# claude-bedrock-proxy container image.
#
#   docker build -t claude-code .                          the gateway (the last stage, "runtime")
#   docker build --target bedrock-sim -t bedrock-sim .     the Bedrock simulator, for offline use
#   scripts/build-image.sh                                 the gateway with BUILD_DATE, VCS_REF and VERSION set
#
# Stages: builder (JDK 25 + Maven Wrapper: both jars) -> jlink (a Java runtime with only the
# modules the jars use) -> runtime (Alpine, tini, the runtime, the jar, user claude-code 1001).
# Size accounting and hardening notes: docs/deployment.md.

ARG JDK_IMAGE=eclipse-temurin:25-jdk-alpine-3.22
ARG BASE_IMAGE=alpine:3.22

# ---------------------------------------------------------------------------------------------
# builder: dependencies first (a layer that changes only with the POMs), then the sources.
# ---------------------------------------------------------------------------------------------
FROM ${JDK_IMAGE} AS builder
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY bedrock-sim/pom.xml bedrock-sim/pom.xml
COPY proxy/pom.xml proxy/pom.xml
RUN ./mvnw -B -q dependency:go-offline
COPY bedrock-sim/src/ bedrock-sim/src/
COPY proxy/src/ proxy/src/
# Tests run in CI (scripts/test.sh), not in the image build.
RUN ./mvnw -B -q -o package -DskipTests \
 && cp proxy/target/claude-bedrock-proxy.jar bedrock-sim/target/bedrock-sim.jar /build/

# ---------------------------------------------------------------------------------------------
# jlink: a runtime with the modules the jars need (checked by scripts/check-runtime.sh, which
# runs both jars on a runtime linked from this list). jdeps also names java.desktop, java.sql,
# jdk.jfr, java.compiler and java.security.jgss: optional code paths the gateway never takes.
#   java.naming      TLS host-name checks (LdapName), DNS       jdk.unsupported  sun.misc.Signal, Netty
#   java.management, jdk.management   JVM and process metrics     jdk.net          socket options
#   java.net.http    the doctor subcommand                      jdk.crypto.ec    EC TLS key exchange
# ---------------------------------------------------------------------------------------------
FROM ${JDK_IMAGE} AS jlink
ARG JLINK_MODULES=java.base,java.logging,java.xml,java.naming,java.management,jdk.management,jdk.unsupported,jdk.net,java.net.http,jdk.crypto.ec
RUN jlink --add-modules "${JLINK_MODULES}" \
      --strip-debug --no-man-pages --no-header-files --compress=zip-6 \
      --output /opt/java \
 && find /opt/java -name '*.so' -exec strip --strip-unneeded {} + \
 && /opt/java/bin/java --list-modules

# ---------------------------------------------------------------------------------------------
# base: what both images share: tini as PID 1, the runtime, the user, the JVM options.
# ---------------------------------------------------------------------------------------------
FROM ${BASE_IMAGE} AS base
RUN apk add --no-cache tini bash \
 && addgroup -S -g 1001 claude-code \
 && adduser -S -D -H -u 1001 -G claude-code -h /app -s /sbin/nologin claude-code \
 && mkdir -p /app/.claude /app/logs \
 && chown claude-code:claude-code /app/logs
COPY --from=jlink /opt/java /opt/java
ENV JAVA_HOME=/opt/java \
    PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8
# Container-aware JVM options (java @/app/jvm.options): the heap follows the container's memory
# limit and leaves 40 % for direct buffers, metaspace and threads; a heap OOM ends the process so
# the orchestrator restarts it; G1 keeps pauses short without a full stop-the-world collection of
# the old generation, so streams never stall for long; nothing is written outside /tmp.
RUN printf '%s\n' \
      '-XX:+UseG1GC' \
      '-XX:MaxRAMPercentage=60' \
      '-XX:+ExitOnOutOfMemoryError' \
      '-XX:-UsePerfData' \
      '-XX:ErrorFile=/tmp/hs_err_pid%p.log' \
      '-Djava.io.tmpdir=/tmp' \
      > /app/jvm.options
WORKDIR /app

# ---------------------------------------------------------------------------------------------
# bedrock-sim: the Bedrock simulator (docker-compose.yml, profile "offline"). Test credentials only.
# ---------------------------------------------------------------------------------------------
FROM base AS bedrock-sim
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
# Optional AOT cache (JDK 25): --build-arg AOT_CACHE=true starts the gateway once here, records the
# classes it loads and links, and makes every later start use them: start to ready drops from about
# 1 s to 0.4 s (docs/benchmarks.md), for about 44 MB more image, which is over the 120 MB budget,
# so it is not the default. The training run needs no AWS access: the keys below are never used.
ARG AOT_CACHE=false
RUN if [ "${AOT_CACHE}" = "true" ]; then \
      env AWS_ACCESS_KEY_ID=AKIDAOTTRAINING AWS_SECRET_ACCESS_KEY=aot-training-only AWS_REGION=us-east-1 PORT=3999 \
        timeout -s TERM 8 java @/app/jvm.options -XX:AOTCacheOutput=/app/claude-bedrock-proxy.aot \
        -jar /app/claude-bedrock-proxy.jar serve > /dev/null; \
      test -s /app/claude-bedrock-proxy.aot \
      && echo '-XX:AOTCache=/app/claude-bedrock-proxy.aot' >> /app/jvm.options; \
    fi
USER 1001:1001
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
  CMD wget -q -O /dev/null "http://127.0.0.1:${PORT:-3000}/health/live" || exit 1
ENTRYPOINT ["/sbin/tini", "--", "java", "@/app/jvm.options", "-jar", "/app/claude-bedrock-proxy.jar"]
CMD ["serve"]
