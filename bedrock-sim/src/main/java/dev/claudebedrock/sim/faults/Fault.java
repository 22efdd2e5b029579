package dev.claudebedrock.sim.faults;

import dev.claudebedrock.sim.Operation;
import dev.claudebedrock.sim.errors.ErrorType;
import dev.claudebedrock.sim.errors.StreamExceptionType;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/** One way to misbehave on one request. */
public sealed interface Fault {

  /** The kind name used by the control API ({@code http_error}, {@code exception_frame}, ...). */
  String kind();

  /** Whether the fault can apply to an operation at all. */
  default boolean appliesTo(Operation operation) {
    return true;
  }

  /**
   * Answer with a Bedrock HTTP error instead of the normal response.
   *
   * @param type              the error type (status and {@code x-amzn-ErrorType} follow from it)
   * @param message           the body message, or null for the type's default
   * @param retryAfterSeconds a {@code Retry-After} header value, or null for none
   * @param headers           extra response headers
   * @param fields            extra body fields (e.g. {@code originalStatusCode} of ModelErrorException)
   */
  record HttpError(ErrorType type, String message, Integer retryAfterSeconds, Map<String, String> headers,
      Map<String, Object> fields) implements Fault {
    public HttpError {
      Objects.requireNonNull(type, "type");
      headers = Map.copyOf(headers);
      fields = Map.copyOf(fields);
    }

    @Override
    public String kind() {
      return "http_error";
    }
  }

  /**
   * Send an exception frame after {@code afterEvents} chunk events and end the stream.
   *
   * @param type        the {@code :exception-type}
   * @param afterEvents events sent before it
   * @param message     the payload message, or null for the type's default
   * @param fields      extra payload fields (e.g. {@code originalStatusCode} of modelStreamErrorException)
   */
  record ExceptionFrame(StreamExceptionType type, int afterEvents, String message,
      Map<String, Object> fields) implements Fault {
    public ExceptionFrame {
      Objects.requireNonNull(type, "type");
      fields = Map.copyOf(fields);
    }

    @Override
    public String kind() {
      return "exception_frame";
    }

    @Override
    public boolean appliesTo(Operation operation) {
      return operation.streaming(); // a non-streaming Messages request that takes one is answered whole
    }
  }

  /**
   * Close the connection after {@code afterEvents} stream events; for 0 (and for non-streaming operations),
   * before any byte of the response.
   *
   * @param afterEvents events sent before the connection is closed
   */
  record DropConnection(int afterEvents) implements Fault {
    @Override
    public String kind() {
      return "drop_connection";
    }
  }

  /**
   * Hold the response back for longer before its first byte.
   *
   * @param firstByte extra delay on top of the configured first-byte latency
   */
  record Delay(Duration firstByte) implements Fault {
    public Delay {
      Objects.requireNonNull(firstByte, "firstByte");
    }

    @Override
    public String kind() {
      return "delay";
    }
  }

  /**
   * Stop sending after {@code afterEvents} events (after the response headers for 0), for a while or until the
   * client gives up. A non-streaming response is held back before its first byte instead.
   *
   * @param afterEvents events sent before the stall
   * @param duration    how long, or null for as long as the client waits
   */
  record Stall(int afterEvents, Duration duration) implements Fault {
    @Override
    public String kind() {
      return "stall";
    }
  }
}
