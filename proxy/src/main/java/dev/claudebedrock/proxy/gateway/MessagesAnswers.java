package dev.claudebedrock.proxy.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.claudebedrock.proxy.bedrock.BedrockError;
import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ApiException;
import dev.claudebedrock.proxy.core.ErrorType;
import dev.claudebedrock.proxy.core.EventSource;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.core.JsonBytes;
import dev.claudebedrock.proxy.core.JsonEdits;
import dev.claudebedrock.proxy.core.JsonMember;
import dev.claudebedrock.proxy.core.JsonScan;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.Reply;
import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.internal.buffer.BufferInternal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns an upstream API's answer to a Messages call into the client's: the message with the client's model name and
 * its usage and stop reason reported, the stream as Messages events through the API's relay, an error answer mapped
 * by {@link BedrockErrorMapping}. Every upstream API answers alike from here on.
 */
public final class MessagesAnswers {
  private static final Set<String> MESSAGE_FIELDS_READ = Set.of("model", "usage", "stop_reason");
  private static final JsonScan.Selector MESSAGE_FIELDS = MESSAGE_FIELDS_READ::contains;

  private MessagesAnswers() {}

  /** The client's answer for this upstream reply; {@code relay} reads a streamed reply as Messages events. */
  public static Future<Reply> toClient(Exchange exchange, String clientModel, Reply reply, BedrockErrorMapping errors,
      Function<HttpClientResponse, EventSource> relay) {
    return switch (reply) {
      case Reply.Streamed streamed ->
        Future.succeededFuture(new Reply.Events(200, HttpHeaders.headers(), relay.apply(streamed.body())));
      case Reply.Complete complete when complete.status() < 300 ->
        Future.succeededFuture(message(exchange, clientModel, complete.body()));
      case Reply.Complete complete -> Future.failedFuture(errors.toApiError(
          BedrockError.fromResponse(complete.status(), complete.headers(), complete.body())).exception());
      case Reply.Events events -> Future.succeededFuture(events);
    };
  }

  /**
   * The message with the client's model name spliced in (every other byte as Bedrock sent it), its usage and stop
   * reason reported.
   */
  private static Reply message(Exchange exchange, String clientModel, Buffer body) {
    JsonBytes json = JsonBytes.of(body);
    Map<String, JsonMember> members = new HashMap<>();
    JsonScan.TopObject object;
    try {
      object = JsonScan.scan(json, MESSAGE_FIELDS, (where, name, member) -> members.put(name, member));
    } catch (JsonProcessingException e) {
      throw notJson();
    } catch (IOException e) {
      return new Reply.Complete(200, jsonHeaders(), notAnObject(json, body));
    }
    usage(json, members.get("usage"), exchange);
    stopReason(json, members.get("stop_reason"), exchange);
    JsonEdits edits = new JsonEdits(json);
    byte[] model = JsonEdits.quoted(clientModel);
    JsonMember current = members.get("model");
    if (current != null) {
      edits.replaceValue(current, model);
    } else {
      byte[] member = (object.members() > 0 ? ",\"model\":" : "\"model\":").getBytes(StandardCharsets.UTF_8);
      edits.insert(object.end(), member).insert(object.end(), model);
    }
    edits.remove(object.end() + 1, json.length()); // what follows the object, as a parser ignores it
    return new Reply.Complete(200, jsonHeaders(), BufferInternal.buffer(Unpooled.wrappedBuffer(edits.apply())));
  }

  /** A body that is JSON but no object passes as it came; one that is not JSON is an error. */
  private static Buffer notAnObject(JsonBytes json, Buffer body) {
    try {
      Json.MAPPER.readTree(json.array(), json.offset(), json.length());
      return body;
    } catch (IOException e) {
      throw notJson();
    }
  }

  /** Reports the {@code usage} object's counts, read from its own bytes with the streaming parser (no tree). */
  private static void usage(JsonBytes json, JsonMember member, Exchange exchange) {
    if (member == null) {
      return;
    }
    try (JsonParser parser = parser(json, member)) {
      UsageRecorder.fromUsage(parser, exchange);
    } catch (IOException e) {
      throw notJson();
    }
  }

  private static void stopReason(JsonBytes json, JsonMember member, Exchange exchange) {
    if (member == null) {
      return;
    }
    try (JsonParser parser = parser(json, member)) {
      if (parser.nextToken() == JsonToken.VALUE_STRING) {
        UsageRecorder.fromStopReason(parser.getText(), exchange);
      }
    } catch (IOException e) {
      throw notJson();
    }
  }

  private static JsonParser parser(JsonBytes json, JsonMember member) throws IOException {
    return Json.MAPPER.getFactory().createParser(json.array(), json.offset() + member.valueStart(),
        member.valueEnd() - member.valueStart());
  }

  private static MultiMap jsonHeaders() {
    return HttpHeaders.headers().add("content-type", "application/json");
  }

  private static ApiException notJson() {
    return ApiError.of(ErrorType.API, "Bedrock answered with a body that is not JSON").exception();
  }
}
