package dev.claudebedrock.proxy.passthrough;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import java.util.Locale;
import java.util.Map;

/**
 * The headers that cross the pass-through, both ways. Towards Bedrock a fresh set is built: only
 * what describes the call (content type, accept, Bedrock options) survives; the client's
 * credentials, signature, host, hop-by-hop and compression headers never leave the gateway, and
 * the gateway signs what remains. Back to the client go Bedrock's content type, ids, errors and
 * Bedrock headers, unchanged.
 */
final class ForwardedHeaders {
  private ForwardedHeaders() {}

  /** The headers sent to Bedrock (before signing). */
  static MultiMap towardsBedrock(MultiMap client) {
    MultiMap upstream = HttpHeaders.headers();
    for (Map.Entry<String, String> header : client) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (name.equals("content-type") || name.equals("accept") || name.equals("x-amzn-trace-id")
          || name.startsWith("x-amzn-bedrock-")) {
        upstream.add(name, header.getValue());
      }
    }
    return upstream;
  }

  /** The headers of Bedrock's response passed to the client. */
  static MultiMap towardsClient(MultiMap bedrock) {
    MultiMap client = HttpHeaders.headers();
    for (Map.Entry<String, String> header : bedrock) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (name.equals("content-type") || name.startsWith("x-amzn-") || name.equals("retry-after")) {
        client.add(header.getKey(), header.getValue());
      }
    }
    return client;
  }
}
