package dev.claudebedrock.proxy.config;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * OpenTelemetry tracing and GenAI metrics, exported over OTLP. Off by default and then absent from the request
 * path; on when the operator says so or sets the standard variables that only make sense with it.
 *
 * @param enabled whether the OpenTelemetry SDK runs
 * @param captureContent whether prompt text goes into spans (off: never exported unless asked for)
 * @param sdkProperties the {@code OTEL_*} variables as the SDK's autoconfiguration names them ({@code otel.…}),
 *     from the environment the configuration was read with
 */
public record TelemetryConfig(boolean enabled, boolean captureContent, Map<String, String> sdkProperties) {

  public TelemetryConfig {
    sdkProperties = Map.copyOf(sdkProperties);
  }

  static TelemetryConfig read(ConfigSection s) {
    // auto: on when OTEL_EXPORTER_OTLP_ENDPOINT (or its traces form) or OTEL_TRACES_EXPORTER is set
    Switch enabled = s.choice("enabled", Switch.AUTO);
    boolean capture = s.bool("capture_content", false);
    s.finish();
    Map<String, String> properties = new TreeMap<>();
    s.environment().variables().forEach((name, value) -> {
      if (name.startsWith("OTEL_") && !value.isEmpty()) {
        properties.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value);
      }
    });
    for (String key : new String[] {"otel.exporter.otlp.protocol", "otel.exporter.otlp.traces.protocol",
        "otel.exporter.otlp.metrics.protocol"}) {
      String protocol = properties.get(key);
      if (protocol != null && !protocol.equals("http/protobuf")) {
        throw new ConfigException(key.toUpperCase(Locale.ROOT).replace('.', '_') + " = \"" + protocol
            + "\": the gateway exports OTLP over HTTP only; expected http/protobuf (the collector's port 4318)");
      }
    }
    boolean sdkDisabled = "true".equalsIgnoreCase(properties.get("otel.sdk.disabled"));
    boolean asked = properties.containsKey("otel.exporter.otlp.endpoint")
        || properties.containsKey("otel.exporter.otlp.traces.endpoint")
        || (properties.containsKey("otel.traces.exporter") && !"none".equals(properties.get("otel.traces.exporter")));
    boolean on = !sdkDisabled && switch (enabled) {
      case AUTO -> asked;
      case ALWAYS -> true;
      case NEVER -> false;
    };
    return new TelemetryConfig(on, capture, properties);
  }
}
