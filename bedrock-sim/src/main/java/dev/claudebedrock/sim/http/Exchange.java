package dev.claudebedrock.sim.http;

import dev.claudebedrock.sim.Operation;
import dev.claudebedrock.sim.auth.AuthRequest;
import dev.claudebedrock.sim.auth.SecretRedaction;
import dev.claudebedrock.sim.auth.UriEncoding;
import dev.claudebedrock.sim.control.Recording;
import dev.claudebedrock.sim.control.RequestRecorder;
import dev.claudebedrock.sim.faults.Fault;
import dev.claudebedrock.sim.reply.Ids;
import dev.claudebedrock.sim.stream.StreamListener;
import dev.claudebedrock.sim.validation.JsonBodies;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One request being answered: what arrived, its recording, and whether the client is still there. Only touched
 * from the event loop of its connection.
 */
final class Exchange implements StreamListener {
  private static final byte[] NO_BODY = new byte[0];

  private final Vertx vertx;
  private final HttpServerRequest request;
  private final HttpServerResponse response;
  private final String requestId = Ids.requestId();
  private final long startNanos;
  private final RawTarget target;
  private final Route route;
  private final byte[] body;
  private final String modelId;
  private final Recording recording;
  private Fault fault;
  private long timerId = -1;
  private boolean ended;
  private boolean dropping;
  private boolean cancelled;
  private boolean closeAfterResponse;
  private Runnable onCancel;

  Exchange(Vertx vertx, HttpServerRequest request, RawTarget target, Route route, byte[] body, long startNanos,
      RequestRecorder recorder) {
    this.vertx = vertx;
    this.request = request;
    this.response = request.response();
    this.startNanos = startNanos;
    this.target = target;
    this.route = route;
    this.body = body;
    this.modelId = modelIdOf(route, body);
    Operation operation = route == null ? Operation.UNKNOWN : route.operation();
    boolean keep = recorder.enabled(); // copying headers and body is wasted work when nothing is kept
    this.recording = recorder.record(requestId, request.method().name(), target.path(), target.query(), operation,
        modelId, keep ? recordedHeaders() : Map.of(), keep ? body : NO_BODY);
    response.closeHandler(v -> clientGone());
    response.exceptionHandler(e -> clientGone());
  }

  // Mantle names the model in the body; a body without a readable one is refused later, by its handler.
  private static String modelIdOf(Route route, byte[] body) {
    if (route == null) {
      return null;
    }
    if (route.operation().modelScoped()) {
      return UriEncoding.decode(route.rawId());
    }
    return route.operation().mantle() ? JsonBodies.modelField(body) : null;
  }

  String requestId() {
    return requestId;
  }

  long startNanos() {
    return startNanos;
  }

  String rawQuery() {
    return target.query();
  }

  Route route() {
    return route;
  }

  Operation operation() {
    return route == null ? Operation.UNKNOWN : route.operation();
  }

  /**
   * The model id decoded from the path (only decoded for lookup; the raw path is what was recorded), or the body's
   * {@code model} on the Messages API.
   */
  String modelId() {
    return modelId;
  }

  byte[] body() {
    return body;
  }

  HttpServerResponse response() {
    return response;
  }

  Vertx vertx() {
    return vertx;
  }

  Fault fault() {
    return fault;
  }

  void fault(Fault value) {
    fault = value;
    recording.fault(value);
  }

  /** The request as the authenticator sees it; {@code host} falls back to the HTTP/2 authority. */
  AuthRequest authRequest() {
    return new AuthRequest(request.method().name(), target.path(), target.query(), this::header, body,
        operation().signingService());
  }

  List<String> header(String lowerCaseName) {
    List<String> values = request.headers().getAll(lowerCaseName);
    if (values.isEmpty() && lowerCaseName.equals("host") && request.authority() != null) {
      return List.of(request.authority().toString());
    }
    return values;
  }

  String firstHeader(String lowerCaseName) {
    return request.getHeader(lowerCaseName);
  }

  /** Whether nothing more should be written: the response ended, was dropped, or the client left. */
  boolean gone() {
    return ended || dropping || cancelled;
  }

  /** Runs an action when the client goes away before the response ends. */
  void whenCancelled(Runnable action) {
    onCancel = action;
  }

  /** Runs an action after a delay on this event loop, unless the client leaves first. */
  void later(long nanos, Runnable action) {
    if (nanos <= 0) {
      action.run();
      return;
    }
    timerId = vertx.setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999)), id -> {
      timerId = -1;
      if (!gone()) {
        action.run();
      }
    });
  }

  /** Ends the response with a body (and closes the connection when asked to). */
  void end(Buffer buffer) {
    ended = true;
    recording.completed();
    response.end(buffer).onComplete(v -> {
      if (closeAfterResponse) {
        request.connection().close();
      }
    });
  }

  /** Closes the connection once the response is out, e.g. when the request body was left unread. */
  void closeAfterResponse() {
    closeAfterResponse = true;
    response.putHeader("Connection", "close");
  }

  @Override
  public void headersSent(int status) {
    recording.status(status);
  }

  @Override
  public void eventsSent(int count) {
    recording.eventsSent(count);
  }

  @Override
  public void dropConnection() {
    dropping = true;
    request.connection().close();
  }

  @Override
  public void finished() {
    ended = true;
    recording.completed();
  }

  private void clientGone() {
    if (ended || dropping || cancelled) {
      return;
    }
    cancelled = true;
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
    recording.cancelled();
    if (onCancel != null) {
      onCancel.run();
    }
  }

  private Map<String, List<String>> recordedHeaders() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Map.Entry<String, String> header : request.headers()) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      headers.computeIfAbsent(name, k -> new ArrayList<>(1)).add(SecretRedaction.redact(name, header.getValue()));
    }
    headers.replaceAll((name, values) -> List.copyOf(values));
    return headers;
  }
}
