package dev.claudebedrock.proxy.bedrock;

import java.time.Clock;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/** Signs requests with AWS Signature Version 4 using credentials from a {@link CredentialsCache}. */
public final class SigV4Auth implements UpstreamAuth {
  private final SigV4Signer signer;
  private final CredentialsCache credentials;
  private final String region;
  private final String service;

  public SigV4Auth(CredentialsCache credentials, String region, String service) {
    this.credentials = credentials;
    this.region = region;
    this.service = service;
    this.signer = new SigV4Signer(region, service, Clock.systemUTC());
  }

  /** The same credentials signing for another service (e.g. {@code bedrock-mantle}). */
  public SigV4Auth forService(String otherService) {
    return new SigV4Auth(credentials, region, otherService);
  }

  @Override
  public void apply(SignableRequest request) {
    AwsCredentials identity = credentials.current();
    if (identity == null) {
      throw new UpstreamException(UpstreamException.Kind.NO_CREDENTIALS, request.endpoint().authority(),
          credentials.lastError(), null);
    }
    signer.sign(request, identity);
  }

  @Override
  public boolean ready() {
    return credentials.current() != null;
  }

  @Override
  public String describe() {
    AwsCredentials identity = credentials.current();
    return "SigV4 (service " + service + ", region " + region + ") with "
        + (identity == null ? "no credentials yet: " + credentials.lastError()
            : "access key " + CredentialsCache.maskedKeyId(identity));
  }

  @Override
  public void refreshSoon() {
    credentials.refreshSoon();
  }
}
