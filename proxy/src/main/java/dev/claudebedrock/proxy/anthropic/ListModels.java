package dev.claudebedrock.proxy.anthropic;

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
import io.vertx.core.http.HttpServerRequest;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** {@code GET /v1/models} and {@code GET /v1/models/{id}}: the models the gateway serves, in the Anthropic shape. */
public final class ListModels implements Interceptor {
  private static final String PREFIX = "/v1/models/";

  private final List<ModelEntry> models;
  private final ModelCatalog catalog;

  public ListModels(ModelCatalog catalog) {
    this.catalog = catalog;
    this.models = catalog.served().stream()
        .sorted(Comparator.comparing(ModelEntry::createdAt).reversed())
        .toList();
  }

  @Override
  public Future<Reply> intercept(Chain chain) {
    HttpServerRequest request = chain.exchange().request();
    String path = request.path();
    if (path.startsWith(PREFIX) && path.length() > PREFIX.length()) {
      String id = path.substring(PREFIX.length());
      Optional<ModelEntry> model = catalog.find(id);
      if (model.isEmpty()) {
        return Future.failedFuture(
            ApiError.of(ErrorType.NOT_FOUND, "model: " + id + " is not served by this gateway").exception());
      }
      return Future.succeededFuture(json(describe(model.get())));
    }
    int limit;
    try {
      limit = request.getParam("limit") == null ? 20 : Integer.parseInt(request.getParam("limit"));
    } catch (NumberFormatException e) {
      return Future
          .failedFuture(ApiError.of(ErrorType.INVALID_REQUEST, "limit: Input should be a valid integer").exception());
    }
    if (limit < 1 || limit > 1000) {
      return Future.failedFuture(
          ApiError.of(ErrorType.INVALID_REQUEST, "limit: Input should be between 1 and 1000").exception());
    }
    return Future.succeededFuture(json(page(limit, request.getParam("after_id"), request.getParam("before_id"))));
  }

  private ObjectNode page(int limit, String afterId, String beforeId) {
    int from = 0;
    int to = models.size();
    if (afterId != null) {
      from = indexOf(afterId) + 1;
    }
    if (beforeId != null) {
      to = Math.max(0, indexOf(beforeId));
      from = Math.max(from, to - limit);
    }
    List<ModelEntry> selected = from >= to ? List.of() : models.subList(from, Math.min(to, from + limit));
    ObjectNode page = Json.MAPPER.createObjectNode();
    ArrayNode data = page.putArray("data");
    selected.forEach(m -> data.add(describe(m)));
    boolean more = beforeId != null ? from > 0 : from + selected.size() < to;
    page.put("has_more", more);
    if (selected.isEmpty()) {
      page.putNull("first_id");
      page.putNull("last_id");
    } else {
      page.put("first_id", selected.get(0).name());
      page.put("last_id", selected.get(selected.size() - 1).name());
    }
    return page;
  }

  private int indexOf(String id) {
    for (int i = 0; i < models.size(); i++) {
      if (models.get(i).name().equals(id)) {
        return i;
      }
    }
    throw ApiError.of(ErrorType.INVALID_REQUEST, "No model with id " + id + " to page from").exception();
  }

  private static ObjectNode describe(ModelEntry model) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("type", "model");
    node.put("id", model.name());
    node.put("display_name", model.displayName());
    node.put("created_at", model.createdAt().toString());
    return node;
  }

  private static Reply json(ObjectNode body) {
    return new Reply.Complete(200, HttpHeaders.headers().add("content-type", "application/json"),
        Buffer.buffer(body.toString()));
  }
}
