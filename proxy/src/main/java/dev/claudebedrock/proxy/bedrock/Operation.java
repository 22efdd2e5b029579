package dev.claudebedrock.proxy.bedrock;

/** The Bedrock operations the gateway calls, with their label for metrics. */
public enum Operation {
  INVOKE("invoke", "invoke"),
  INVOKE_STREAM("invoke-with-response-stream", "invoke_stream"),
  COUNT_TOKENS("count-tokens", "count_tokens"),
  /** Any call of the Bedrock pass-through, forwarded as the client sent it. */
  PASSTHROUGH("", "passthrough");

  private final String pathSuffix;
  private final String label;

  Operation(String pathSuffix, String label) {
    this.pathSuffix = pathSuffix;
    this.label = label;
  }

  /** {@code /model/{modelId}/<suffix>} with the id encoded the way Bedrock clients encode it. */
  public String path(String modelId) {
    return "/model/" + ModelIds.encodeForPath(modelId) + "/" + pathSuffix;
  }

  /** The metric label. */
  public String label() {
    return label;
  }
}
