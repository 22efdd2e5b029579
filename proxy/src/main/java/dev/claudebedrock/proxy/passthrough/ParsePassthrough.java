package dev.claudebedrock.proxy.passthrough;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.bedrock.BedrockCall;
import dev.claudebedrock.proxy.bedrock.Operation;
import dev.claudebedrock.proxy.bedrock.ResolvedModel;
import dev.claudebedrock.proxy.config.PassthroughConfig;
import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ErrorType;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.gateway.Plan;
import dev.claudebedrock.proxy.gateway.Target;
import dev.claudebedrock.proxy.invoke.InvokeBodyRewriter;
import dev.claudebedrock.proxy.observability.LogSetup;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.Interceptor;
import dev.claudebedrock.proxy.server.ReadBody;
import dev.claudebedrock.proxy.server.Reply;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a pass-through request into the Bedrock call the gateway makes for it: the operation
 * recognised from the raw path, a configured model override applied, the body forwarded byte for
 * byte unless the Bedrock policy has something to change, and a fresh header set.
 */
public final class ParsePassthrough implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger(ParsePassthrough.class);
  private static final Logger bodies = LoggerFactory.getLogger(LogSetup.BODIES_LOGGER);

  private final PassthroughConfig config;
  private final InvokeBodyRewriter policy;
  private final Target target;

  public ParsePassthrough(PassthroughConfig config, InvokeBodyRewriter policy, Target target) {
    this.config = config;
    this.policy = policy;
    this.target = target;
  }

  @Override
  public Future<Reply> intercept(Chain chain) {
    Exchange exchange = chain.exchange();
    BedrockPath path = BedrockPath.parse(exchange.request().method(), exchange.request().path(),
        exchange.request().query()).orElse(null);
    if (path == null) {
      return Future.failedFuture(ApiError.of(ErrorType.NOT_FOUND, "Not a Bedrock operation the pass-through serves: "
          + exchange.request().method().name() + " " + exchange.request().path()).exception());
    }
    String requested = path.modelId();
    String override = config.modelOverrides().get(requested);
    if (override != null) {
      path = path.withModel(override);
    }
    Buffer body = exchange.get(ReadBody.BODY);
    if (config.applyPolicy()) {
      body = applyPolicy(exchange, path.operation(), body);
    }
    if (bodies.isDebugEnabled() && body.length() > 0) {
      bodies.debug("request {}: body sent to Bedrock: {}", exchange.requestId(), body);
    }
    exchange.put(BedrockCall.KEY, new BedrockCall(path.operation(), exchange.request().method().name(), path.rawPath(),
        ForwardedHeaders.towardsBedrock(exchange.request().headers()), body));
    exchange.put(Plan.KEY, new Plan(new ResolvedModel(requested, path.modelId(), path.modelId()), "passthrough",
        List.of(new Plan.Step(target, path.modelId(), path.modelId()))));
    exchange.facts().model(requested).bedrockModel(path.modelId()).stream(path.operation() == Operation.INVOKE_STREAM)
        .routeChoice("passthrough");
    return chain.proceed();
  }

  /** The body with the Bedrock policy applied, or the very same bytes when the policy changes nothing. */
  private Buffer applyPolicy(Exchange exchange, Operation operation, Buffer body) {
    if (body.length() == 0 || operation.controlPlane()) {
      return body;
    }
    try {
      JsonNode json = Json.MAPPER.readTree(body.getBytes());
      if (!(json instanceof ObjectNode object)) {
        return body;
      }
      if (operation == Operation.COUNT_TOKENS) {
        return countTokensBody(exchange, object, body);
      }
      List<String> dropped = policy.applyBedrockPolicy(object);
      if (dropped.isEmpty()) {
        return body;
      }
      log.debug("request {}: the Bedrock policy changed {}", exchange.requestId(), dropped);
      return Buffer.buffer(Json.MAPPER.writeValueAsBytes(object));
    } catch (JsonParseException e) {
      if (e.getOriginalMessage().startsWith("Duplicate field")) {
        // Bedrock might read the other copy of the field than the policy did: never forwarded.
        throw ApiError.of(ErrorType.INVALID_REQUEST, "The request body is not valid: " + e.getOriginalMessage())
            .exception();
      }
      return body;
    } catch (IOException | IllegalArgumentException e) {
      return body;
    }
  }

  /** CountTokens carries the InvokeModel body base64-encoded inside {@code input.invokeModel.body}. */
  private Buffer countTokensBody(Exchange exchange, ObjectNode envelope, Buffer original) throws IOException {
    JsonNode encoded = envelope.path("input").path("invokeModel").path("body");
    if (!encoded.isTextual()) {
      return original;
    }
    JsonNode inner = Json.MAPPER.readTree(Base64.getDecoder().decode(encoded.asText()));
    if (!(inner instanceof ObjectNode innerBody)) {
      return original;
    }
    List<String> dropped = policy.applyBedrockPolicy(innerBody);
    if (dropped.isEmpty()) {
      return original;
    }
    log.debug("request {}: the Bedrock policy changed {} from the counted body", exchange.requestId(), dropped);
    String reencoded = Base64.getEncoder().encodeToString(Json.MAPPER.writeValueAsBytes(innerBody));
    ((ObjectNode) envelope.get("input").get("invokeModel")).put("body", reencoded);
    return Buffer.buffer(Json.MAPPER.writeValueAsBytes(envelope));
  }
}
