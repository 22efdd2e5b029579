package dev.claudebedrock.archfixture.gateway;

import dev.claudebedrock.archfixture.server.Interceptor;
import dev.claudebedrock.archfixture.server.RequestFacts;

/** Breaks the facts rule on purpose: a stage that decides by reading the access log's record. */
public final class Deciding implements Interceptor {
  @Override
  public boolean admits(RequestFacts facts) {
    return facts.client().equals("trusted");
  }
}
