# Sourced (". deploy/image/build-env.sh") by the Dockerfile's Maven steps, in the same RUN:
# uses the build secrets when they were given, and leaves nothing of them in the layer.
#   ca-certificates  PEM certificate authorities to trust besides the JDK's own (a TLS-inspecting
#                    proxy, a private repository): docker build --secret id=ca-certificates,src=FILE
#   maven-settings   a Maven settings.xml (mirrors, credentials): --secret id=maven-settings,src=FILE
# Java (Maven, the Maven Wrapper's download) reads the trust store; curl and OpenSSL-based wget,
# which the Maven Wrapper prefers for its download when the image has them, read the PEM bundle.

if [ -s /run/secrets/ca-certificates ]; then
  build_trust=$(mktemp -d)
  trap 'rm -rf "$build_trust"' EXIT
  java deploy/image/TrustStore.java "$build_trust/truststore.p12" /run/secrets/ca-certificates
  cat /etc/ssl/certs/ca-certificates.crt /run/secrets/ca-certificates >"$build_trust/ca-bundle.pem" 2>/dev/null \
    || cat /run/secrets/ca-certificates >"$build_trust/ca-bundle.pem"
  printf 'ca_certificate = %s\n' "$build_trust/ca-bundle.pem" >"$build_trust/wgetrc"
  export JAVA_TOOL_OPTIONS="-Djavax.net.ssl.trustStore=$build_trust/truststore.p12 -Djavax.net.ssl.trustStorePassword=changeit -Djavax.net.ssl.trustStoreType=PKCS12"
  export SSL_CERT_FILE="$build_trust/ca-bundle.pem" CURL_CA_BUNDLE="$build_trust/ca-bundle.pem" WGETRC="$build_trust/wgetrc"
fi
if [ -s /run/secrets/maven-settings ]; then
  # Maven 3.9 appends MAVEN_ARGS to its command line.
  export MAVEN_ARGS="--settings /run/secrets/maven-settings"
fi
