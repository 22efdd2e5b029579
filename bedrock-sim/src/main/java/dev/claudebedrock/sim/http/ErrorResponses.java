package dev.claudebedrock.sim.http;

import dev.claudebedrock.sim.Operation;
import dev.claudebedrock.sim.errors.AnthropicErrors;
import dev.claudebedrock.sim.errors.BedrockError;
import dev.claudebedrock.sim.errors.ErrorType;
import dev.claudebedrock.sim.reply.JsonWriter;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders errors as Bedrock does (JSON with {@code x-amzn-ErrorType}), as STS does (XML) on the STS route, and as the
 * Anthropic API does on the Messages API (with {@code x-amzn-ErrorType} still naming Bedrock's type).
 */
final class ErrorResponses {
  private static final Map<ErrorType, String> STS_CODES = Map.of(
      ErrorType.UNRECOGNIZED_CLIENT, "InvalidClientTokenId",
      ErrorType.INVALID_SIGNATURE, "SignatureDoesNotMatch",
      ErrorType.INCOMPLETE_SIGNATURE, "IncompleteSignature",
      ErrorType.MISSING_AUTHENTICATION_TOKEN, "MissingAuthenticationToken",
      ErrorType.EXPIRED_TOKEN, "ExpiredToken",
      ErrorType.THROTTLING, "Throttling",
      ErrorType.VALIDATION, "ValidationError",
      ErrorType.INTERNAL_SERVER, "InternalFailure",
      ErrorType.SERVICE_UNAVAILABLE, "ServiceUnavailable");

  private ErrorResponses() {}

  /** Sends an error as the answer to an exchange. */
  static void send(Exchange exchange, BedrockError error) {
    Delivery.send(exchange, response(exchange, error), 0, null);
  }

  static Delivery.Response response(Exchange exchange, BedrockError error) {
    if (exchange.operation() == Operation.GET_CALLER_IDENTITY) {
      return new Delivery.Response(error.type().status(), "text/xml",
          stsXml(error, exchange.requestId()).getBytes(StandardCharsets.UTF_8), error.extraHeaders());
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("x-amzn-ErrorType", error.type().errorTypeHeader());
    if (exchange.operation().mantle()) {
      AnthropicErrors.Kind kind = AnthropicErrors.of(error.type());
      headers.putAll(error.extraHeaders());
      return new Delivery.Response(kind.status(), "application/json", anthropicJson(kind, error, exchange.requestId()),
          headers);
    }
    headers.putAll(error.extraHeaders());
    return new Delivery.Response(error.type().status(), "application/json", json(error), headers);
  }

  /** {@code {"message":"…"}} plus the error's extra fields. */
  static byte[] json(BedrockError error) {
    return JsonWriter.bytes(json -> {
      json.writeStartObject();
      json.writeStringField("message", error.getMessage());
      for (Map.Entry<String, Object> field : error.extraFields().entrySet()) {
        json.writeObjectField(field.getKey(), field.getValue());
      }
      json.writeEndObject();
    });
  }

  /** The Anthropic API's error body: {@code {"type":"error","error":{"type":…,"message":…},"request_id":…}}. */
  static byte[] anthropicJson(AnthropicErrors.Kind kind, BedrockError error, String requestId) {
    return JsonWriter.bytes(json -> {
      json.writeStartObject();
      json.writeStringField("type", "error");
      json.writeObjectFieldStart("error");
      json.writeStringField("type", kind.type());
      json.writeStringField("message", error.getMessage());
      json.writeEndObject();
      json.writeStringField("request_id", requestId);
      json.writeEndObject();
    });
  }

  private static String stsXml(BedrockError error, String requestId) {
    String code = STS_CODES.getOrDefault(error.type(), error.type().wireName());
    String type = error.type().status() >= 500 ? "Receiver" : "Sender";
    return "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
        + "  <Error>\n    <Type>" + type + "</Type>\n    <Code>" + code + "</Code>\n"
        + "    <Message>" + Xml.escape(error.getMessage()) + "</Message>\n  </Error>\n"
        + "  <RequestId>" + requestId + "</RequestId>\n</ErrorResponse>\n";
  }
}
