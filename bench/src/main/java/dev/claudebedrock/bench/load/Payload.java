package dev.claudebedrock.bench.load;

import java.util.Map;

/** One request's body and the headers it needs besides authentication. */
public record Payload(byte[] body, Map<String, String> headers) {
  public Payload {
    headers = Map.copyOf(headers);
  }
}
