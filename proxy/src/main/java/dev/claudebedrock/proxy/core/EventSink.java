package dev.claudebedrock.proxy.core;

/** Receives the events of an {@link EventSource}. */
public interface EventSink {

  /** One event, in order. */
  void onEvent(StreamEvent event);

  /** The stream ended normally (after {@code message_stop}). */
  void onEnd();

  /** The stream failed; no further calls follow. */
  void onError(ApiError error);

  /**
   * The events until {@link #endBatch} arrived together (one read from the upstream's socket): a sink may hold their
   * writes and write them at once at the end, one system call instead of one per event. A source that never calls
   * this gets every event written as it comes; a sink that wraps another passes both calls on.
   */
  default void startBatch() {}

  /** The end of the events that arrived together: whatever a sink held is written now. */
  default void endBatch() {}
}
