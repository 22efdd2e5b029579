package dev.claudebedrock.sim.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.sim.BedrockSimulator;
import dev.claudebedrock.sim.faults.Fault;
import dev.claudebedrock.sim.testing.Bodies;
import dev.claudebedrock.sim.testing.RawHttp;
import dev.claudebedrock.sim.testing.SimulatorExtension;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The /_sim/ control API over HTTP. */
class ControlApiTest {
  private static final String INVOKE = "/model/anthropic.claude-haiku-4-5-20251001-v1:0/invoke";
  @RegisterExtension
  static final SimulatorExtension SIM = new SimulatorExtension();
  private static BedrockSimulator sim;

  @BeforeAll
  static void start() {
    sim = SIM.sim();
  }

  @Test
  void scriptsListsAndClearsFaults() {
    HttpResponse<byte[]> created = RawHttp.control(sim, "POST", "faults", """
        {"kind":"http_error","errorType":"ThrottlingException","message":"slow down","retryAfterSeconds":2,
         "times":2,"match":{"operation":"InvokeModel","model":"anthropic.claude-haiku-4-5-20251001-v1:0"}}""");

    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode fault = RawHttp.json(created).path("faults").get(0);
    assertThat(fault.path("kind").asText()).isEqualTo("http_error");
    assertThat(fault.path("errorType").asText()).isEqualTo("ThrottlingException");
    assertThat(fault.path("times").asInt()).isEqualTo(2);
    assertThat(fault.path("match").path("operation").asText()).isEqualTo("InvokeModel");

    HttpResponse<byte[]> throttled = RawHttp.postJson(sim, INVOKE, Bodies.invoke("x"));
    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).contains("2");
    assertThat(RawHttp.json(throttled).path("message").asText()).isEqualTo("slow down");
    assertThat(RawHttp.json(RawHttp.control(sim, "GET", "faults", null)).path("faults").get(0).path("times").asInt())
        .isEqualTo(1);

