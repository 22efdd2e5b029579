package dev.claudebedrock.proxy.bedrock;

/** The Bedrock operations the gateway calls, with their label for metrics and the endpoint they live on. */
public enum Operation {
  INVOKE("invoke", "invoke", false),
  INVOKE_STREAM("invoke-with-response-stream", "invoke_stream", false),
  COUNT_TOKENS("count-tokens", "count_tokens", false),
  /** Bedrock's native Messages API ({@code /v1/messages} under its endpoint's {@code /anthropic}). */
  MESSAGES("", "messages", false),
  /** Bedrock's native Messages API: {@code /v1/messages/count_tokens}. */
  MESSAGES_COUNT_TOKENS("", "messages_count_tokens", false),
  /** Control plane: ListInferenceProfiles. */
  LIST_INFERENCE_PROFILES("", "list_inference_profiles", true),
  /** Control plane: GetInferenceProfile. */
  GET_INFERENCE_PROFILE("", "get_inference_profile", true);

  private final String pathSuffix;
  private final String label;
  private final boolean controlPlane;

  Operation(String pathSuffix, String label, boolean controlPlane) {
    this.pathSuffix = pathSuffix;
    this.label = label;
    this.controlPlane = controlPlane;
  }

  /**
   * {@code /model/{modelId}/<suffix>} with the id encoded the way Bedrock clients encode it; on the native Messages
   * API, whose model is in the body, its fixed path.
   */
  public String path(String modelId) {
    return switch (this) {
      case MESSAGES -> "/v1/messages";
      case MESSAGES_COUNT_TOKENS -> "/v1/messages/count_tokens";
      default -> "/model/" + ModelIds.encodeForPath(modelId) + "/" + pathSuffix;
    };
  }

  /** Whether the operation belongs to Bedrock's native Messages API ("bedrock-mantle"). */
  public boolean mantle() {
    return this == MESSAGES || this == MESSAGES_COUNT_TOKENS;
  }

  /** The path segment after the model id ({@code invoke}, ...); empty for control-plane operations. */
  public String pathSuffix() {
    return pathSuffix;
  }

  /** The metric label. */
  public String label() {
    return label;
  }

  /** Whether Bedrock answers with an event stream, whose headers come when it begins rather than with the answer. */
  public boolean streams() {
    return this == INVOKE_STREAM;
  }

  /** Whether the operation is served by the Bedrock control plane rather than Bedrock Runtime. */
  public boolean controlPlane() {
    return controlPlane;
  }
}
