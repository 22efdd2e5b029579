package dev.claudebedrock.proxy.passthrough;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ErrorType;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.server.Reply;
import dev.claudebedrock.proxy.server.SseFraming;
import dev.claudebedrock.proxy.server.WireDialect;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import java.util.Map;

/**
 * The Bedrock pass-through's own errors (a wrong token, an unknown path, Bedrock unreachable) in a
 * shape both kinds of client read: the Anthropic error body, plus the top-level {@code message} and
 * the {@code x-amzn-ErrorType} header AWS SDKs turn into typed exceptions. Errors from Bedrock
 * itself never come here: they pass through as Bedrock sent them. Bedrock streams AWS event-stream
 * frames, relayed as they come, so this dialect frames no server-sent events.
 */
public final class BedrockDialect implements WireDialect {
  /** The one instance: the dialect holds no state. */
  public static final BedrockDialect INSTANCE = new BedrockDialect();

  /** Header a stage may set on its {@link ApiError} to choose the AWS error type. */
  public static final String AWS_TYPE = ApiError.AWS_ERROR_TYPE;

  private static final String NAMESPACE = ":http://internal.amazon.com/coral/com.amazon.coral.service/";

  private BedrockDialect() {}

  @Override
  public Reply.Complete errorReply(ApiError error, String requestId) {
    MultiMap headers = HttpHeaders.headers();
    String awsType = error.headers().getOrDefault(AWS_TYPE, awsType(error));
    for (Map.Entry<String, String> header : error.headers().entrySet()) {
      if (!header.getKey().equals(AWS_TYPE)) {
        headers.add(header.getKey(), header.getValue());
      }
    }
    headers.add("content-type", "application/json").add("x-amzn-ErrorType", awsType + NAMESPACE)
        .add("x-amzn-RequestId", requestId);
    ObjectNode body = Json.MAPPER.createObjectNode().put("type", "error");
    body.putObject("error").put("type", error.type().code()).put("message", error.message());
    body.put("request_id", requestId).put("message", error.message());
    // Bedrock answers ServiceUnavailableException with 503, which AWS SDKs retry; they do not retry a 529.
    int status = error.type() == ErrorType.OVERLOADED ? 503 : error.status();
    return new Reply.Complete(status, headers, Buffer.buffer(body.toString()));
  }

  @Override
  public SseFraming sse() {
    throw new UnsupportedOperationException(
        "the Bedrock pass-through relays event-stream frames, not server-sent events");
  }

  private static String awsType(ApiError error) {
    return switch (error.type()) {
      case AUTHENTICATION -> "UnrecognizedClientException";
      case PERMISSION -> "AccessDeniedException";
      case NOT_FOUND -> "UnknownOperationException";
      case RATE_LIMIT -> "ThrottlingException";
      case OVERLOADED -> "ServiceUnavailableException";
      case TIMEOUT -> "ModelTimeoutException";
      case API, BILLING -> error.status() == 502 ? "ServiceUnavailableException" : "InternalServerException";
      case INVALID_REQUEST, REQUEST_TOO_LARGE -> "ValidationException";
    };
  }
}
