package dev.claudebedrock.proxy.core;

/** A push source of Anthropic stream events with back-pressure and cancellation. */
public interface EventSource {

  /** Starts delivering to the sink; called once. */
  void start(EventSink sink);

  /** Stops delivery until {@link #resume()} (the client socket is full). */
  void pause();

  /** Resumes delivery. */
  void resume();

  /** Stops for good and releases the upstream request: nobody is listening any more. */
  void cancel();
}
