#!/bin/sh
# Entry point of the claude-code service in docker-compose.yml (development only; the image's own
# entry point runs the same java command). When the "offline" profile runs the Bedrock simulator
# beside the gateway (service bedrock-sim), the gateway calls it with the simulator's test
# credentials; otherwise it calls AWS as configured. Arguments go to the jar:
#   docker compose exec claude-code /app/scripts/dev-entrypoint.sh doctor
set -eu

if [ -z "${BEDROCK_ENDPOINT:-}" ] && getent hosts bedrock-sim >/dev/null 2>&1; then
  export BEDROCK_ENDPOINT=http://bedrock-sim:9100
  export BEDROCK_CONTROL_PLANE_ENDPOINT=http://bedrock-sim:9100
  export AWS_ENDPOINT_URL_STS=http://bedrock-sim:9100
  export AWS_REGION=us-east-1
  export AWS_ACCESS_KEY_ID=AKIDSIMULATOREXAMPLE
  export AWS_SECRET_ACCESS_KEY=sim-secret-access-key-example
  unset AWS_SESSION_TOKEN AWS_PROFILE AWS_BEARER_TOKEN_BEDROCK
  echo "Offline profile: the gateway calls the Bedrock simulator at $BEDROCK_ENDPOINT" >&2
fi

exec java @/app/jvm.options -jar /app/claude-bedrock-proxy.jar "$@"
