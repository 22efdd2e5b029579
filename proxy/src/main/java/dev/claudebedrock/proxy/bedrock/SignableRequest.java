package dev.claudebedrock.proxy.bedrock;

import dev.claudebedrock.proxy.config.Endpoint;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * A request about to leave for an AWS endpoint; authentication adds headers to it.
 *
 * @param method HTTP method
 * @param endpoint where it goes (fixed by the operator)
 * @param rawPath path and query, already encoded, appended to the endpoint's base path
 * @param headers headers to send; every one present when signing is signed
 * @param body the exact bytes that will be sent
 */
public record SignableRequest(String method, Endpoint endpoint, String rawPath, MultiMap headers, Buffer body) {

  /** The full path sent on the wire. */
  public String wirePath() {
    return endpoint.basePath() + rawPath;
  }
}
