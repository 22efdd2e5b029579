package dev.claudebedrock.proxy.gateway;

import dev.claudebedrock.proxy.bedrock.UpstreamException;
import dev.claudebedrock.proxy.config.Endpoint;
import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ErrorType;

/**
 * The error a client gets when no upstream answered at all; the route's dialect decides how it
 * looks. A gateway that cannot reach its upstream answers 502 (504 when it waited in vain), naming
 * the setting that gave the endpoint so the operator knows what to check, but neither the upstream
 * host nor a low-level cause (internal topology): both are in the debug log of
 * {@code bedrock:upstream}, the target in the access log.
 */
final class UpstreamFailures {
  private UpstreamFailures() {}

  /**
   * @param endpoint the endpoint the attempt went to
   * @param controlPlane whether it was Bedrock's control plane (inference profiles) rather than Bedrock Runtime
   */
  static ApiError toApiError(UpstreamException failure, Endpoint endpoint, boolean controlPlane) {
    String service = controlPlane ? "Bedrock's control plane" : "Bedrock";
    String check = endpoint.setting().isEmpty() ? "" : " (endpoint: " + endpoint.setting() + ")";
    String detail = failure.getMessage();
    return switch (failure.kind()) {
      case TIMEOUT -> ApiError.of(ErrorType.TIMEOUT, service + " did not answer in time" + check + ": " + detail);
      case CONNECT -> new ApiError(ErrorType.API, 502,
          service + " cannot be reached from the gateway" + check + "; retry the request", java.util.Map.of());
      case RESET -> new ApiError(ErrorType.API, 502,
          "The connection to " + service + " broke before its answer" + check + "; retry the request",
          java.util.Map.of());
      case CANCELLED -> ApiError.of(ErrorType.API, "Request cancelled: the client went away");
      case NO_CREDENTIALS -> ApiError.of(ErrorType.API, "The gateway has no AWS credentials to call Bedrock with ("
          + detail + "); the operator must fix its credential configuration");
    };
  }
}
