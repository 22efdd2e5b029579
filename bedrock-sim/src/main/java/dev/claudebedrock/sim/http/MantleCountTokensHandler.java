package dev.claudebedrock.sim.http;

import dev.claudebedrock.sim.reply.JsonWriter;
import java.util.Map;

/**
 * {@code POST /anthropic/v1/messages/count_tokens}: a Messages body in, {@code {"input_tokens":N}} out, for every
 * model (Bedrock's CountTokens only counts for some).
 */
final class MantleCountTokensHandler implements OperationHandler {
  private final SimulatorServices services;

  MantleCountTokensHandler(SimulatorServices services) {
    this.services = services;
  }

  @Override
  public void handle(Exchange exchange) {
    MantleBodies request = MantleBodies.read(exchange, services, true);
    int tokens = services.replies().countTokens(request.invoke());
    byte[] json = JsonWriter.bytes(out -> {
      out.writeStartObject();
      out.writeNumberField("input_tokens", tokens);
      out.writeEndObject();
    });
    Delivery.send(exchange, new Delivery.Response(200, ContentTypes.JSON, json, Map.of()), 0, null);
  }
}
