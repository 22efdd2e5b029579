package dev.claudebedrock.sim.control;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.sim.faults.FaultScript;
import dev.claudebedrock.sim.validation.JsonBodies;

import java.util.List;

/** The control API's JSON form of a recorded request (body as UTF-8 text). */
final class RecordedRequestJson {
  private RecordedRequestJson() {}

  static ObjectNode render(RecordedRequest request) {
    ObjectNode out = JsonBodies.MAPPER.createObjectNode();
    out.put("sequence", request.sequence());
    out.put("arrivedAt", request.arrivedAt().toString());
    out.put("requestId", request.requestId());
    out.put("method", request.method());
    out.put("path", request.rawPath());
    out.put("query", request.rawQuery());
    out.put("operation", request.operation().awsName());
    out.put("modelId", request.modelId());
    out.set("headers", JsonBodies.MAPPER.valueToTree(request.headers()));
    out.put("body", request.bodyText());
    out.put("status", request.status());
    out.put("eventsSent", request.eventsSent());
    out.put("cancelled", request.cancelled());
    out.put("completed", request.completed());
    out.set("fault", request.fault() == null ? null
        : FaultJson.render(FaultScript.of(request.fault())).without(List.of("times", "match")));
    return out;
  }
}
