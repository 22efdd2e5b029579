package dev.claudebedrock.proxy.telemetry;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * An OTLP/HTTP receiver on a loopback port, as a collector is: it takes {@code /v1/traces} and {@code /v1/metrics}
 * in protobuf, keeps the spans and the metric names, and answers as the protocol says.
 */
final class OtlpReceiver implements AutoCloseable {
  /** A received span, its ids in hex and its attributes as text. */
  record ReceivedSpan(String traceId, String spanId, String parentSpanId, String name, Span.SpanKind kind,
      Map<String, String> attributes, List<String> events) {

    String attribute(String key) {
      return attributes.get(key);
    }
  }

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
  private final Set<String> metricNames = ConcurrentHashMap.newKeySet();
  private final List<HistogramPoint> histogramPoints = new CopyOnWriteArrayList<>();

  /** One data point of a histogram: its metric, its attributes and the sum of what it recorded. */
  record HistogramPoint(String metric, Map<String, String> attributes, double sum) {}

  OtlpReceiver() {
    server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1").await();
  }

  /** What {@code OTEL_EXPORTER_OTLP_ENDPOINT} should say. */
  String endpoint() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  private void handle(HttpServerRequest request) {
    request.body().onSuccess(body -> {
      try {
        byte[] answer;
        switch (request.path()) {
          case "/v1/traces" -> {
            ExportTraceServiceRequest export = ExportTraceServiceRequest.parseFrom(body.getBytes());
            export.getResourceSpansList().forEach(r -> r.getScopeSpansList().forEach(s -> s.getSpansList()
                .forEach(span -> spans.add(received(span)))));
            answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
          }
          case "/v1/metrics" -> {
            ExportMetricsServiceRequest export = ExportMetricsServiceRequest.parseFrom(body.getBytes());
            export.getResourceMetricsList().forEach(r -> r.getScopeMetricsList().forEach(s -> s.getMetricsList()
                .forEach(m -> {
                  metricNames.add(m.getName());
                  m.getHistogram().getDataPointsList().forEach(p -> histogramPoints.add(new HistogramPoint(m.getName(),
                      p.getAttributesList().stream().collect(Collectors.toMap(KeyValue::getKey, kv -> text(kv
                          .getValue()), (a, b) -> b)),
                      p.getSum())));
                })));
            answer = ExportMetricsServiceResponse.getDefaultInstance().toByteArray();
          }
          default -> {
            request.response().setStatusCode(404).end();
            return;
          }
        }
        request.response().putHeader("content-type", "application/x-protobuf").end(Buffer.buffer(answer));
      } catch (Exception e) {
        request.response().setStatusCode(400).end(e.toString());
      }
    });
  }

  private static ReceivedSpan received(Span span) {
    HexFormat hex = HexFormat.of();
    Map<String, String> attributes = span.getAttributesList().stream()
        .collect(Collectors.toMap(KeyValue::getKey, kv -> text(kv.getValue()), (a, b) -> b));
    return new ReceivedSpan(hex.formatHex(span.getTraceId().toByteArray()), hex.formatHex(span.getSpanId()
        .toByteArray()), hex.formatHex(span.getParentSpanId().toByteArray()), span.getName(), span.getKind(),
        attributes, span.getEventsList().stream().map(Span.Event::getName).toList());
  }

  private static String text(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case INT_VALUE -> Long.toString(value.getIntValue());
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
      case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream().map(OtlpReceiver::text).toList().toString();
      default -> value.toString();
    };
  }

  /** Waits up to 10 s for spans matching {@code wanted}, and returns every span received so far. */
  List<ReceivedSpan> await(Predicate<List<ReceivedSpan>> wanted) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (wanted.test(List.copyOf(spans))) {
        return List.copyOf(spans);
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the spans expected did not arrive within 10 s; received: " + spans);
  }

  /** The names of the metrics received. */
  Set<String> metricNames() {
    return Set.copyOf(metricNames);
  }

  /** The histogram data points received for a metric (cumulative: later exports repeat earlier points). */
  List<HistogramPoint> histogram(String metric) {
    return histogramPoints.stream().filter(p -> p.metric().equals(metric)).toList();
  }

  List<ReceivedSpan> spans() {
    return List.copyOf(spans);
  }

  @Override
  public void close() {
    vertx.close().await();
  }
}
