package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.sim.errors.ErrorType;
import dev.claudebedrock.sim.errors.StreamExceptionType;
import dev.claudebedrock.sim.faults.FaultScript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAI-compatible front door over a real socket against the simulator: what reaches Bedrock for a Chat
 * Completions request, and what an OpenAI client gets back (completions, chunks, errors in OpenAI's shape).
 */
class ChatCompletionsTest {
  private static final String CHAT = "/v1/chat/completions";
  private static GatewayHarness harness;

  @BeforeAll
  static void start() {
    harness = GatewayHarness.start("", GatewayHarness.NO_RETRIES);
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  @BeforeEach
  void reset() {
    harness.sim.clearRequests();
    harness.sim.faults().clear();
  }

  @Test
  void aCompletionAnswersInTheChatShapeWithTheModelTheClientAskedFor() {
    HttpResponse<String> response = harness.post(CHAT,
        """
            {"model":"sonnet","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hello gateway"}]}""");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode completion = json(response.body());
    assertThat(completion.get("object").asText()).isEqualTo("chat.completion");
    assertThat(completion.get("id").asText()).startsWith("chatcmpl-msg_bdrk_");
    assertThat(completion.get("model").asText()).isEqualTo("sonnet");
    JsonNode choice = completion.at("/choices/0");
    assertThat(choice.at("/message/role").asText()).isEqualTo("assistant");
    assertThat(choice.at("/message/content").asText()).isEqualTo("Hello gateway");
    assertThat(choice.get("finish_reason").asText()).isEqualTo("stop");
    JsonNode usage = completion.get("usage");
    assertThat(usage.get("prompt_tokens").asInt()).isPositive();
    assertThat(usage.get("completion_tokens").asInt()).isEqualTo(2);
    assertThat(usage.get("total_tokens").asInt())
        .isEqualTo(usage.get("prompt_tokens").asInt() + usage.get("completion_tokens").asInt());
    assertThat(usage.at("/prompt_tokens_details/cached_tokens").asInt()).isZero();

    JsonNode upstream = harness.sim.requests().get(0).bodyJson();
    assertThat(harness.sim.requests().get(0).rawPath()).isEqualTo("/model/us.anthropic.claude-sonnet-5-5/invoke");
    assertThat(upstream.at("/system/0/text").asText()).isEqualTo("Be brief.");
    assertThat(upstream.get("max_tokens").asInt()).isEqualTo(4096);
    assertThat(upstream.has("model")).isFalse();
  }

  @Test
  void theOpenAiBaseUrlServesTheSameCompletionsAndListsModelsInTheOpenAiShape() {
    HttpResponse<String> completion = harness.post("/openai/v1/chat/completions", """
        {"model":"claude-haiku-4-5","messages":[{"role":"user","content":"hi there"}]}""");
    HttpResponse<String> models = harness.get("/openai/v1/models", true);
    HttpResponse<String> one = harness.get("/openai/v1/models/claude-sonnet-4-5", true);
    HttpResponse<String> missing = harness.get("/openai/v1/models/gpt-4o", true);

    assertThat(completion.statusCode()).isEqualTo(200);
    assertThat(json(completion.body()).at("/choices/0/message/content").asText()).isEqualTo("hi there");
    JsonNode list = json(models.body());
    assertThat(list.get("object").asText()).isEqualTo("list");
    assertThat(list.get("data").findValuesAsText("id")).contains("claude-sonnet-5-5", "claude-haiku-4-5-20251001");
    assertThat(list.at("/data/0/object").asText()).isEqualTo("model");
    assertThat(list.at("/data/0/owned_by").asText()).isEqualTo("anthropic");
    assertThat(list.at("/data/0/created").isIntegralNumber()).isTrue();
    assertThat(json(one.body()).get("id").asText()).isEqualTo("claude-sonnet-4-5");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(json(missing.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");
  }

  @Test
  void aForcedToolCallComesBackAsToolCallsAndTheConversationContinues() {
    String tools = """
        "tools":[{"type":"function","function":{"name":"weather","parameters":{"type":"object",
          "properties":{"city":{"type":"string"}},"required":["city"]}}}]""";
    JsonNode first = json(harness.post(CHAT, "{\"model\":\"sonnet\"," + tools + ",\"tool_choice\":\"required\","
        + "\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}]}").body());

    JsonNode message = first.at("/choices/0/message");
    assertThat(first.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
    assertThat(message.get("content").isNull()).isTrue();
    JsonNode call = message.at("/tool_calls/0");
    assertThat(call.get("id").asText()).startsWith("toolu_bdrk_");
    assertThat(call.get("type").asText()).isEqualTo("function");
    assertThat(call.at("/function/name").asText()).isEqualTo("weather");
    assertThat(json(call.at("/function/arguments").asText())).isEqualTo(json("{\"city\":\"sim-city\"}"));
    assertThat(harness.sim.requests().get(0).bodyJson().get("tool_choice")).isEqualTo(json("{\"type\":\"any\"}"));

    String next = "{\"model\":\"sonnet\"," + tools + ",\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"},"
        + message + ",{\"role\":\"tool\",\"tool_call_id\":\"" + call.get("id").asText() + "\",\"content\":\"18C\"}]}";
    HttpResponse<String> second = harness.post(CHAT, next);

    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(json(second.body()).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    JsonNode upstream = harness.sim.requests().get(1).bodyJson();
    assertThat(upstream.at("/messages/1/content/0/type").asText()).isEqualTo("tool_use");
    assertThat(upstream.at("/messages/2/content/0")).isEqualTo(json("{\"type\":\"tool_result\",\"tool_use_id\":\""
        + call.get("id").asText() + "\",\"content\":\"18C\"}"));
  }

  @Test
  void stopSequencesAndTheTokenLimitSetTheFinishReason() {
    JsonNode stopped = json(harness.post(CHAT, """
        {"model":"sonnet","stop":["three"],"messages":[{"role":"user","content":"one two three four"}]}""").body());
    JsonNode cut = json(harness.post(CHAT, """
        {"model":"sonnet","max_completion_tokens":2,"messages":[{"role":"user","content":"one two three four"}]}""")
        .body());

    assertThat(stopped.at("/choices/0/message/content").asText()).isEqualTo("one two ");
    assertThat(stopped.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    assertThat(harness.sim.requests().get(0).bodyJson().get("stop_sequences")).isEqualTo(json("[\"three\"]"));
    assertThat(cut.at("/choices/0/finish_reason").asText()).isEqualTo("length");
    assertThat(cut.at("/usage/completion_tokens").asInt()).isEqualTo(2);
  }

  @Test
  void reasoningEffortReturnsTheThinkingAsReasoningContent() {
    JsonNode completion = json(harness.post(CHAT, """
        {"model":"sonnet","reasoning_effort":"low","messages":[{"role":"user","content":"Why?"}]}""").body());

    assertThat(completion.at("/choices/0/message/reasoning_content").asText())
        .isEqualTo("Let me think about how to answer this.");
    assertThat(completion.at("/choices/0/message/content").asText()).isEqualTo("Why?");
    assertThat(harness.sim.requests().get(0).bodyJson().get("thinking"))
        .isEqualTo(json("{\"type\":\"enabled\",\"budget_tokens\":2048}"));
  }

  @Test
  void anInlineImageReachesBedrockAsAnImageBlock() {
    HttpResponse<String> response = harness.post(CHAT, """
        {"model":"sonnet","messages":[{"role":"user","content":[{"type":"text","text":"Describe"},
         {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}]}]}""");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(harness.sim.requests().get(0).bodyJson().at("/messages/0/content/1/source/media_type").asText())
        .isEqualTo("image/png");
    assertThat(json(response.body()).at("/usage/prompt_tokens").asInt()).isGreaterThan(1600);
  }

  @Test
  void structuredOutputGoesToModelsThatHaveItAndIsRefusedForOthers() {
    String format = """
        "response_format":{"type":"json_schema","json_schema":{"name":"city","schema":{"type":"object",
         "properties":{"name":{"type":"string"}},"required":["name"],"additionalProperties":false}}}""";
    HttpResponse<String> supported = harness.post(CHAT, "{\"model\":\"claude-sonnet-4-5\"," + format
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"A city\"}]}");
    HttpResponse<String> unsupported = harness.post(CHAT, "{\"model\":\"claude-3-5-haiku-latest\"," + format
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"A city\"}]}");

    assertThat(supported.statusCode()).isEqualTo(200);
    assertThat(harness.sim.requests().get(0).bodyJson().at("/output_config/format/type").asText())
        .isEqualTo("json_schema");
    assertThat(unsupported.statusCode()).isEqualTo(400);
    JsonNode error = json(unsupported.body()).get("error");
    assertThat(error.get("param").asText()).isEqualTo("response_format");
    assertThat(error.get("message").asText()).contains("claude-3-5-haiku-latest", "structured output");
    assertThat(harness.sim.requests()).hasSize(1);
  }

  @Test
  void refusalsAreOpenAiShapedAndNameTheField() {
    HttpResponse<String> n = harness.post(CHAT, """
        {"model":"sonnet","n":3,"messages":[{"role":"user","content":"x"}]}""");
    HttpResponse<String> notJson = harness.post(CHAT, "{\"model\":");
    HttpResponse<String> noKey = harness.post(CHAT, "{}", "authorization", "Bearer wrong-token-0000000000");

    assertThat(n.statusCode()).isEqualTo(400);
    assertThat(json(n.body())).isEqualTo(json("""
        {"error":{"message":"n: only 1 choice is supported","type":"invalid_request_error","param":"n",
         "code":"invalid_request"}}"""));
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(json(notJson.body()).at("/error/param").isNull()).isTrue();
    assertThat(noKey.statusCode()).isEqualTo(401);
    assertThat(json(noKey.body()).at("/error/type").asText()).isEqualTo("authentication_error");
    assertThat(json(noKey.body()).at("/error/code").asText()).isEqualTo("invalid_api_key");
    assertThat(harness.sim.requests()).isEmpty();
  }

  @Test
  void bedrockErrorsArriveWithTheirStatusRetryAfterAndTheOpenAiShape() {
    harness.sim.faults().script(FaultScript.httpError(ErrorType.THROTTLING));
    HttpResponse<String> throttled = harness.post(CHAT, hello(false));
    harness.sim.faults().script(FaultScript.httpError(ErrorType.SERVICE_UNAVAILABLE));
    HttpResponse<String> overloaded = harness.post(CHAT, hello(false));

    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("retry-after")).isPresent();
    assertThat(json(throttled.body()).at("/error/type").asText()).isEqualTo("rate_limit_error");
    assertThat(json(throttled.body()).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
    assertThat(overloaded.statusCode()).isEqualTo(503);
    assertThat(overloaded.headers().firstValue("retry-after")).isPresent();
    assertThat(json(overloaded.body()).at("/error/type").asText()).isEqualTo("server_error");
  }

  @Test
  void theResponseCacheAnswersARepeatedDeterministicRequestInTheChatShape() {
    String json = """
        {"model":"sonnet","temperature":0,"messages":[{"role":"user","content":"cache me please"}]}""";
    String stream = """
        {"model":"sonnet","temperature":0,"stream":true,"messages":[{"role":"user","content":"cache this stream"}]}""";
    HttpResponse<String> first = harness.post(CHAT, json);
    HttpResponse<String> second = harness.post(CHAT, json);
    HttpResponse<String> firstStream = harness.post(CHAT, stream);
    HttpResponse<String> secondStream = harness.post(CHAT, stream);

    assertThat(first.headers().firstValue("x-cache")).contains("MISS");
    assertThat(second.headers().firstValue("x-cache")).contains("HIT");
    assertThat(json(second.body()).at("/choices/0/message")).isEqualTo(json(first.body()).at("/choices/0/message"));
    assertThat(json(second.body()).get("object").asText()).isEqualTo("chat.completion");
    assertThat(secondStream.headers().firstValue("x-cache")).contains("HIT");
    assertThat(data(secondStream.body())).last().isEqualTo("[DONE]");
    assertThat(text(secondStream.body())).isEqualTo(text(firstStream.body())).isEqualTo("cache this stream");
    assertThat(harness.sim.requests()).hasSize(2);
  }

  @Test
  void aStreamSendsChunksAndEndsWithDone() {
    HttpResponse<String> response = harness.post(CHAT, """
        {"model":"sonnet","stream":true,"stream_options":{"include_usage":true},
         "messages":[{"role":"user","content":"one two three"}]}""");

    assertThat(response.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
    List<String> data = data(response.body());
    assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
    List<JsonNode> chunks = data.subList(0, data.size() - 1).stream().map(ChatCompletionsTest::json).toList();
    assertThat(chunks).allSatisfy(c -> assertThat(c.get("object").asText()).isEqualTo("chat.completion.chunk"));
    assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
    StringBuilder text = new StringBuilder();
    chunks.forEach(c -> text.append(c.at("/choices/0/delta/content").asText("")));
    assertThat(text.toString()).isEqualTo("one two three");
    JsonNode finish = chunks.get(chunks.size() - 2);
    assertThat(finish.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    JsonNode usage = chunks.get(chunks.size() - 1);
    assertThat(usage.get("choices")).isEmpty();
    assertThat(usage.at("/usage/completion_tokens").asInt()).isEqualTo(3);
    assertThat(usage.at("/usage/prompt_tokens").asInt()).isPositive();
  }

  @Test
  void aStreamedToolCallCarriesItsIndexAndIdThenItsArguments() {
    HttpResponse<String> response = harness.post(CHAT, """
        {"model":"sonnet","stream":true,"tools":[{"type":"function","function":{"name":"lookup","parameters":
         {"type":"object","properties":{"query":{"type":"string"},"limit":{"type":"integer","minimum":3}},
         "required":["query","limit"]}}}],"messages":[{"role":"user","content":"Find it [[sim:tool=lookup]]"}]}""");

    List<JsonNode> chunks = data(response.body()).stream().filter(d -> !d.equals("[DONE]"))
        .map(ChatCompletionsTest::json).toList();
    List<JsonNode> calls = chunks.stream().map(c -> c.at("/choices/0/delta/tool_calls/0"))
        .filter(n -> !n.isMissingNode()).toList();
    assertThat(calls.get(0).get("index").asInt()).isZero();
    assertThat(calls.get(0).get("id").asText()).startsWith("toolu_bdrk_");
    assertThat(calls.get(0).at("/function/name").asText()).isEqualTo("lookup");
    StringBuilder arguments = new StringBuilder();
    calls.forEach(c -> {
      assertThat(c.get("index").asInt()).isZero();
      arguments.append(c.at("/function/arguments").asText(""));
    });
    assertThat(calls).hasSizeGreaterThan(2);
    assertThat(json(arguments.toString())).isEqualTo(json("{\"query\":\"sim-query\",\"limit\":3}"));
    assertThat(chunks.get(chunks.size() - 1).at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
  }

  @Test
  void aFailureInsideAStreamIsAnErrorChunkWithoutDone() {
    harness.sim.faults().script(FaultScript.exceptionFrame(StreamExceptionType.INTERNAL_SERVER, 3));
    HttpResponse<String> response = harness.post(CHAT, hello(true));

    List<String> data = data(response.body());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(data).doesNotContain("[DONE]");
    JsonNode error = json(data.get(data.size() - 1)).get("error");
    assertThat(error.get("type").asText()).isEqualTo("server_error");
    assertThat(error.get("message").asText()).isNotEmpty();
  }

  private static String hello(boolean stream) {
    return "{\"model\":\"sonnet\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":"
        + "\"one two three four five six\"}]}";
  }

  /** The text a stream's chunks carry, joined. */
  private static String text(String body) {
    StringBuilder text = new StringBuilder();
    data(body).stream().filter(d -> !d.equals("[DONE]"))
        .forEach(d -> text.append(json(d).at("/choices/0/delta/content").asText("")));
    return text.toString();
  }

  /** The {@code data:} payloads of a server-sent-event body, in order. */
  private static List<String> data(String body) {
    List<String> data = new ArrayList<>();
    for (String line : body.split("\n")) {
      if (line.startsWith("data: ")) {
        data.add(line.substring(6));
      }
    }
    return data;
  }

  private static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
