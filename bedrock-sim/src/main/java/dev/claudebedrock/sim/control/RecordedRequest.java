package dev.claudebedrock.sim.control;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.sim.Operation;
import dev.claudebedrock.sim.faults.Fault;
import dev.claudebedrock.sim.validation.JsonBodies;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A request as the simulator received it, and what became of it.
 *
 * @param sequence   arrival number since the simulator started
 * @param arrivedAt  when its body had been read
 * @param requestId  the {@code x-amzn-RequestId} it was answered with
 * @param method     HTTP method
 * @param rawPath    the path exactly as received (e.g. with {@code %2F} and raw {@code :})
 * @param rawQuery   the query exactly as received, or empty
 * @param operation  the operation it was routed to ({@link Operation#UNKNOWN} when none)
 * @param modelId    the model id decoded from the path (the body's {@code model} on the Messages API), or null
 * @param headers    headers by lower-case name, with credentials reduced to their non-secret parts
 * @param body       the body bytes
 * @param status     the response status, 0 while none was sent (or when the connection was dropped first)
 * @param eventsSent chunk events written so far (streams only)
 * @param cancelled  whether the client went away before the response ended
 * @param completed  whether the response ended normally
 * @param fault      the scripted fault applied to it, or null
 */
public record RecordedRequest(long sequence, Instant arrivedAt, String requestId, String method, String rawPath,
    String rawQuery, Operation operation, String modelId, Map<String, List<String>> headers,
    byte[] body, int status, int eventsSent, boolean cancelled, boolean completed, Fault fault) {

  /** The first value of a header (case-insensitive name), or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body parsed as JSON. */
  public JsonNode bodyJson() {
    try {
      return JsonBodies.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("body of request " + sequence + " is not JSON", e);
    }
  }
}
