package dev.claudebedrock.proxy.gateway;

import dev.claudebedrock.proxy.bedrock.UpstreamException;
import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ErrorType;

/** The error a client gets when no upstream answered at all; the route's dialect decides how it looks. */
final class UpstreamFailures {
  private UpstreamFailures() {}

  static ApiError toApiError(UpstreamException failure) {
    String host = failure.host();
    String detail = failure.getMessage();
    return switch (failure.kind()) {
      case TIMEOUT -> ApiError.of(ErrorType.TIMEOUT, "Bedrock at " + host + " did not answer in time: " + detail);
      case CONNECT -> ApiError.of(ErrorType.API, "Cannot reach Bedrock at " + host + ": " + detail);
      case RESET -> ApiError.of(ErrorType.API, "Bedrock at " + host + " closed the connection: " + detail);
      case CANCELLED -> ApiError.of(ErrorType.API, "Request cancelled: the client went away");
      case NO_CREDENTIALS -> ApiError.of(ErrorType.API, "The gateway has no AWS credentials to call Bedrock with ("
          + detail + "); the operator must fix its credential configuration");
    };
  }
}
