package dev.claudebedrock.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tracing is off unless the operator turns it on or sets the OpenTelemetry variables that ask for it. */
class TelemetryConfigTest {

  @Test
  void offByDefault() {
    TelemetryConfig config = read("", Map.of());
    assertThat(config.enabled()).isFalse();
    assertThat(config.captureContent()).isFalse();
  }

  @Test
  void onWhenAnOtlpEndpointOrATracesExporterIsSet() {
    assertThat(read("", Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318")).enabled()).isTrue();
    assertThat(read("", Map.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://c:4318/v1/traces")).enabled())
        .isTrue();
    assertThat(read("", Map.of("OTEL_TRACES_EXPORTER", "otlp")).enabled()).isTrue();
    assertThat(read("", Map.of("OTEL_TRACES_EXPORTER", "none")).enabled()).isFalse();
    assertThat(read("telemetry: {enabled: true}", Map.of()).enabled()).isTrue();
  }

  @Test
  void offWhenTheOperatorSaysSoWhateverTheVariables() {
    assertThat(read("telemetry: {enabled: false}", Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318"))
        .enabled()).isFalse();
    assertThat(read("", Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318", "OTEL_SDK_DISABLED", "true"))
        .enabled()).isFalse();
  }

  @Test
  void theVariablesReachTheSdkUnderItsPropertyNames() {
    TelemetryConfig config = read("", Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318",
        "OTEL_SERVICE_NAME", "gateway-eu"));
    assertThat(config.sdkProperties()).containsEntry("otel.exporter.otlp.endpoint", "http://c:4318")
        .containsEntry("otel.service.name", "gateway-eu");
  }

  @Test
  void grpcIsRefusedNamingTheVariable() {
    assertThatThrownBy(() -> read("", Map.of("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("OTEL_EXPORTER_OTLP_PROTOCOL = \"grpc\"")
        .hasMessageContaining("http/protobuf");
  }

  @Test
  void anUnknownValueNamesTheKey() {
    assertThatThrownBy(() -> read("telemetry: {enabled: sometimes}", Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("telemetry.enabled");
  }

  private static TelemetryConfig read(String yaml, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(Map.of("API_AUTH_TOKEN", "a-client-token-for-tests"));
    env.putAll(extra);
    return ConfigLoader.fromYaml(yaml, "test", new Environment(env)).telemetry();
  }
}
