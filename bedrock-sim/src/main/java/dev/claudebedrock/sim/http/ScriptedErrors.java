package dev.claudebedrock.sim.http;

import dev.claudebedrock.sim.errors.BedrockError;
import dev.claudebedrock.sim.errors.ErrorType;
import dev.claudebedrock.sim.faults.Fault;

import java.util.Map;

/** Turns a scripted {@code http_error} fault into the error it answers with. */
final class ScriptedErrors {
  private ScriptedErrors() {}

  static BedrockError toError(Fault.HttpError fault, String modelId) {
    BedrockError error = BedrockError.of(fault.type(),
        fault.message() != null ? fault.message() : fault.type().defaultMessage());
    if (fault.type() == ErrorType.MODEL_ERROR) {
      // ModelErrorException always carries these two fields on the wire.
      error = error.withField("originalStatusCode", 500).withField("resourceName", modelId == null ? "" : modelId);
    }
    for (Map.Entry<String, Object> field : fault.fields().entrySet()) {
      error = error.withField(field.getKey(), field.getValue());
    }
    if (fault.retryAfterSeconds() != null) {
      error = error.withHeader("Retry-After", String.valueOf(fault.retryAfterSeconds()));
    }
    for (Map.Entry<String, String> header : fault.headers().entrySet()) {
      error = error.withHeader(header.getKey(), header.getValue());
    }
    return error;
  }
}
