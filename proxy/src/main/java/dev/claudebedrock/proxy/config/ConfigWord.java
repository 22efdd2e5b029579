package dev.claudebedrock.proxy.config;

/** A value of an enum as the configuration writes it ({@code opt_in}, {@code 1.1}, ...). */
public interface ConfigWord {

  /** The word in the file and the environment. */
  String word();
}
