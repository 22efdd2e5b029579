package dev.claudebedrock.proxy.config;

/** A configuration problem that stops start-up; the message names the key, the value and what is allowed. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
