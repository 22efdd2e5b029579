package dev.claudebedrock.proxy.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.core.ApiException;
import dev.claudebedrock.proxy.core.ErrorType;
import dev.claudebedrock.proxy.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each point of the Chat Completions → Messages translation, and each refusal naming its field. */
class ChatRequestTranslatorTest {
  private final ChatRequestTranslator translator = new ChatRequestTranslator(4096);

  @Test
  void systemAndDeveloperMessagesBecomeTheSystemPrompt() {
    JsonNode body = messages("""
        {"model":"sonnet","messages":[{"role":"system","content":"Be brief."},
         {"role":"developer","content":[{"type":"text","text":"Answer in French."}]},
         {"role":"user","content":"Hi"}]}""");

    assertThat(body.get("system")).isEqualTo(json("""
        [{"type":"text","text":"Be brief."},{"type":"text","text":"Answer in French."}]"""));
    assertThat(body.get("messages")).isEqualTo(json("""
        [{"role":"user","content":[{"type":"text","text":"Hi"}]}]"""));
  }

  @Test
  void userContentPartsBecomeTextAndInlineImageBlocks() {
    JsonNode body = messages("""
        {"model":"sonnet","messages":[{"role":"user","content":[{"type":"text","text":"What is this?"},
         {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo=","detail":"high"}}]}]}""");

    assertThat(body.at("/messages/0/content/1")).isEqualTo(json("""
        {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}"""));
  }

  @Test
  void imagesAreNeverFetchedFromUrls() {
    for (String url : new String[] {"http://169.254.169.254/latest/meta-data", "https://example.com/cat.png"}) {
      assertRefused("""
          {"model":"sonnet","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"%s"}}]}]}"""
          .formatted(url), "messages[0].content[0].image_url.url", "does not fetch images");
    }
  }

  @Test
  void anImageOfATypeClaudeCannotReadIsRefused() {
    assertRefused("""
        {"model":"sonnet","messages":[{"role":"user","content":[{"type":"image_url",
         "image_url":{"url":"data:image/tiff;base64,AAAA"}}]}]}""", "messages[0].content[0].image_url.url",
        "image/tiff");
  }

