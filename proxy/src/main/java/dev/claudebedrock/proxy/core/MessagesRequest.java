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
 * @param raw the body's bytes as the client sent them, which {@code body} was parsed from; null when a front door
 *     built {@code body} (the OpenAI-compatible one), which is then the body to send
 */
public record MessagesRequest(ObjectNode body, String model, boolean stream, List<String> betaHeaders, int bodyBytes,
    JsonBytes raw) {
  /** Where {@link ParseMessages} leaves the request. */
  public static final AttributeKey<MessagesRequest> KEY = AttributeKey.named("messages-request");

  /** A request whose body a front door built (no client bytes to splice). */
  public MessagesRequest(ObjectNode body, String model, boolean stream, List<String> betaHeaders, int bodyBytes) {
    this(body, model, stream, betaHeaders, bodyBytes, null);
  }

  /** Whether extended thinking is switched on ({@code enabled} or {@code adaptive}). */
  public boolean thinking() {
    String type = body.path("thinking").path("type").asText("");
    return type.equals("enabled") || type.equals("adaptive");
  }
}
