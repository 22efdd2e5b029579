package dev.claudebedrock.proxy.server;

import dev.claudebedrock.proxy.core.AttemptOutcome;

/**
 * One upstream attempt as a {@link RequestListener} sees it. Read it during the callback only: the
 * stage reuses the object for the request's next attempt.
 */
public interface Attempt {

  /** 1 for the first attempt of the request, 2 for the next, ... */
  int number();

  /** The target the attempt went to. */
  String target();

  /** The upstream operation's label ({@code invoke}, {@code invoke_stream}, ...). */
  String operation();

  /** The model id sent to the target. */
  String modelId();

  /** {@link System#nanoTime()} when the request left. */
  long sentNanos();

  /** {@link System#nanoTime()} when response headers arrived; 0 before (or without) them. */
  long headersNanos();

  /** The upstream's HTTP status; 0 before (or without) response headers. */
  int status();

  /** The upstream's request id; empty when it sent none. */
  String upstreamRequestId();

  /** How the attempt ended; null until it did. */
  AttemptOutcome outcome();

  /** The upstream's error type ({@code ThrottlingException}) or the transport failure's; empty when none. */
  String errorType();

  /** The targets passed over for this attempt because their circuit was open, comma-separated; empty when none. */
  String skippedTargets();

  /** Whether the attempt went to a target whose circuit is open because every target's is (panic routing). */
  boolean panic();

  /** The state the attempt's outcome moved its target's circuit to ({@code open}, {@code closed}); empty when none. */
  String circuitChange();
}
