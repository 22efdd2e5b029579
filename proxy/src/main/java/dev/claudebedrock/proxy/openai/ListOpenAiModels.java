package dev.claudebedrock.proxy.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.bedrock.ModelCatalog;
import dev.claudebedrock.proxy.config.ModelEntry;
import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ErrorType;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.server.Interceptor;
import dev.claudebedrock.proxy.server.Reply;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code GET /openai/v1/models} and {@code GET /openai/v1/models/{id}}: the served models in OpenAI's list shape, the
 * operator's OpenAI-facing aliases first (what OpenAI model pickers look for).
 */
public final class ListOpenAiModels implements Interceptor {
  /** The path of the list; a model's path adds {@code /{id}}. */
  public static final String PATH = "/openai/v1/models";

  private final ModelCatalog catalog;
  private final List<ModelEntry> models;
  private final Map<String, String> aliases;

  /** @param aliases OpenAI-facing model names and the served model each stands for */
  public ListOpenAiModels(ModelCatalog catalog, Map<String, String> aliases) {
    this.catalog = catalog;
    this.models = catalog.served().stream().sorted(Comparator.comparing(ModelEntry::createdAt).reversed()).toList();
    this.aliases = new TreeMap<>(aliases);
  }

  @Override
  public Future<Reply> intercept(Chain chain) {
    String path = chain.exchange().request().path();
    if (path.length() > PATH.length() + 1) {
      String id = path.substring(PATH.length() + 1);
      Optional<ModelEntry> model = catalog.find(aliases.getOrDefault(id, id));
      if (model.isEmpty()) {
        return Future.failedFuture(ApiError.of(ErrorType.NOT_FOUND, "The model " + id
            + " does not exist or is not served by this gateway").exception());
      }
      ObjectNode one = describe(model.get());
      one.put("id", id);
      return Future.succeededFuture(json(one));
    }
    ObjectNode list = Json.MAPPER.createObjectNode();
    list.put("object", "list");
    ArrayNode data = list.putArray("data");
    aliases.forEach((alias, target) -> catalog.find(target).ifPresent(m -> data.add(describe(m).put("id", alias))));
    models.forEach(m -> data.add(describe(m)));
    return Future.succeededFuture(json(list));
  }

  private static ObjectNode describe(ModelEntry model) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("id", model.name());
    node.put("object", "model");
    node.put("created", model.createdAt().getEpochSecond());
    node.put("owned_by", "anthropic");
    return node;
  }

  private static Reply json(ObjectNode body) {
    return new Reply.Complete(200, HttpHeaders.headers().add("content-type", "application/json"),
        Buffer.buffer(body.toString()));
  }
}
