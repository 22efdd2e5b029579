package dev.claudebedrock.proxy.bedrock;

import dev.claudebedrock.proxy.anthropic.ApiError;
import dev.claudebedrock.proxy.anthropic.ErrorType;
import java.net.URI;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/** Signs requests with AWS Signature Version 4 using credentials from a {@link CredentialsCache}. */
public final class SigV4Auth implements UpstreamAuth {
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
  private final CredentialsCache credentials;
  private final String region;
  private final String service;

  public SigV4Auth(CredentialsCache credentials, String region, String service) {
    this.credentials = credentials;
    this.region = region;
    this.service = service;
  }

  @Override
  public void apply(SignableRequest request) {
    AwsCredentials identity = credentials.current();
    if (identity == null) {
      throw ApiError.of(ErrorType.API, "The gateway has no AWS credentials to call Bedrock with ("
          + credentials.lastError() + "); the operator must fix its credential configuration").exception();
    }
    SdkHttpFullRequest.Builder unsigned = SdkHttpFullRequest.builder()
        .method(SdkHttpMethod.fromValue(request.method()))
        .uri(URI.create(request.endpoint().url() + request.rawPath()));
    request.headers().forEach(unsigned::appendHeader);
    byte[] body = request.body() == null ? new byte[0] : request.body().getBytes();
    SignedRequest signed = signer.sign(r -> r.identity(identity)
        .request(unsigned.build())
        .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, true));
    SdkHttpRequest result = signed.request();
    for (Map.Entry<String, List<String>> header : result.headers().entrySet()) {
      request.headers().set(header.getKey(), header.getValue());
    }
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