    assertThat(RawHttp.control(sim, "DELETE", "faults", null).statusCode()).isEqualTo(204);
    assertThat(RawHttp.json(RawHttp.control(sim, "GET", "faults", null)).path("faults")).isEmpty();
  }

  @Test
  void takesEveryFaultKindInOneList() {
    HttpResponse<byte[]> created = RawHttp.control(sim, "POST", "faults", """
        {"faults":[
          {"kind":"exception_frame","exceptionType":"modelStreamErrorException","afterEvents":3,
           "fields":{"originalStatusCode":500,"originalMessage":"boom"}},
          {"kind":"drop_connection","afterEvents":2},
          {"kind":"delay","firstByteMs":100},
          {"kind":"stall","afterEvents":1,"ms":50},
          {"kind":"stall"}]}""");

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(sim.faults().pending()).extracting(s -> s.fault()).containsExactly(
        new Fault.ExceptionFrame(dev.claudebedrock.sim.errors.StreamExceptionType.MODEL_STREAM_ERROR, 3, null,
            java.util.Map.of("originalStatusCode", 500, "originalMessage", "boom")),
        new Fault.DropConnection(2),
        new Fault.Delay(Duration.ofMillis(100)),
        new Fault.Stall(1, Duration.ofMillis(50)),
        new Fault.Stall(0, null));
  }

  @Test
  void namesTheBadFieldOfARefusedScript() {
    assertRefused("{\"kind\":\"explode\"}", "fault.kind");
    assertRefused("{\"kind\":\"http_error\",\"errorType\":\"NopeException\"}", "fault.errorType");
    assertRefused("{\"kind\":\"drop_connection\",\"afterEvents\":-1}", "fault.afterEvents");
    assertRefused("{\"kind\":\"delay\",\"firstByteMs\":5,\"colour\":1}", "fault.colour");
    assertRefused("[{\"kind\":\"delay\",\"firstByteMs\":5},{\"kind\":\"delay\",\"firstByteMs\":5,\"times\":0}]",
        "faults[1].times");
    assertRefused("{\"kind\":\"stall\",\"match\":{\"operation\":\"Fly\"}}", "fault.match.operation");
    assertRefused("{not json", "malformed JSON");
    assertThat(sim.faults().pending()).isEmpty();
  }

  @Test
  void listsAndClearsRecordedRequests() {
    RawHttp.postJson(sim, INVOKE, Bodies.invoke("recorded body"));

    JsonNode requests = RawHttp.json(RawHttp.control(sim, "GET", "requests", null)).path("requests");

    assertThat(requests).hasSize(1);
    JsonNode request = requests.get(0);
    assertThat(request.path("method").asText()).isEqualTo("POST");
    assertThat(request.path("path").asText()).isEqualTo(INVOKE);
    assertThat(request.path("operation").asText()).isEqualTo("InvokeModel");
    assertThat(request.path("modelId").asText()).isEqualTo("anthropic.claude-haiku-4-5-20251001-v1:0");
    assertThat(request.path("headers").path("authorization").get(0).asText()).isEqualTo("Bearer <redacted>");
    assertThat(request.path("body").asText()).contains("recorded body");
    assertThat(request.path("status").asInt()).isEqualTo(200);
    assertThat(request.path("completed").asBoolean()).isTrue();
    assertThat(request.path("fault").isNull()).isTrue();

    assertThat(RawHttp.control(sim, "DELETE", "requests", null).statusCode()).isEqualTo(204);
    assertThat(RawHttp.json(RawHttp.control(sim, "GET", "requests", null)).path("requests")).isEmpty();
  }

  @Test
  void changesTimingAtRuntime() {
    HttpResponse<byte[]> put = RawHttp.control(sim, "PUT", "timing", "{\"firstByteMs\":5,\"tokensPerSecond\":250.5}");

    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(sim.timing().firstByte()).isEqualTo(Duration.ofMillis(5));
    assertThat(sim.timing().tokensPerSecond()).isEqualTo(250.5);
    assertThat(
        RawHttp.json(RawHttp.control(sim, "PUT", "timing", "{\"tokensPerSecond\":0}")).path("firstByteMs").asInt())
        .isEqualTo(5);
    assertThat(RawHttp.control(sim, "PUT", "timing", "{\"firstByteMs\":-1}").statusCode()).isEqualTo(400);
    assertThat(RawHttp.json(RawHttp.control(sim, "GET", "timing", null)).path("tokensPerSecond").asDouble()).isZero();
  }

  @Test
  void clearsThePromptCache() {
    var body = Bodies.invoke("cached question");
    body.putArray("system").addObject().put("type", "text").put("text", "system prompt to cache")
        .putObject("cache_control").put("type", "ephemeral");

    RawHttp.postJson(sim, INVOKE, body);
    int read = RawHttp.json(RawHttp.postJson(sim, INVOKE, body)).path("usage").path("cache_read_input_tokens").asInt();
    assertThat(RawHttp.control(sim, "DELETE", "cache", null).statusCode()).isEqualTo(204);
    JsonNode afterClear = RawHttp.json(RawHttp.postJson(sim, INVOKE, body)).path("usage");

    assertThat(read).isPositive();
    assertThat(afterClear.path("cache_read_input_tokens").asInt()).isZero();
    assertThat(afterClear.path("cache_creation_input_tokens").asInt()).isEqualTo(read);
  }

  @Test
  void answersHealthUnknownRoutesAndWrongMethods() {
    assertThat(RawHttp.json(RawHttp.control(sim, "GET", "health", null)).path("status").asText()).isEqualTo("ok");
    assertThat(RawHttp.control(sim, "GET", "nothing", null).statusCode()).isEqualTo(404);
    assertThat(RawHttp.control(sim, "PATCH", "faults", "{}").statusCode()).isEqualTo(405);
    assertThat(sim.requests()).as("control calls are not recorded").isEmpty();
  }

  private static void assertRefused(String json, String fieldName) {
    HttpResponse<byte[]> response = RawHttp.control(sim, "POST", "faults", json);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(RawHttp.json(response).path("message").asText()).contains(fieldName);
  }
}
