package dev.claudebedrock.proxy.telemetry;

import dev.claudebedrock.proxy.config.ConfigException;
import dev.claudebedrock.proxy.config.TelemetryConfig;
import dev.claudebedrock.proxy.server.RequestListener;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The OpenTelemetry SDK, configured by the standard {@code OTEL_*} variables through its autoconfiguration, and the
 * listener that turns requests into spans and GenAI metrics. Built only when tracing is on: when it is off nothing
 * of it is on the request path.
 */
public final class Telemetry implements AutoCloseable {
  /** What the gateway sets unless an {@code OTEL_*} variable says otherwise. */
  private static final Map<String, String> DEFAULTS = Map.of(
      "otel.service.name", "claude-bedrock-proxy",
      // The SDK's own default is gRPC; the OTLP specification's (and the only one the JDK sender speaks) is this.
      "otel.exporter.otlp.protocol", "http/protobuf",
      // Logs already go to stdout as JSON lines.
      "otel.logs.exporter", "none");

  private final OpenTelemetrySdk sdk;
  private final TracingListener listener;

  private Telemetry(OpenTelemetrySdk sdk, TelemetryConfig config, Predicate<String> knownModel) {
    this.sdk = sdk;
    this.listener = new TracingListener(sdk, config.captureContent(), knownModel);
  }

  /**
   * Starts the SDK (its exporters send on threads of their own).
   *
   * @param knownModel the model names that may become metric attribute values; the rest are {@code other}
   */
  public static Telemetry start(TelemetryConfig config, Predicate<String> knownModel) {
    try {
      OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
          .addPropertiesSupplier(() -> DEFAULTS)
          .addPropertiesSupplier(config::sdkProperties)
          .build()
          .getOpenTelemetrySdk();
      return new Telemetry(sdk, config, knownModel);
    } catch (RuntimeException e) {
      throw new ConfigException("OpenTelemetry could not start from the OTEL_* settings: " + e.getMessage());
    }
  }

  /** The SDK, for tests and embedding. */
  public OpenTelemetry openTelemetry() {
    return sdk;
  }

  /** The listener that makes spans and GenAI metrics of requests. */
  public RequestListener listener() {
    return listener;
  }

  /** Exports what is still buffered, then stops the SDK. */
  @Override
  public void close() {
    CompletableResultCode done = sdk.shutdown();
    done.join(10, TimeUnit.SECONDS);
  }
}
