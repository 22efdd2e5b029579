package dev.claudebedrock.proxy.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A parsed Messages (or count_tokens) request.
 *
 * @param body the JSON body, rewritten in place for Bedrock later
 * @param model the model name the client asked for
 * @param stream whether the client asked for server-sent events
 * @param betaHeaders every {@code anthropic-beta} header value
 * @param bodyBytes size of the body as received
 */
public record MessagesRequest(ObjectNode body, String model, boolean stream, List<String> betaHeaders, int bodyBytes) {
  /** Where {@link ParseMessages} leaves the request. */
  public static final AttributeKey<MessagesRequest> KEY = AttributeKey.named("messages-request");

  /** Whether extended thinking is switched on ({@code enabled} or {@code adaptive}). */
  public boolean thinking() {
    String type = body.path("thinking").path("type").asText("");
    return type.equals("enabled") || type.equals("adaptive");
  }
}
