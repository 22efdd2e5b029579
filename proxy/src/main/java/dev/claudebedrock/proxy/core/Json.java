package dev.claudebedrock.proxy.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON mapper shared by every stage. Its read limits follow the body limit, so a large but
 * legitimate string (a base64 image, a long document) parses and a nesting bomb does not. A
 * duplicate key is an error: the gateway and Bedrock must never read different values of one field.
 */
public final class Json {
  /** Deepest nesting accepted in a request body. */
  public static final int MAX_NESTING = 500;

  /** The shared mapper (thread-safe once configured). */
  public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(MAX_NESTING)
          .maxStringLength(Integer.MAX_VALUE)
          .maxNumberLength(1000)
          .build())
      .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build());

  private Json() {}
}
