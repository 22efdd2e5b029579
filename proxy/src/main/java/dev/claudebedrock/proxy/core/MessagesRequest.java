package dev.claudebedrock.proxy.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A parsed Messages (or count_tokens) request: the facts the gateway decides on, read once when the request was
 * parsed, and the body. A body that arrived as bytes ({@link #raw()}) is a tree only if a stage asks for one
 * ({@link #body()}: count_tokens, the cache key, token estimates, tracing's content capture); the paths that
 * splice the bytes never do. Used on the event loop of its exchange only.
 */
public final class MessagesRequest {
  /** Where {@link ParseMessages} leaves the request. */
  public static final AttributeKey<MessagesRequest> KEY = AttributeKey.named("messages-request");

  private final String model;
  private final boolean stream;
  private final List<String> betaHeaders;
  private final int bodyBytes;
  private final JsonBytes raw;
  private final boolean thinking;
  private final Double temperature;
  private final Long maxTokens;
  private ObjectNode body;
  private long inputTokens = -1;

  private MessagesRequest(ObjectNode body, JsonBytes raw, String model, boolean stream, List<String> betaHeaders,
      int bodyBytes, boolean thinking, Double temperature, Long maxTokens) {
    this.body = body;
    this.raw = raw;
    this.model = model;
    this.stream = stream;
    this.betaHeaders = betaHeaders;
    this.bodyBytes = bodyBytes;
    this.thinking = thinking;
    this.temperature = temperature;
    this.maxTokens = maxTokens;
  }

  /**
   * A request whose body a front door built (no client bytes to splice): that tree is the body to send, and the
   * facts are read from it.
   */
  public MessagesRequest(ObjectNode body, String model, boolean stream, List<String> betaHeaders, int bodyBytes) {
    this(body, null, model, stream, betaHeaders, bodyBytes, thinking(body), temperature(body.get("temperature")),
        maxTokens(body.get("max_tokens")));
  }

  /**
   * A request read from the client's bytes in one pass, which found its facts.
   *
   * @param raw the body's bytes as the client sent them
   * @param model the model name the client asked for
   * @param stream whether the client asked for server-sent events
   * @param betaHeaders every {@code anthropic-beta} header value
   * @param thinking whether {@code thinking.type} is {@code enabled} or {@code adaptive}
   * @param temperature {@code temperature} when it is a number, else null
   * @param maxTokens {@code max_tokens} when it is a number a {@code long} holds (a fraction cut off), else null
   */
  public static MessagesRequest ofBytes(JsonBytes raw, String model, boolean stream, List<String> betaHeaders,
      boolean thinking, Double temperature, Long maxTokens) {
    return new MessagesRequest(null, raw, model, stream, betaHeaders, raw.length(), thinking, temperature,
        maxTokens);
  }

  /**
   * The body as a tree, parsed from {@link #raw()} the first time it is asked for (a stage may change it in place,
   * as count_tokens does; later readers see the change). The facts below do not come from it.
   */
  public ObjectNode body() {
    if (body == null) {
      body = JsonRequestBody.object(raw);
    }
    return body;
  }

  /**
   * The estimated input tokens ({@link TokenEstimator}), worked out once per request: from the bytes in one
   * streaming pass when the body arrived as bytes and no tree was needed before, from the tree otherwise.
   */
  public long estimatedInputTokens() {
    if (inputTokens < 0) {
      inputTokens = body == null ? TokenEstimator.estimate(raw) : TokenEstimator.estimate(body);
    }
    return inputTokens;
  }

  /** Whether the tree has been built (for tests and profiles: the splicing paths never build it). */
  public boolean treeBuilt() {
    return body != null;
  }

  /** The model name the client asked for. */
  public String model() {
    return model;
  }

  /** Whether the client asked for server-sent events. */
  public boolean stream() {
    return stream;
  }

  /** Every {@code anthropic-beta} header value. */
  public List<String> betaHeaders() {
    return betaHeaders;
  }

  /** Size of the body as received. */
  public int bodyBytes() {
    return bodyBytes;
  }

  /**
   * The body's bytes as the client sent them; null when a front door built the body (the OpenAI-compatible one),
   * which {@link #body()} then is.
   */
  public JsonBytes raw() {
    return raw;
  }

  /** Whether extended thinking is switched on ({@code enabled} or {@code adaptive}). */
  public boolean thinking() {
    return thinking;
  }

  /** The {@code temperature} asked for when it is a number, else null. */
  public Double temperature() {
    return temperature;
  }

  /** {@code max_tokens} when it is a number a {@code long} holds (a fraction cut off), else null. */
  public Long maxTokens() {
    return maxTokens;
  }

  /** Whether a {@code thinking.type} value switches extended thinking on. */
  public static boolean thinkingType(String type) {
    return type.equals("enabled") || type.equals("adaptive");
  }

  private static boolean thinking(ObjectNode body) {
    return thinkingType(body.path("thinking").path("type").asText(""));
  }

  private static Double temperature(JsonNode value) {
    return value != null && value.isNumber() ? value.asDouble() : null;
  }

  private static Long maxTokens(JsonNode value) {
    return value != null && value.isNumber() && value.canConvertToLong() ? value.asLong() : null;
  }
}
