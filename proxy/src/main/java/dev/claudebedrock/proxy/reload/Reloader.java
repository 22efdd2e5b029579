package dev.claudebedrock.proxy.reload;

/** Reads the configuration again and, if it is valid and changes nothing that needs a restart, serves it. */
public interface Reloader {

  /**
   * Reloads now, on the calling thread (it reads files: never on an event loop); reloads run one at a time.
   *
   * @param trigger what asked for it, for the log line and the answer
   */
  ReloadOutcome reload(String trigger);

  /** The last reload's outcome, or the start-up's when there was none. */
  ReloadOutcome last();
}
