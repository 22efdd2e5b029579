package dev.claudebedrock.proxy.gateway;

import dev.claudebedrock.proxy.bedrock.InferenceProfileCatalog;
import dev.claudebedrock.proxy.bedrock.UpstreamAuth;
import dev.claudebedrock.proxy.config.Endpoint;
import dev.claudebedrock.proxy.config.UpstreamApi;

/**
 * A Bedrock deployment the gateway can send to: a region of an account, reached at fixed endpoints
 * with one set of credentials.
 *
 * @param name label for routes, logs, metrics and the route header
 * @param region AWS region
 * @param runtime Bedrock Runtime endpoint
 * @param controlPlane Bedrock control-plane endpoint (inference profiles)
 * @param auth how requests are authenticated
 * @param geoPrefix the inference-profile prefix for foundation-model ids there ({@code ""} for none)
 * @param profiles the inference profiles its control plane listed (empty without discovery)
 * @param breaker its circuit breaker
 * @param api which API its Messages requests use
 * @param mantle the endpoint of Bedrock's native Messages API there (its base path included)
 * @param mantleAuth how requests to that API are authenticated (SigV4 signing name {@code bedrock-mantle}, or the
 *     same API key)
 */
public record Target(String name, String region, Endpoint runtime, Endpoint controlPlane, UpstreamAuth auth,
    String geoPrefix, InferenceProfileCatalog profiles, CircuitBreaker breaker, UpstreamApi api, Endpoint mantle,
    UpstreamAuth mantleAuth) {

  /** A target whose Messages requests use InvokeModel. */
  public Target(String name, String region, Endpoint runtime, Endpoint controlPlane, UpstreamAuth auth,
      String geoPrefix, InferenceProfileCatalog profiles, CircuitBreaker breaker) {
    this(name, region, runtime, controlPlane, auth, geoPrefix, profiles, breaker, UpstreamApi.INVOKE,
        Endpoint.bedrockMantle(region), auth);
  }
}
