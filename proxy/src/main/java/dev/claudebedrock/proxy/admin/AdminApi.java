package dev.claudebedrock.proxy.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ApiException;
import dev.claudebedrock.proxy.core.ErrorType;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.governance.Administration;
import dev.claudebedrock.proxy.governance.SpendReports;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.Interceptor;
import dev.claudebedrock.proxy.server.ReadBody;
import dev.claudebedrock.proxy.server.Reply;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/**
 * The admin API's endpoints under {@code /admin/v1}: teams, keys, audit log, spend and requests.
 * The work runs on a worker thread (it reads and writes the database); the event loop only routes.
 */
public final class AdminApi implements Interceptor {
  /** Where the admin API lives. */
  public static final String PREFIX = "/admin/v1/";

  private final Vertx vertx;
  private final Administration admin;
  private final SpendReports spend;

  public AdminApi(Vertx vertx, Administration admin, SpendReports spend) {
    this.vertx = vertx;
    this.admin = admin;
    this.spend = spend;
  }

  @Override
  public Future<Reply> intercept(Chain chain) {
    Exchange exchange = chain.exchange();
    HttpServerRequest request = exchange.request();
    String[] parts = request.path().substring(PREFIX.length()).split("/", -1);
    HttpMethod method = request.method();
    Buffer raw = exchange.find(ReadBody.BODY);
    return vertx.executeBlocking(() -> dispatch(method, parts, raw, request), false);
  }

  private Reply dispatch(HttpMethod method, String[] parts, Buffer raw, HttpServerRequest request) throws Exception {
    String resource = parts[0];
    String id = parts.length > 1 ? parts[1] : null;
    String action = parts.length > 2 ? parts[2] : null;
    if (parts.length > 3 || (id != null && id.isEmpty())) {
      throw notFound(method, request.path());
    }
    switch (resource) {
      case "teams" -> {
        if (id == null && method == HttpMethod.POST) {
          return json(201, admin.createTeam(body(raw)));
        }
        if (id == null && method == HttpMethod.GET) {
          return json(200, admin.listTeams());
        }
        if (id != null && action == null) {
          if (method == HttpMethod.GET) {
            return json(200, admin.getTeam(id));
          }
          if (method == HttpMethod.PATCH) {
            return json(200, admin.updateTeam(id, body(raw)));
          }
          if (method == HttpMethod.DELETE) {
            return json(200, admin.deleteTeam(id));
          }
        }
      }
      case "keys" -> {
        if (id == null && method == HttpMethod.POST) {
          return json(201, admin.createKey(body(raw)));
        }
        if (id == null && method == HttpMethod.GET) {
          return json(200, admin.listKeys(request.getParam("team_id")));
        }
        if (id != null && action == null) {
          if (method == HttpMethod.GET) {
            return json(200, admin.getKey(id));
          }
          if (method == HttpMethod.PATCH) {
            return json(200, admin.updateKey(id, body(raw)));
          }
          if (method == HttpMethod.DELETE) {
            return json(200, admin.revokeKey(id));
          }
        }
        if (id != null && "rotate".equals(action) && method == HttpMethod.POST) {
          return json(200, admin.rotateKey(id, raw == null || raw.length() == 0 ? null : body(raw)));
        }
      }
      case "audit" -> {
        if (id == null && method == HttpMethod.GET) {
          return json(200, admin.audit(limit(request, 100, 1000)));
        }
      }
      case "spend" -> {
        if (id == null && method == HttpMethod.GET) {
          SpendReports.Report report = spend.spend(request.getParam("group_by"), request.getParam("from"),
              request.getParam("to"), request.getParam("team_id"));
          String accept = request.getHeader("accept");
          if (accept != null && accept.contains("text/csv")) {
            return new Reply.Complete(200, HttpHeaders.headers().add("content-type", "text/csv; charset=utf-8"),
                Buffer.buffer(report.csv()));
          }
          return json(200, report.json());
        }
      }
      case "requests" -> {
        if (id == null && method == HttpMethod.GET) {
          return json(200, spend.requests(request.getParam("key_id"), limit(request, 100, 10_000)));
        }
      }
      default -> throw notFound(method, request.path());
    }
    throw notFound(method, request.path());
  }

  private static int limit(HttpServerRequest request, int defaultValue, int max) {
    String text = request.getParam("limit");
    if (text == null || text.isEmpty()) {
      return defaultValue;
    }
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= max) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiError.of(ErrorType.INVALID_REQUEST, "limit must be an integer from 1 to " + max).exception();
  }

  private static JsonNode body(Buffer raw) {
    if (raw == null || raw.length() == 0) {
      throw ApiError.of(ErrorType.INVALID_REQUEST, "The request body is empty; it must be a JSON object").exception();
    }
    try {
      JsonNode json = Json.MAPPER.readTree(raw.getBytes());
      if (json == null || !json.isObject()) {
        throw ApiError.of(ErrorType.INVALID_REQUEST, "The request body must be a JSON object").exception();
      }
      return json;
    } catch (JsonProcessingException e) {
      throw ApiError.of(ErrorType.INVALID_REQUEST, "The request body is not valid JSON: " + e.getOriginalMessage())
          .exception();
    } catch (java.io.IOException e) {
      throw ApiError.of(ErrorType.INVALID_REQUEST, "The request body could not be read as JSON").exception();
    }
  }

  private static Reply json(int status, ObjectNode body) {
    return new Reply.Complete(status, HttpHeaders.headers().add("content-type", "application/json"),
        Buffer.buffer(body.toString()));
  }

  private static ApiException notFound(HttpMethod method, String path) {
    return ApiError.of(ErrorType.NOT_FOUND, "Not found: " + method.name() + " " + path).exception();
  }
}
