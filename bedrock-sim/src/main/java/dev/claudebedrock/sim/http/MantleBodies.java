package dev.claudebedrock.sim.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.sim.errors.BedrockError;
import dev.claudebedrock.sim.models.ResolvedModel;
import dev.claudebedrock.sim.validation.InvokeBodyValidator;
import dev.claudebedrock.sim.validation.JsonBodies;

/**
 * A Messages API request read into what the simulator's validator and reply engine take, the InvokeModel body:
 * {@code model} and {@code stream} leave the body, {@code anthropic_version} comes in. Betas arrive as the
 * {@code anthropic-beta} header and are not judged (the Messages API takes the Anthropic API's betas), and neither is
 * {@code context_management}, which the Messages API takes with any edit, nor a message's {@code output_config}
 * (per-turn control).
 *
 * @param model  the model the body names
 * @param stream whether the body asks for a stream
 * @param invoke the body in InvokeModel's form
 */
record MantleBodies(ResolvedModel model, boolean stream, ObjectNode invoke) {

  /** Reads a request of the Messages API or throws the 4xx it is answered with. */
  static MantleBodies read(Exchange exchange, SimulatorServices services, boolean counting) {
    ContentTypes.requireJson(exchange);
    if (!counting && exchange.firstHeader("anthropic-version") == null) {
      throw BedrockError.validation("anthropic-version: header is required");
    }
    ObjectNode body = JsonBodies.parseObject(exchange.body());
    JsonNode model = body.remove("model");
    if (model == null || !model.isTextual()) {
      throw BedrockError.validation(model == null ? "model: Field required" : "model: Input should be a valid string");
    }
    ResolvedModel resolved = services.catalog().resolveForMessages(model.asText());
    JsonNode stream = body.remove("stream");
    if (stream != null && !stream.isBoolean()) {
      throw BedrockError.validation("stream: Input should be a valid boolean");
    }
    if (body.has("anthropic_version") || body.has("anthropic_beta")) {
      String field = body.has("anthropic_version") ? "anthropic_version" : "anthropic_beta";
      throw BedrockError.validation(field + ": Extra inputs are not permitted");
    }
    JsonNode contextManagement = body.remove("context_management");
    if (contextManagement != null && !contextManagement.isObject()) {
      throw BedrockError.validation("context_management: Input should be a valid dictionary");
    }
    for (JsonNode message : body.path("messages")) {
      if (message instanceof ObjectNode turn) {
        turn.remove("output_config"); // per-turn control, which the Messages API takes with its beta
      }
    }
    if (counting && !body.has("max_tokens")) {
      body.put("max_tokens", 1); // counting needs no output budget; the validator wants one
    }
    body.put("anthropic_version", InvokeBodyValidator.ANTHROPIC_VERSION);
    services.validator().validate(body);
    return new MantleBodies(resolved, stream != null && stream.asBoolean(), body);
  }
}
