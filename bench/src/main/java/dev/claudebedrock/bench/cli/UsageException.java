package dev.claudebedrock.bench.cli;

/** A command line that cannot be run as given; the message names the offending option or value. */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
