package dev.claudebedrock.proxy.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.core.AttributeKey;
import java.util.List;

/**
 * What a Chat Completions request asked for beyond the Messages request it became.
 *
 * @param messages the Messages body the request translates into
 * @param model the model name the client sent (answers carry it back)
 * @param stream whether the client asked for server-sent events
 * @param includeUsage whether a stream ends with a usage chunk ({@code stream_options.include_usage})
 * @param structuredOutput whether {@code response_format} asked for a JSON schema
 * @param remoteImages the images of {@code messages} the gateway is to fetch from their http(s) URLs
 */
public record ChatRequest(ObjectNode messages, String model, boolean stream, boolean includeUsage,
    boolean structuredOutput, List<RemoteImage> remoteImages) {
  /** Where {@link ParseChatCompletions} leaves the request. */
  public static final AttributeKey<ChatRequest> KEY = AttributeKey.named("chat-request");
}
