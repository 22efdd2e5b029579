package dev.claudebedrock.proxy.passthrough;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.anthropic.ApiError;
import dev.claudebedrock.proxy.anthropic.ApiException;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.Interceptor;
import dev.claudebedrock.proxy.server.Json;
import dev.claudebedrock.proxy.server.Reply;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import java.util.Map;

/**
 * Errors the gateway itself raises on the pass-through (a wrong token, an unknown path, Bedrock
 * unreachable) in a shape both kinds of client read: the Anthropic error body, plus the top-level
 * {@code message} and the {@code x-amzn-ErrorType} header AWS SDKs turn into typed exceptions.
 * Errors from Bedrock itself are not touched here: they pass through as Bedrock sent them.
 */
public final class AwsShapedErrors implements Interceptor {
  /** Header a stage may set on its {@link ApiError} to choose the AWS error type. */
  public static final String AWS_TYPE = "x-amzn-errortype";

  private static final String NAMESPACE = ":http://internal.amazon.com/coral/com.amazon.coral.service/";

  @Override
  public Future<Reply> intercept(Chain chain) {
    Exchange exchange = chain.exchange();
    return chain.proceed().recover(failure -> failure instanceof ApiException api
        ? Future.succeededFuture(awsShaped(exchange, api.error()))
        : Future.failedFuture(failure));
  }

  private static Reply awsShaped(Exchange exchange, ApiError error) {
    exchange.facts().errorType(error.type().wireName());
    MultiMap headers = HttpHeaders.headers();
    String awsType = error.headers().getOrDefault(AWS_TYPE, awsType(error));
    for (Map.Entry<String, String> header : error.headers().entrySet()) {
      if (!header.getKey().equals(AWS_TYPE)) {
        headers.add(header.getKey(), header.getValue());
      }
    }
    headers.add("content-type", "application/json").add("x-amzn-ErrorType", awsType + NAMESPACE)
        .add("x-amzn-RequestId", exchange.requestId());
    ObjectNode body = Json.MAPPER.createObjectNode().put("type", "error");
    body.putObject("error").put("type", error.type().wireName()).put("message", error.message());
    body.put("request_id", exchange.requestId()).put("message", error.message());
    return new Reply.Complete(error.status(), headers, Buffer.buffer(body.toString()));
  }

  private static String awsType(ApiError error) {
    return switch (error.type()) {
      case AUTHENTICATION -> "UnrecognizedClientException";
      case PERMISSION -> "AccessDeniedException";
      case NOT_FOUND -> "UnknownOperationException";
      case RATE_LIMIT -> "ThrottlingException";
      case OVERLOADED -> "ServiceUnavailableException";
      case TIMEOUT -> "ModelTimeoutException";
      case API, BILLING -> "InternalServerException";
      case INVALID_REQUEST, REQUEST_TOO_LARGE -> "ValidationException";
    };
  }
}
