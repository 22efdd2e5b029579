package dev.claudebedrock.proxy.passthrough;

import dev.claudebedrock.proxy.bedrock.Operation;
import io.vertx.core.http.HttpMethod;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pass-through request path, recognised exactly: the Bedrock operations the pass-through serves
 * and nothing else. Whatever follows {@code /bedrock} must be one of these shapes; anything else
 * (dot segments, doubled slashes, other operations) is refused, so a client cannot steer the
 * request anywhere but the configured endpoints' own paths.
 *
 * @param operation the Bedrock operation
 * @param modelId the model id (or inference-profile id / ARN) decoded, for policy and metrics
 * @param rawPath the path to send upstream, exactly as the client encoded it ({@code :} raw, {@code %2F} kept)
 */
public record BedrockPath(Operation operation, String modelId, String rawPath) {
  /** The prefix the pass-through is mounted at. */
  public static final String PREFIX = "/bedrock";

  private static final Pattern MODEL_OPERATION = Pattern
      .compile("/model/([A-Za-z0-9._:%-]{1,2048})/(invoke|invoke-with-response-stream|count-tokens)");
  private static final Pattern PROFILES = Pattern.compile("/inference-profiles(?:/([A-Za-z0-9._:%-]{1,2048}))?");
  private static final Pattern QUERY = Pattern.compile("[A-Za-z0-9._~%=&+-]{0,2048}");
  private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9._:/-]{1,2048}");

  /** Recognises a request; empty when it is not a pass-through operation. */
  public static Optional<BedrockPath> parse(HttpMethod method, String rawPath, String rawQuery) {
    if (!rawPath.startsWith(PREFIX + "/")) {
      return Optional.empty();
    }
    String path = rawPath.substring(PREFIX.length());
    Matcher model = MODEL_OPERATION.matcher(path);
    if (model.matches() && method == HttpMethod.POST) {
      Optional<String> id = decode(model.group(1));
      Operation operation = switch (model.group(2)) {
        case "invoke" -> Operation.INVOKE;
        case "invoke-with-response-stream" -> Operation.INVOKE_STREAM;
        default -> Operation.COUNT_TOKENS;
      };
      return id.map(modelId -> new BedrockPath(operation, modelId, path));
    }
    Matcher profiles = PROFILES.matcher(path);
    if (profiles.matches() && method == HttpMethod.GET) {
      String query = rawQuery == null ? "" : rawQuery;
      if (!QUERY.matcher(query).matches()) {
        return Optional.empty();
      }
      String withQuery = query.isEmpty() ? path : path + "?" + query;
      if (profiles.group(1) == null) {
        return Optional.of(new BedrockPath(Operation.LIST_INFERENCE_PROFILES, "", withQuery));
      }
      return decode(profiles.group(1)).map(id -> new BedrockPath(Operation.GET_INFERENCE_PROFILE, id, withQuery));
    }
    return Optional.empty();
  }

  /** This path with another model id (a configured override), encoded as Bedrock clients encode it. */
  public BedrockPath withModel(String otherModelId) {
    return new BedrockPath(operation, otherModelId, operation.path(otherModelId));
  }

  /** Percent-decodes {@code %2F} and {@code %3A} (all a model id can hold); any other escape is refused. */
  private static Optional<String> decode(String segment) {
    StringBuilder id = new StringBuilder(segment.length());
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c != '%') {
        id.append(c);
        continue;
      }
      if (i + 2 >= segment.length()) {
        return Optional.empty();
      }
      String escape = segment.substring(i + 1, i + 3).toUpperCase(java.util.Locale.ROOT);
      switch (escape) {
        case "2F" -> id.append('/');
        case "3A" -> id.append(':');
        default -> {
          return Optional.empty();
        }
      }
      i += 2;
    }
    String decoded = id.toString();
    return MODEL_ID.matcher(decoded).matches() && !decoded.contains("..") && !decoded.startsWith("/")
        ? Optional.of(decoded) : Optional.empty();
  }
}
