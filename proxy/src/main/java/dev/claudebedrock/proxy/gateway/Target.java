package dev.claudebedrock.proxy.gateway;

import dev.claudebedrock.proxy.bedrock.InferenceProfileCatalog;
import dev.claudebedrock.proxy.bedrock.UpstreamAuth;
import dev.claudebedrock.proxy.config.Endpoint;

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
 */
public record Target(String name, String region, Endpoint runtime, Endpoint controlPlane, UpstreamAuth auth,
    String geoPrefix, InferenceProfileCatalog profiles, CircuitBreaker breaker) {}
