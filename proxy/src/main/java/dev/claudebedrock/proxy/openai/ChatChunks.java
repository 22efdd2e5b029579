package dev.claudebedrock.proxy.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ErrorType;
import dev.claudebedrock.proxy.core.EventSink;
import dev.claudebedrock.proxy.core.EventSource;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.core.StreamEvent;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A Messages event stream as {@code chat.completion.chunk}s, event by event as they arrive: the role first, then
 * text as {@code content}, thinking as {@code reasoning_content}, each tool call as a {@code tool_calls} entry whose
 * {@code index} counts tool calls (not content blocks) with its id and name in its first chunk and its arguments in
 * the following ones, then {@code finish_reason}, and with {@code include_usage} a last chunk with no choices and the
 * usage. Events that carry nothing for OpenAI clients (pings, block ends, signatures) produce no chunk.
 *
 * <p>Each chunk keeps the type of the Messages event it came from, so a text or argument chunk still marks the time
 * to first token.
 */
final class ChatChunks implements EventSource, EventSink {
  private final EventSource messages;
  private final String model;
  private final long created;
  private final boolean includeUsage;
  private final ChatUsage usage = new ChatUsage();
  /** Tool-call index by content-block index. */
  private final Map<Integer, Integer> toolIndexes = new HashMap<>();
  private EventSink sink;
  private String id = "chatcmpl-";

  ChatChunks(EventSource messages, String model, long created, boolean includeUsage) {
    this.messages = messages;
    this.model = model;
    this.created = created;
    this.includeUsage = includeUsage;
  }

  @Override
  public void start(EventSink sink) {
    this.sink = sink;
    messages.start(this);
  }

  @Override
  public void pause() {
    messages.pause();
  }

  @Override
  public void resume() {
    messages.resume();
  }

  @Override
  public void cancel() {
    messages.cancel();
  }

  @Override
  public void onEvent(StreamEvent event) {
    JsonNode json;
    try {
      json = Json.MAPPER.readTree(event.json().getBytes());
    } catch (IOException e) {
      messages.cancel();
      sink.onError(ApiError.of(ErrorType.API, "Bedrock sent a stream event that is not JSON"));
      return;
    }
    switch (event.type()) {
      case "message_start" -> {
        JsonNode message = json.path("message");
        id = "chatcmpl-" + message.path("id").asText("");
        usage.add(message.get("usage"));
        ObjectNode delta = Json.MAPPER.createObjectNode().put("role", "assistant").put("content", "");
        emit(event, chunk(delta, null));
      }
      case "content_block_start" -> blockStart(event, json);
      case "content_block_delta" -> blockDelta(event, json);
      case "message_delta" -> {
        usage.add(json.get("usage"));
        JsonNode stop = json.path("delta").get("stop_reason");
        if (stop != null && !stop.isNull()) {
          emit(event, chunk(Json.MAPPER.createObjectNode(), FinishReasons.of(stop.asText())));
        }
      }
      default -> {}
    }
  }

  @Override
  public void onEnd() {
    if (includeUsage) {
      ObjectNode last = head();
      last.putArray("choices");
      last.set("usage", usage.json());
      sink.onEvent(new StreamEvent("message_stop", Buffer.buffer(last.toString())));
    }
    sink.onEnd();
  }

  @Override
  public void onError(ApiError error) {
    sink.onError(error);
  }

  private void blockStart(StreamEvent event, JsonNode json) {
    JsonNode block = json.path("content_block");
    switch (block.path("type").asText("")) {
      case "tool_use" -> {
        int index = toolIndexes.size();
        toolIndexes.put(json.path("index").asInt(), index);
        ObjectNode call = Json.MAPPER.createObjectNode();
        call.put("index", index);
        call.put("id", block.path("id").asText(""));
        call.put("type", "function");
        call.putObject("function").put("name", block.path("name").asText("")).put("arguments", "");
        emit(event, toolCall(call));
      }
      case "text" -> {
        String text = block.path("text").asText("");
        if (!text.isEmpty()) {
          emit(event, chunk(Json.MAPPER.createObjectNode().put("content", text), null));
        }
      }
      default -> {}
    }
  }

  private void blockDelta(StreamEvent event, JsonNode json) {
    JsonNode delta = json.path("delta");
    switch (delta.path("type").asText("")) {
      case "text_delta" -> emit(event, chunk(Json.MAPPER.createObjectNode()
          .put("content", delta.path("text").asText("")), null));
      case "thinking_delta" -> emit(event, chunk(Json.MAPPER.createObjectNode()
          .put("reasoning_content", delta.path("thinking").asText("")), null));
      case "input_json_delta" -> {
        String partial = delta.path("partial_json").asText("");
        Integer index = toolIndexes.get(json.path("index").asInt());
        if (!partial.isEmpty() && index != null) {
          ObjectNode call = Json.MAPPER.createObjectNode().put("index", index);
          call.putObject("function").put("arguments", partial);
          emit(event, toolCall(call));
        }
      }
      default -> {}
    }
  }

  private ObjectNode toolCall(ObjectNode call) {
    ObjectNode delta = Json.MAPPER.createObjectNode();
    delta.putArray("tool_calls").add(call);
    return chunk(delta, null);
  }

  private ObjectNode chunk(ObjectNode delta, String finishReason) {
    ObjectNode chunk = head();
    ArrayNode choices = chunk.putArray("choices");
    ObjectNode choice = choices.addObject();
    choice.put("index", 0);
    choice.set("delta", delta);
    choice.putNull("logprobs");
    if (finishReason == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finishReason);
    }
    return chunk;
  }

  private ObjectNode head() {
    ObjectNode chunk = Json.MAPPER.createObjectNode();
    chunk.put("id", id);
    chunk.put("object", "chat.completion.chunk");
    chunk.put("created", created);
    chunk.put("model", model);
    return chunk;
  }

  private void emit(StreamEvent source, ObjectNode chunk) {
    sink.onEvent(new StreamEvent(source.type(), Buffer.buffer(chunk.toString())));
  }
}
