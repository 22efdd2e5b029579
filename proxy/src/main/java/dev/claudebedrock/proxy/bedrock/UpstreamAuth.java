package dev.claudebedrock.proxy.bedrock;

/** How requests to AWS prove who the gateway is. */
public interface UpstreamAuth {

  /** Adds the authenticating headers; throws {@link UpstreamException} ({@code NO_CREDENTIALS}) when it has none. */
  void apply(SignableRequest request);

  /** Whether a request could be authenticated right now. */
  boolean ready();

  /** One line for logs and diagnostics, never containing a secret. */
  String describe();

  /** Asks for fresh credentials soon (AWS said the current ones are expired or invalid). */
  default void refreshSoon() {}
}
