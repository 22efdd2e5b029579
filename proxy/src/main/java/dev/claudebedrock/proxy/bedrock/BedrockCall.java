package dev.claudebedrock.proxy.bedrock;

import dev.claudebedrock.proxy.core.AttributeKey;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * What to send to Bedrock, whichever target ends up serving it.
 *
 * @param operation the Bedrock operation
 * @param method HTTP method
 * @param fixedPath the path to send as is (the pass-through), or null to build it from the operation and model id
 * @param headers headers to send besides authentication ({@code content-type}, {@code accept}, ...)
 * @param body the exact bytes to send (signed as they are)
 */
public record BedrockCall(Operation operation, String method, String fixedPath, MultiMap headers, Buffer body) {
  /** Where the translating stage leaves the call for the attempt stage. */
  public static final AttributeKey<BedrockCall> KEY = AttributeKey.named("bedrock-call");

  /**
   * The largest body Bedrock Runtime takes (its API reference: InvokeModel's {@code body}, maximum length
   * 25,000,000); a larger one is refused with 413 before it is sent, rather than failing there.
   */
  public static final int MAX_BODY_BYTES = 25_000_000;

  /** Whether the body is larger than Bedrock accepts. */
  public boolean tooLargeForBedrock() {
    return body != null && body.length() > MAX_BODY_BYTES;
  }

  /** The path for a target whose model id is {@code modelId}. */
  public String path(String modelId) {
    return fixedPath != null ? fixedPath : operation.path(modelId);
  }
}
