package dev.claudebedrock.archfixture.server;

/** Stands in for the gateway's record of a request: written by stages, read by reporting listeners. */
public final class RequestFacts {
  private String client = "";

  public String client() {
    return client;
  }

  public RequestFacts client(String value) {
    client = value;
    return this;
  }
}
