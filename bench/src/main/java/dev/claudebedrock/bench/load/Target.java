package dev.claudebedrock.bench.load;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where requests go: a named base URL, the dialect it speaks, the model it is asked for and the headers that
 * authenticate there.
 */
public record Target(String name, URI baseUrl, Api api, String model, Map<String, String> headers) {
  /** The Anthropic API version every gateway request names. */
  public static final String ANTHROPIC_VERSION = "2023-06-01";

  public Target {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a target needs a name");
    }
    String scheme = baseUrl.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme) || baseUrl.getHost() == null) {
      throw new IllegalArgumentException(
          "target " + name + ": base URL " + baseUrl + " is not an http(s)://host[:port] URL");
    }
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("target " + name + ": no model");
    }
    headers = Map.copyOf(headers);
  }

  /** An Anthropic Messages API endpoint (the gateway), authenticated with a bearer token or an {@code x-api-key}. */
  public static Target anthropic(String name, URI baseUrl, String model, String token, boolean asApiKey) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(asApiKey ? "x-api-key" : "authorization", asApiKey ? token : "Bearer " + token);
    headers.put("anthropic-version", ANTHROPIC_VERSION);
    return new Target(name, baseUrl, Api.ANTHROPIC, model, headers);
  }

  /** An OpenAI Chat Completions endpoint (the gateway's OpenAI front door), authenticated with a bearer token. */
  public static Target openAi(String name, URI baseUrl, String model, String token) {
    return new Target(name, baseUrl, Api.OPENAI, model, Map.of("authorization", "Bearer " + token));
  }

  /** A Bedrock Runtime endpoint (the simulator, or a proxy in front of it) authenticated with a Bedrock API key. */
  public static Target bedrock(String name, URI baseUrl, String modelId, String apiKey) {
    return new Target(name, baseUrl, Api.BEDROCK, modelId, Map.of("authorization", "Bearer " + apiKey));
  }

  /** Bedrock's native Messages API (the simulator's) authenticated with a Bedrock API key. */
  public static Target mantle(String name, URI baseUrl, String modelId, String apiKey) {
    return new Target(name, baseUrl, Api.MANTLE, modelId,
        Map.of("authorization", "Bearer " + apiKey, "anthropic-version", ANTHROPIC_VERSION));
  }

  /** The request URI: the base URL's path followed by the API's path for the model. */
  public String requestUri(boolean stream) {
    String base = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath().replaceAll("/+$", "");
    return base + api.path(model, stream);
  }

  public boolean tls() {
    return "https".equals(baseUrl.getScheme());
  }

  public int port() {
    return baseUrl.getPort() > 0 ? baseUrl.getPort() : tls() ? 443 : 80;
  }
}
