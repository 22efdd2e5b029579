package dev.claudebedrock.sim;

import java.util.Optional;

/** The API operations the simulator answers, named as AWS names them. */
public enum Operation {
  INVOKE_MODEL("InvokeModel", "invoke", "bedrock", false),
  INVOKE_MODEL_WITH_RESPONSE_STREAM("InvokeModelWithResponseStream", "invoke-with-response-stream", "bedrock", true),
  COUNT_TOKENS("CountTokens", "count-tokens", "bedrock", false),
  LIST_INFERENCE_PROFILES("ListInferenceProfiles", null, "bedrock", false),
  GET_INFERENCE_PROFILE("GetInferenceProfile", null, "bedrock", false),
  GET_CALLER_IDENTITY("GetCallerIdentity", null, "sts", false),
  /** Bedrock's native Messages API ("bedrock-mantle"): streams when the body says {@code "stream": true}. */
  MESSAGES("Messages", null, "bedrock-mantle", true),
  MESSAGES_COUNT_TOKENS("MessagesCountTokens", null, "bedrock-mantle", false),
  UNKNOWN("Unknown", null, "bedrock", false);

  private final String awsName;
  private final String pathSuffix;
  private final String signingService;
  private final boolean streaming;

  Operation(String awsName, String pathSuffix, String signingService, boolean streaming) {
    this.awsName = awsName;
    this.pathSuffix = pathSuffix;
    this.signingService = signingService;
    this.streaming = streaming;
  }

  /** The AWS operation name, e.g. {@code InvokeModelWithResponseStream}. */
  public String awsName() {
    return awsName;
  }

  /** The SigV4 service name requests for this operation are signed for. */
  public String signingService() {
    return signingService;
  }

  /** Whether the answer may be a stream (always for InvokeModelWithResponseStream, on request for Messages). */
  public boolean streaming() {
    return streaming;
  }

  /** Whether this is an operation of Bedrock's native Messages API, which answers in the Anthropic API's shapes. */
  public boolean mantle() {
    return "bedrock-mantle".equals(signingService);
  }

  /** Whether the path names a model ({@code /model/{id}/...}). */
  public boolean modelScoped() {
    return pathSuffix != null;
  }

  /** The model operation for a path's last segment ({@code invoke}, {@code count-tokens}, ...). */
  public static Optional<Operation> forModelPathSuffix(String suffix) {
    for (Operation op : values()) {
      if (suffix.equals(op.pathSuffix)) {
        return Optional.of(op);
      }
    }
    return Optional.empty();
  }

  /** Finds an operation by AWS name, enum name or model path suffix, ignoring case. */
  public static Optional<Operation> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String wanted = name.trim();
    for (Operation op : values()) {
      if (op.awsName.equalsIgnoreCase(wanted) || op.name().equalsIgnoreCase(wanted)
          || wanted.equalsIgnoreCase(op.pathSuffix)) {
        return Optional.of(op);
      }
    }
    return Optional.empty();
  }
}
