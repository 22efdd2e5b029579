package dev.claudebedrock.proxy.passthrough;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.bedrock.BedrockCall;
import dev.claudebedrock.proxy.bedrock.ModelCatalog;
import dev.claudebedrock.proxy.bedrock.ModelIds;
import dev.claudebedrock.proxy.bedrock.Operation;
import dev.claudebedrock.proxy.bedrock.ResolvedModel;
import dev.claudebedrock.proxy.config.ModelEntry;
import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ErrorType;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.gateway.Plan;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.Interceptor;
import dev.claudebedrock.proxy.server.Reply;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Answers the inference-profile calls Claude Code's Bedrock mode makes at start-up from the
 * gateway's own model table, when configured: no control-plane call, no 8-second wait, no
 * {@code bedrock:ListInferenceProfiles} permission needed. Otherwise the calls go to Bedrock.
 */
public final class CatalogInferenceProfiles implements Interceptor {
  private final boolean enabled;
  private final Map<String, ObjectNode> profiles = new LinkedHashMap<>();

  public CatalogInferenceProfiles(boolean enabled, ModelCatalog catalog, String region, String accountId) {
    this.enabled = enabled;
    for (ModelEntry entry : catalog.served()) {
      Optional<ResolvedModel> resolved = catalog.resolve(entry.name());
      resolved.filter(m -> !m.bedrockId().startsWith("arn:") && !m.countTokensId().equals(m.bedrockId()))
          .ifPresent(m -> profiles.putIfAbsent(m.bedrockId(), summary(entry, m, region, accountId)));
    }
  }

  @Override
  public Future<Reply> intercept(Chain chain) {
    Operation operation = chain.exchange().get(BedrockCall.KEY).operation();
    if (!enabled || !operation.controlPlane()) {
      return chain.proceed();
    }
    Exchange exchange = chain.exchange();
    if (operation == Operation.LIST_INFERENCE_PROFILES) {
      ObjectNode list = Json.MAPPER.createObjectNode();
      ArrayNode summaries = list.putArray("inferenceProfileSummaries");
      if (!"APPLICATION".equals(exchange.request().getParam("type"))) {
        profiles.values().forEach(summaries::add);
      }
      return Future.succeededFuture(json(list));
    }
    String id = ModelIds.resourceId(exchange.get(Plan.KEY).model().bedrockId());
    ObjectNode profile = profiles.get(id);
    if (profile == null) {
      return Future.failedFuture(ApiError.of(ErrorType.NOT_FOUND, "Inference profile " + id + " not found")
          .withHeader(BedrockDialect.AWS_TYPE, "ResourceNotFoundException").exception());
    }
    return Future.succeededFuture(json(profile));
  }

  private static ObjectNode summary(ModelEntry entry, ResolvedModel model, String region, String accountId) {
    String id = model.bedrockId();
    String geo = id.substring(0, id.indexOf('.'));
    ObjectNode summary = Json.MAPPER.createObjectNode();
    summary.put("inferenceProfileName", geo.toUpperCase(java.util.Locale.ROOT) + " " + entry.displayName());
    summary.put("description", "Routes requests to " + entry.displayName() + " within the " + geo + " geography.");
    summary.put("createdAt", entry.createdAt().toString());
    summary.put("updatedAt", entry.createdAt().toString());
    summary.put("inferenceProfileArn", "arn:aws:bedrock:" + region + ":" + accountId + ":inference-profile/" + id);
    summary.putArray("models").addObject()
        .put("modelArn", "arn:aws:bedrock:" + region + "::foundation-model/" + model.countTokensId());
    summary.put("inferenceProfileId", id);
    summary.put("status", "ACTIVE");
    summary.put("type", "SYSTEM_DEFINED");
    return summary;
  }

  private static Reply json(ObjectNode body) {
    return new Reply.Complete(200, HttpHeaders.headers().add("content-type", "application/json"),
        Buffer.buffer(body.toString()));
  }
}
