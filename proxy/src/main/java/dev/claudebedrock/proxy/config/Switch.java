package dev.claudebedrock.proxy.config;

/**
 * A feature's on/off setting whose {@code auto} case the feature decides from the rest of the configuration.
 * What {@code auto} means is documented where the switch is read.
 */
public enum Switch implements ConfigWord {
  /** {@code auto}: on when the feature's own condition holds. */
  AUTO("auto"),
  /** {@code true}: always. */
  ALWAYS("true"),
  /** {@code false}: never. */
  NEVER("false");

  private final String word;

  Switch(String word) {
    this.word = word;
  }

  @Override
  public String word() {
    return word;
  }
}
