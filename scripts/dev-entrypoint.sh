#!/bin/sh
# Entry point of the claude-code service in docker-compose.yml (development only; the image's own
# entry point runs the same java command). When the "offline" profile runs the Bedrock simulator
# beside the gateway (service bedrock-sim), the gateway calls it with the simulator's test
# credentials; otherwise it calls AWS as configured. JAVA_OPTS adds JVM options. Arguments go to
# the jar:
#   docker compose exec claude-code /app/scripts/dev-entrypoint.sh doctor
# Everything it prints is a JSON line, like the gateway's own log.
set -eu

if [ -z "${BEDROCK_ENDPOINT:-}" ] && getent hosts bedrock-sim >/dev/null 2>&1; then
  export BEDROCK_ENDPOINT=http://bedrock-sim:9100
  export BEDROCK_CONTROL_PLANE_ENDPOINT=http://bedrock-sim:9100
  export AWS_ENDPOINT_URL_STS=http://bedrock-sim:9100
  export AWS_REGION=us-east-1
  export AWS_ACCESS_KEY_ID=AKIDSIMULATOREXAMPLE
  export AWS_SECRET_ACCESS_KEY=sim-secret-access-key-example
  unset AWS_SESSION_TOKEN AWS_PROFILE AWS_BEARER_TOKEN_BEDROCK
  printf '{"timestamp":"%s","level":"info","service":"claude-code","message":"%s","logger":"dev-entrypoint"}\n' \
    "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "Offline profile: the gateway calls the Bedrock simulator at $BEDROCK_ENDPOINT"
fi

# JAVA_OPTS is split into words on purpose: one option per word.
# shellcheck disable=SC2086
exec java @/app/jvm.options ${JAVA_OPTS:-} -jar /app/claude-bedrock-proxy.jar "$@"
