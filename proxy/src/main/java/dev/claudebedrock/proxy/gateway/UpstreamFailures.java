package dev.claudebedrock.proxy.gateway;

import dev.claudebedrock.proxy.bedrock.UpstreamException;
import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ErrorType;

/**
 * The error a client gets when no upstream answered at all; the route's dialect decides how it
 * looks. It names neither the upstream host nor a low-level cause (internal topology): both are in
 * the debug log of {@code bedrock:upstream}, the target in the access log.
 */
final class UpstreamFailures {
  private UpstreamFailures() {}

  static ApiError toApiError(UpstreamException failure) {
    String detail = failure.getMessage();
    return switch (failure.kind()) {
      case TIMEOUT -> ApiError.of(ErrorType.TIMEOUT, "Bedrock did not answer in time: " + detail);
      case CONNECT -> ApiError.of(ErrorType.API, "Bedrock cannot be reached from the gateway; retry the request");
      case RESET -> ApiError.of(ErrorType.API, "The connection to Bedrock broke before its answer; retry the request");
      case CANCELLED -> ApiError.of(ErrorType.API, "Request cancelled: the client went away");
      case NO_CREDENTIALS -> ApiError.of(ErrorType.API, "The gateway has no AWS credentials to call Bedrock with ("
          + detail + "); the operator must fix its credential configuration");
    };
  }
}
