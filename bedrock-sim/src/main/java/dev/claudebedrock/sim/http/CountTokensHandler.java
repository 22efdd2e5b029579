package dev.claudebedrock.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.sim.errors.BedrockError;
import dev.claudebedrock.sim.reply.JsonWriter;
import dev.claudebedrock.sim.validation.JsonBodies;

import java.util.Base64;
import java.util.Map;

/**
 * CountTokens with the {@code {"input":{"invokeModel":{"body":"<base64>"}}}} member. The {@code converse} member is
 * refused with a ValidationException: the simulator only counts InvokeModel bodies.
 */
final class CountTokensHandler implements OperationHandler {
  private final SimulatorServices services;

  CountTokensHandler(SimulatorServices services) {
    this.services = services;
  }

  @Override
  public void handle(Exchange exchange) {
    services.catalog().resolveForCountTokens(exchange.modelId());
    ContentTypes.requireJson(exchange);
    JsonNode input = JsonBodies.parseObject(exchange.body()).get("input");
    if (input == null || !input.isObject()) {
      throw BedrockError.validation("1 validation error detected: Value null at 'input' failed to satisfy constraint: "
          + "Member must not be null");
    }
    if (input.has("converse")) {
      throw BedrockError.validation("The converse input of CountTokens is not supported by this simulator; "
          + "count an invokeModel body instead.");
    }
    JsonNode encoded = input.path("invokeModel").path("body");
    if (!encoded.isTextual()) {
      throw BedrockError.validation("1 validation error detected: Value null at 'input.invokeModel.body' failed to "
          + "satisfy constraint: Member must not be null");
    }
    byte[] invokeBody;
    try {
      invokeBody = Base64.getDecoder().decode(encoded.asText());
    } catch (IllegalArgumentException e) {
      throw BedrockError.validation("Malformed input request, please reformat your input and try again.");
    }
    ObjectNode body = JsonBodies.parseObject(invokeBody);
    services.validator().validate(body);
    int tokens = services.replies().countTokens(body);
    byte[] json = JsonWriter.bytes(out -> {
      out.writeStartObject();
      out.writeNumberField("inputTokens", tokens);
      out.writeEndObject();
    });
    Delivery.send(exchange, new Delivery.Response(200, ContentTypes.JSON, json, Map.of()), 0, null);
  }
}
