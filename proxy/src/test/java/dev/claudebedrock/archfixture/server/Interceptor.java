package dev.claudebedrock.archfixture.server;

/** Stands in for the gateway's stage interface. */
public interface Interceptor {

  /** Whether the stage lets a request through. */
  boolean admits(RequestFacts facts);
}
