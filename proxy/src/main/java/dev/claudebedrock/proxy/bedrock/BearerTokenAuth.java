package dev.claudebedrock.proxy.bedrock;

/** A Bedrock API key sent as {@code Authorization: Bearer}; nothing is signed. */
public final class BearerTokenAuth implements UpstreamAuth {
  private volatile String header;

  public BearerTokenAuth(String token) {
    this.header = "Bearer " + token;
  }

  /** Sends {@code token} from now on (a rotated key, read again from its file). */
  public void rotate(String token) {
    this.header = "Bearer " + token;
  }

  @Override
  public void apply(SignableRequest request) {
    request.headers().set("authorization", header);
  }

  @Override
  public boolean ready() {
    return true;
  }

  @Override
  public String describe() {
    return "Bedrock API key (AWS_BEARER_TOKEN_BEDROCK)";
  }
}
