package dev.claudebedrock.sim.http;

import dev.claudebedrock.sim.Operation;
import io.vertx.core.http.HttpMethod;

/**
 * A matched route.
 *
 * @param operation the operation
 * @param rawId     the model id or profile id segment, still percent-encoded, or null
 */
record Route(Operation operation, String rawId) {
  private static final String MODEL = "/model/";
  private static final String PROFILES = "/inference-profiles";
  /** Bedrock's native Messages API, served on its own host in AWS and beside the runtime paths here. */
  static final String MANTLE_MESSAGES = "/anthropic/v1/messages";
  static final String MANTLE_COUNT_TOKENS = "/anthropic/v1/messages/count_tokens";

  /** The route of a request, or null when the simulator has no such operation. */
  static Route match(HttpMethod method, String path) {
    if (path.startsWith(MODEL) && method == HttpMethod.POST) {
      String rest = path.substring(MODEL.length());
      int slash = rest.lastIndexOf('/');
      // An id with a raw '/' (an ARN whose '/' was not sent as %2F) matches no route, as on Bedrock.
      if (slash <= 0 || rest.lastIndexOf('/', slash - 1) >= 0) {
        return null;
      }
      return Operation.forModelPathSuffix(rest.substring(slash + 1))
          .map(op -> new Route(op, rest.substring(0, slash)))
          .orElse(null);
    }
    if (method == HttpMethod.POST && path.equals(MANTLE_MESSAGES)) {
      return new Route(Operation.MESSAGES, null);
    }
    if (method == HttpMethod.POST && path.equals(MANTLE_COUNT_TOKENS)) {
      return new Route(Operation.MESSAGES_COUNT_TOKENS, null);
    }
    if (method == HttpMethod.GET && path.equals(PROFILES)) {
      return new Route(Operation.LIST_INFERENCE_PROFILES, null);
    }
    if (method == HttpMethod.GET && path.startsWith(PROFILES + "/")) {
      String id = path.substring(PROFILES.length() + 1);
      return id.isEmpty() || id.indexOf('/') >= 0 ? null : new Route(Operation.GET_INFERENCE_PROFILE, id);
    }
    if (method == HttpMethod.POST && path.equals("/")) {
      return new Route(Operation.GET_CALLER_IDENTITY, null);
    }
    return null;
  }
}
