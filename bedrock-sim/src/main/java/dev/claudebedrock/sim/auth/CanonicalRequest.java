package dev.claudebedrock.sim.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Builds the SigV4 canonical request from what was received, as a non-S3 AWS service does. */
public final class CanonicalRequest {
  private CanonicalRequest() {}

  /**
   * The canonical request text.
   *
   * @param signedHeaders lower-case header names in the order of the {@code SignedHeaders} parameter
   * @param payloadHash   hex SHA-256 of the body, or {@code UNSIGNED-PAYLOAD}
   */
  public static String build(String method, String rawPath, String rawQuery, Function<String, List<String>> headers,
      List<String> signedHeaders, String payloadHash) {
    StringBuilder out = new StringBuilder(512);
    out.append(method).append('\n');
    out.append(canonicalUri(rawPath)).append('\n');
    out.append(canonicalQuery(rawQuery)).append('\n');
    for (String name : signedHeaders) {
      out.append(name).append(':').append(canonicalHeaderValue(headers.apply(name))).append('\n');
    }
    out.append('\n');
    out.append(String.join(";", signedHeaders)).append('\n');
    out.append(payloadHash);
    return out.toString();
  }

  /** The raw path encoded once more, keeping {@code /}: {@code %2F} becomes {@code %252F}, {@code :} becomes {@code %3A}. */
  static String canonicalUri(String rawPath) {
    return rawPath.isEmpty() ? "/" : UriEncoding.encode(rawPath, true);
  }

  /** Query parameters decoded, re-encoded strictly, sorted by name then value. */
  static String canonicalQuery(String rawQuery) {
    List<Map.Entry<String, String>> params = new ArrayList<>();
    for (Map.Entry<String, String> pair : UriEncoding.queryPairs(rawQuery)) {
      params.add(Map.entry(UriEncoding.encode(UriEncoding.decode(pair.getKey()), false),
          UriEncoding.encode(UriEncoding.decode(pair.getValue()), false)));
    }
    params.sort(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, String> param : params) {
      if (!out.isEmpty()) {
        out.append('&');
      }
      out.append(param.getKey()).append('=').append(param.getValue());
    }
    return out.toString();
  }

  /** All values joined by commas, each trimmed with runs of spaces collapsed to one. */
  static String canonicalHeaderValue(List<String> values) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(values.get(i).trim().replaceAll("\\s+", " "));
    }
    return out.toString();
  }
}
