package dev.claudebedrock.proxy.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ErrorType;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.core.StreamEvent;
import dev.claudebedrock.proxy.server.Reply;
import dev.claudebedrock.proxy.server.SseFraming;
import dev.claudebedrock.proxy.server.WireDialect;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAI Chat Completions API on the wire: errors as {@code {"error":{"message","type","param","code"}}},
 * stream chunks as {@code data: <json>\n\n}, comments as keep-alives, {@code data: [DONE]} after the last chunk, and a
 * failure after the stream started as one {@code data: {"error":…}} chunk with no {@code [DONE]} after it.
 */
public final class OpenAiDialect implements WireDialect, SseFraming {
  /** The one instance: the dialect holds no state. */
  public static final OpenAiDialect INSTANCE = new OpenAiDialect();

  /** The status OpenAI clients know for an overloaded server (the Messages API's 529 is not one they expect). */
  static final int OVERLOADED_STATUS = 503;

  private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
  private static final Buffer PING = Buffer.buffer(": ping\n\n");
  private static final Buffer DONE = Buffer.buffer("data: [DONE]\n\n");
  /** The field a gateway's own 400 is about: its messages start with it ({@code messages[2].content: …}). */
  private static final Pattern PARAM = Pattern
      .compile("^([A-Za-z_][A-Za-z0-9_]*(?:\\[\\d+]|\\.[A-Za-z_][A-Za-z0-9_]*)*): ");
  private static final String BEDROCK_ERROR_HEADER = "x-bedrock-error-type";

  private OpenAiDialect() {}

  @Override
  public Reply.Complete errorReply(ApiError error, String requestId) {
    MultiMap headers = HttpHeaders.headers();
    for (Map.Entry<String, String> header : error.headers().entrySet()) {
      headers.add(header.getKey(), header.getValue());
    }
    headers.set("content-type", "application/json");
    return new Reply.Complete(status(error), headers, Buffer.buffer(body(error).toString()));
  }

  @Override
  public SseFraming sse() {
    return this;
  }

  @Override
  public Buffer event(StreamEvent event) {
    Buffer out = Buffer.buffer(DATA.length + event.json().length() + END.length);
    return out.appendBytes(DATA).appendBuffer(event.json()).appendBytes(END);
  }

  @Override
  public Buffer ping() {
    return PING;
  }

  @Override
  public Buffer error(ApiError error, String requestId) {
    return Buffer.buffer("data: " + body(error) + "\n\n");
  }

  @Override
  public Buffer end() {
    return DONE;
  }

  /** The HTTP status of an error for OpenAI clients: the gateway's, except 529 becomes 503. */
  static int status(ApiError error) {
    return error.status() == ErrorType.OVERLOADED.status() ? OVERLOADED_STATUS : error.status();
  }

  /** The error body: {@code {"error":{"message","type","param","code"}}}. */
  static ObjectNode body(ApiError error) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    ObjectNode inner = body.putObject("error");
    inner.put("message", error.message());
    inner.put("type", type(error.type()));
    String param = param(error);
    if (param == null) {
      inner.putNull("param");
    } else {
      inner.put("param", param);
    }
    inner.put("code", code(error));
    return body;
  }

  /** OpenAI's {@code error.type} for a kind of error. */
  static String type(ErrorType type) {
    return switch (type) {
      case INVALID_REQUEST, NOT_FOUND, REQUEST_TOO_LARGE -> "invalid_request_error";
      case AUTHENTICATION -> "authentication_error";
      case PERMISSION -> "permission_error";
      case BILLING -> "insufficient_quota";
      case RATE_LIMIT -> "rate_limit_error";
      case API, TIMEOUT, OVERLOADED -> "server_error";
    };
  }

  private static String code(ApiError error) {
    return switch (error.type()) {
      case INVALID_REQUEST -> error.status() == 405 ? "method_not_allowed" : "invalid_request";
      case NOT_FOUND -> "not_found";
      case REQUEST_TOO_LARGE -> "request_too_large";
      case AUTHENTICATION -> "invalid_api_key";
      case PERMISSION -> "permission_denied";
      case BILLING -> "insufficient_quota";
      case RATE_LIMIT -> "rate_limit_exceeded";
      case API -> "server_error";
      case TIMEOUT -> "timeout";
      case OVERLOADED -> "overloaded";
    };
  }

  /** The request field a gateway's own 400 names, or null (Bedrock's answers name fields of the Messages body). */
  private static String param(ApiError error) {
    if (error.type() != ErrorType.INVALID_REQUEST || error.headers().containsKey(BEDROCK_ERROR_HEADER)) {
      return null;
    }
    Matcher m = PARAM.matcher(error.message());
    return m.find() ? m.group(1) : null;
  }
}
