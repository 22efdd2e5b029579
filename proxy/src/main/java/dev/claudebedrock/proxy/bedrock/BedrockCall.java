package dev.claudebedrock.proxy.bedrock;

import dev.claudebedrock.proxy.config.UpstreamApi;
import dev.claudebedrock.proxy.core.AttributeKey;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.function.Function;

/**
 * What to send to Bedrock, whichever target ends up serving it.
 *
 * @param operation the Bedrock operation
 * @param method HTTP method
 * @param fixedPath the path to send as is (the pass-through), or null to build it from the operation and model id
 * @param headers headers to send besides authentication ({@code content-type}, {@code accept}, ...)
 * @param body the exact bytes to send (signed as they are)
 * @param bodyForModel the bytes to send to a target knowing the model by a given id, when the body names the model
 *     (the native Messages API); null when {@code body} goes to every target
 */
public record BedrockCall(Operation operation, String method, String fixedPath, MultiMap headers, Buffer body,
    Function<String, Buffer> bodyForModel) {
  /** Where the translating stage leaves the call for the attempt stage. */
  public static final AttributeKey<BedrockCall> KEY = AttributeKey.named("bedrock-call");
  /**
   * Where a stage of the native Messages API leaves its call for targets with {@code api: mantle}; a target of that
   * API without one (the {@code /bedrock} pass-through) is sent {@link #KEY}'s call on its runtime endpoint.
   */
  public static final AttributeKey<BedrockCall> MANTLE_KEY = AttributeKey.named("bedrock-call-mantle");
  /** Which API gave the answer the attempt stage returned (set with it). */
  public static final AttributeKey<UpstreamApi> ANSWERED_BY = AttributeKey.named("answered-by");

  /** A call whose body is the same for every target. */
  public BedrockCall(Operation operation, String method, String fixedPath, MultiMap headers, Buffer body) {
    this(operation, method, fixedPath, headers, body, null);
  }

  /** The body for a target whose model id is {@code modelId}. */
  public Buffer body(String modelId) {
    return bodyForModel == null ? body : bodyForModel.apply(modelId);
  }

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
