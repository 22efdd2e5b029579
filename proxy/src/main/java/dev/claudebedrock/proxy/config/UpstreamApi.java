package dev.claudebedrock.proxy.config;

/** Which of Bedrock's APIs a target's Messages requests go to ({@code targets.<name>.api}, {@code aws.api}). */
public enum UpstreamApi implements ConfigWord {
  /** {@code invoke}: InvokeModel and InvokeModelWithResponseStream on Bedrock Runtime, available wherever Claude is. */
  INVOKE("invoke"),
  /**
   * {@code mantle}: Bedrock's native Messages API ({@code https://bedrock-mantle.<region>.api.aws/anthropic}), the
   * Anthropic API itself: no body translation, server-sent events, signing name {@code bedrock-mantle}.
   */
  MANTLE("mantle");

  private final String word;

  UpstreamApi(String word) {
    this.word = word;
  }

  @Override
  public String word() {
    return word;
  }
}
