package dev.claudebedrock.proxy.core;

/** Receives the events of an {@link EventSource}. */
public interface EventSink {

  /** One event, in order. */
  void onEvent(StreamEvent event);

  /** The stream ended normally (after {@code message_stop}). */
  void onEnd();

  /** The stream failed; no further calls follow. */
  void onError(ApiError error);
}