  @Test
  void toolsAndAToolConversationBecomeToolUseAndMergedToolResults() {
    JsonNode body = messages("""
        {"model":"sonnet","tools":[{"type":"function","function":{"name":"weather","description":"Weather now",
          "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]},"strict":true}}],
         "messages":[{"role":"user","content":"Weather in Paris and Rome?"},
          {"role":"assistant","content":null,"tool_calls":[
            {"id":"call_1","type":"function","function":{"name":"weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
            {"id":"call_2","type":"function","function":{"name":"weather","arguments":"{\\"city\\":\\"Rome\\"}"}}]},
          {"role":"tool","tool_call_id":"call_1","content":"18C"},
          {"role":"tool","tool_call_id":"call_2","content":[{"type":"text","text":"21C"}]},
          {"role":"user","content":"Thanks"}]}""");

    assertThat(body.get("tools")).isEqualTo(json("""
        [{"name":"weather","description":"Weather now",
          "input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}]"""));
    assertThat(body.get("messages")).isEqualTo(json("""
        [{"role":"user","content":[{"type":"text","text":"Weather in Paris and Rome?"}]},
         {"role":"assistant","content":[
           {"type":"tool_use","id":"call_1","name":"weather","input":{"city":"Paris"}},
           {"type":"tool_use","id":"call_2","name":"weather","input":{"city":"Rome"}}]},
         {"role":"user","content":[
           {"type":"tool_result","tool_use_id":"call_1","content":"18C"},
           {"type":"tool_result","tool_use_id":"call_2","content":[{"type":"text","text":"21C"}]},
           {"type":"text","text":"Thanks"}]}]"""));
    assertThat(body.has("tool_choice")).isFalse();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"auto\"                                         | {\"type\":\"auto\"}",
      "\"none\"                                         | {\"type\":\"none\"}",
      "\"required\"                                     | {\"type\":\"any\"}",
      "{\"type\":\"function\",\"function\":{\"name\":\"f\"}} | {\"type\":\"tool\",\"name\":\"f\"}"})
  void toolChoicesMapOneToOne(String openAi, String messages) {
    JsonNode body = messages("{\"model\":\"sonnet\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],"
        + "\"tool_choice\":" + openAi + ",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");

    assertThat(body.get("tool_choice")).isEqualTo(json(messages));
  }

  @Test
  void parallelToolCallsOffDisablesParallelToolUse() {
    JsonNode body = messages("""
        {"model":"sonnet","tools":[{"type":"function","function":{"name":"f"}}],"parallel_tool_calls":false,
         "messages":[{"role":"user","content":"x"}]}""");

    assertThat(body.get("tool_choice")).isEqualTo(json("{\"type\":\"auto\",\"disable_parallel_tool_use\":true}"));
    assertThat(body.at("/tools/0/input_schema")).isEqualTo(json("{\"type\":\"object\",\"properties\":{}}"));
  }

  @Test
  void samplingStopAndLimitsCarryOver() {
    JsonNode body = messages("""
        {"model":"sonnet","temperature":0.2,"top_p":0.9,"stop":"END","max_tokens":100,"max_completion_tokens":300,
         "user":"alice","messages":[{"role":"user","content":"x"}]}""");

    assertThat(body.get("temperature").asDouble()).isEqualTo(0.2);
    assertThat(body.get("top_p").asDouble()).isEqualTo(0.9);
    assertThat(body.get("stop_sequences")).isEqualTo(json("[\"END\"]"));
    assertThat(body.get("max_tokens").asInt()).isEqualTo(300);
    assertThat(body.at("/metadata/user_id").asText()).isEqualTo("alice");
  }

  @Test
  void withoutALimitTheConfiguredDefaultApplies() {
    assertThat(messages("{\"model\":\"sonnet\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")
        .get("max_tokens").asInt()).isEqualTo(4096);
  }

  @Test
  void reasoningEffortTurnsOnThinkingWithinTheLimit() {
    JsonNode medium = messages("""
        {"model":"sonnet","reasoning_effort":"medium","max_completion_tokens":3000,
         "messages":[{"role":"user","content":"x"}]}""");
    JsonNode unbounded = messages("""
        {"model":"sonnet","reasoning_effort":"high","messages":[{"role":"user","content":"x"}]}""");
    JsonNode none = messages("""
        {"model":"sonnet","reasoning_effort":"none","messages":[{"role":"user","content":"x"}]}""");

    assertThat(medium.get("thinking")).isEqualTo(json("{\"type\":\"enabled\",\"budget_tokens\":2999}"));
    assertThat(medium.get("max_tokens").asInt()).isEqualTo(3000);
    assertThat(unbounded.get("thinking")).isEqualTo(json("{\"type\":\"enabled\",\"budget_tokens\":8192}"));
    assertThat(unbounded.get("max_tokens").asInt()).isEqualTo(4096 + 8192);
    assertThat(none.has("thinking")).isFalse();
    assertRefused("""
        {"model":"sonnet","reasoning_effort":"low","max_completion_tokens":500,
         "messages":[{"role":"user","content":"x"}]}""", "max_completion_tokens", "reasoning");
  }

  @Test
  void aJsonSchemaResponseFormatBecomesStructuredOutput() {
    ChatRequest request = translator.translate(object("""
        {"model":"sonnet","response_format":{"type":"json_schema","json_schema":{"name":"city","strict":true,
         "schema":{"type":"object","properties":{"name":{"type":"string"}},"required":["name"],
         "additionalProperties":false}}},"messages":[{"role":"user","content":"x"}]}"""));

    assertThat(request.structuredOutput()).isTrue();
    assertThat(request.messages().at("/output_config/format")).isEqualTo(json("""
        {"type":"json_schema","schema":{"type":"object","properties":{"name":{"type":"string"}},
         "required":["name"],"additionalProperties":false}}"""));
  }

  @Test
  void streamingAndItsUsageOptionAreRead() {
    ChatRequest request = translator.translate(object("""
        {"model":"sonnet","stream":true,"stream_options":{"include_usage":true},
         "messages":[{"role":"user","content":"x"}]}"""));

    assertThat(request.stream()).isTrue();
    assertThat(request.includeUsage()).isTrue();
    assertThat(request.messages().get("stream").asBoolean()).isTrue();
    assertRefused("""
        {"model":"sonnet","stream_options":{"include_usage":true},"messages":[{"role":"user","content":"x"}]}""",
        "stream_options", "stream is true");
  }

  @Test
  void fieldsAtTheValueThatAsksForNothingAreAccepted() {
    JsonNode body = messages("""
        {"model":"sonnet","n":1,"logprobs":false,"presence_penalty":0,"frequency_penalty":0,"logit_bias":{},
         "store":false,"service_tier":"auto","modalities":["text"],"prompt_cache_key":"k","top_logprobs":null,
         "messages":[{"role":"user","content":"x"}]}""");

    assertThat(body.has("n")).isFalse();
    assertThat(body.has("logprobs")).isFalse();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "\"n\":2                                  | n",
      "\"logprobs\":true                        | logprobs",
      "\"top_logprobs\":3                       | top_logprobs",
      "\"presence_penalty\":0.5                 | presence_penalty",
      "\"frequency_penalty\":1                  | frequency_penalty",
      "\"logit_bias\":{\"50256\":-100}            | logit_bias",
      "\"seed\":42                              | seed",
      "\"store\":true                           | store",
      "\"audio\":{\"voice\":\"alloy\"}            | audio",
      "\"modalities\":[\"text\",\"audio\"]        | modalities",
      "\"functions\":[]                         | functions",
      "\"temperature\":1.5                      | temperature",
      "\"response_format\":{\"type\":\"json_object\"} | response_format.type",
      "\"reasoning_effort\":\"maximal\"           | reasoning_effort",
      "\"tool_choice\":\"required\"               | tool_choice",
      "\"max_tokens\":0                         | max_tokens",
      "\"stop\":[1]                             | stop",
      "\"frobnicate\":true                      | frobnicate"})
  void unsupportedFieldsAreRefusedNamingTheField(String field, String param) {
    assertRefused("{\"model\":\"sonnet\"," + field + ",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
        param, "");
  }

  @Test
  void malformedMessagesAreRefusedNamingTheirPlace() {
    assertRefused("{\"model\":\"sonnet\"}", "messages", "Field required");
    assertRefused("{\"model\":\"sonnet\",\"messages\":[]}", "messages", "non-empty");
    assertRefused("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", "model", "Field required");
    assertRefused("{\"model\":\"sonnet\",\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]}", "messages[0].role",
        "wizard");
    assertRefused("""
        {"model":"sonnet","messages":[{"role":"user","content":[{"type":"input_audio","input_audio":{}}]}]}""",
        "messages[0].content[0].type", "input_audio");
    assertRefused("""
        {"model":"sonnet","messages":[{"role":"user","content":"x"},{"role":"assistant","tool_calls":[
         {"id":"c1","type":"function","function":{"name":"f","arguments":"{not json"}}]}]}""",
        "messages[1].tool_calls[0].function.arguments", "JSON object");
    assertRefused("""
        {"model":"sonnet","messages":[{"role":"tool","content":"x"}]}""", "messages[0].tool_call_id", "required");
  }

  private JsonNode messages(String chat) {
    return translator.translate(object(chat)).messages();
  }

  private void assertRefused(String chat, String param, String words) {
    assertThatThrownBy(() -> translator.translate(object(chat)))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.error().type()).isEqualTo(ErrorType.INVALID_REQUEST);
          assertThat(e.error().message()).startsWith(param + ": ").contains(words);
          assertThat(OpenAiDialect.body(e.error()).at("/error/param").asText()).isEqualTo(param);
        });
  }

  private static ObjectNode object(String json) {
    return (ObjectNode) json(json);
  }

  private static JsonNode json(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
