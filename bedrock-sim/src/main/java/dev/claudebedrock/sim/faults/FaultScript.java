package dev.claudebedrock.sim.faults;

import dev.claudebedrock.sim.Operation;
import dev.claudebedrock.sim.errors.ErrorType;
import dev.claudebedrock.sim.errors.StreamExceptionType;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A fault to apply to the next {@code times} matching requests, e.g.
 * {@code FaultScript.httpError(ErrorType.THROTTLING).times(2).onOperation(Operation.INVOKE_MODEL)}.
 *
 * @param fault what to do
 * @param times how many matching requests it applies to (at least 1)
 * @param match which requests match
 */
public record FaultScript(Fault fault, int times, FaultMatch match) {
  public FaultScript {
    Objects.requireNonNull(fault, "fault");
    Objects.requireNonNull(match, "match");
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1, got " + times);
    }
  }

  /** A fault for the next matching request. */
  public static FaultScript of(Fault fault) {
    return new FaultScript(fault, 1, FaultMatch.ANY);
  }

  /** Answer with this HTTP error and its default message. */
  public static FaultScript httpError(ErrorType type) {
    return httpError(type, null);
  }

  /** Answer with this HTTP error and message. */
  public static FaultScript httpError(ErrorType type, String message) {
    return of(new Fault.HttpError(type, message, null, Map.of(), Map.of()));
  }

  /** Send this exception frame after {@code afterEvents} events. */
  public static FaultScript exceptionFrame(StreamExceptionType type, int afterEvents) {
    return of(new Fault.ExceptionFrame(type, afterEvents, null, Map.of()));
  }

  /** Close the connection after {@code afterEvents} events (before any response byte for 0). */
  public static FaultScript dropConnection(int afterEvents) {
    return of(new Fault.DropConnection(afterEvents));
  }

  /** Delay the first byte by this much more. */
  public static FaultScript delay(Duration firstByte) {
    return of(new Fault.Delay(firstByte));
  }

  /** Stall after {@code afterEvents} events for a while. */
  public static FaultScript stall(int afterEvents, Duration duration) {
    return of(new Fault.Stall(afterEvents, duration));
  }

  /** Stall after {@code afterEvents} events until the client gives up. */
  public static FaultScript stallForever(int afterEvents) {
    return of(new Fault.Stall(afterEvents, null));
  }

  /** The same fault for the next {@code n} matching requests. */
  public FaultScript times(int n) {
    return new FaultScript(fault, n, match);
  }

  /** Only for requests of this operation. */
  public FaultScript onOperation(Operation operation) {
    return new FaultScript(fault, times, new FaultMatch(operation, match.model()));
  }

  /** Only for requests naming this model (as written in the path or the Messages body, or its base id). */
  public FaultScript onModel(String model) {
    return new FaultScript(fault, times, new FaultMatch(match.operation(), model));
  }
}
