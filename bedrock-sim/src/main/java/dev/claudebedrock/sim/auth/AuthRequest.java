package dev.claudebedrock.sim.auth;

import java.util.List;
import java.util.function.Function;

/**
 * What the authenticator needs to know about a request, independent of the HTTP server.
 *
 * @param method  HTTP method
 * @param rawPath the path exactly as received, still percent-encoded
 * @param rawQuery the query exactly as received, or empty
 * @param headers all values of a header, looked up by lower-case name (an empty list when absent)
 * @param body    the body bytes
 * @param service the SigV4 service the operation must be signed for
 */
public record AuthRequest(String method, String rawPath, String rawQuery, Function<String, List<String>> headers,
    byte[] body, String service) {

  /** The first value of a header, or null. */
  public String header(String lowerCaseName) {
    List<String> values = headers.apply(lowerCaseName);
    return values.isEmpty() ? null : values.get(0);
  }
}
