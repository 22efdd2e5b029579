package dev.claudebedrock.archfixture.core;

import dev.claudebedrock.archfixture.server.Front;

/** Breaks the layering on purpose: the lowest layer imports a higher one. */
public final class Vocabulary {
  public String describe(Front front) {
    return "word for " + front;
  }
}
