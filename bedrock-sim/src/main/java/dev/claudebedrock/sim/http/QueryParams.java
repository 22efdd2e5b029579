package dev.claudebedrock.sim.http;

import dev.claudebedrock.sim.auth.UriEncoding;

import java.util.HashMap;
import java.util.Map;

/** Decodes a raw query string or form body (first value of each name wins; {@code +} is a space, as in forms). */
final class QueryParams {
  private QueryParams() {}

  static Map<String, String> parse(String rawQuery) {
    Map<String, String> params = new HashMap<>();
    for (Map.Entry<String, String> pair : UriEncoding.queryPairs(rawQuery)) {
      params.putIfAbsent(decode(pair.getKey()), decode(pair.getValue()));
    }
    return params;
  }

  private static String decode(String raw) {
    return UriEncoding.decode(raw.replace('+', ' '));
  }
}
