package dev.claudebedrock.sim.stream;

/** What the HTTP layer learns from a stream session as it runs. */
public interface StreamListener {
  /** The response headers went out with this status. */
  void headersSent(int status);

  /** {@code count} chunk events have been written so far. */
  void eventsSent(int count);

  /** The session wants the connection closed now (a scripted drop). */
  void dropConnection();

  /** The response ended normally (possibly with an exception frame). */
  void finished();
}
