package dev.claudebedrock.archfixture.server;

import dev.claudebedrock.archfixture.core.Vocabulary;

/** A higher layer using the lower one, as it may: with the back-import above, a cycle. */
public final class Front {
  private final Vocabulary vocabulary = new Vocabulary();

  @Override
  public String toString() {
    return vocabulary.getClass().getSimpleName();
  }
}
