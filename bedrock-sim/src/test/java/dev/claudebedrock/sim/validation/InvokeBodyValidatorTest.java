package dev.claudebedrock.sim.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.sim.errors.BedrockError;
import dev.claudebedrock.sim.errors.ErrorType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bedrock's InvokeModel body rules for Anthropic models, one refusal message each. */
class InvokeBodyValidatorTest {
  private static final String VALID = """
      {"anthropic_version":"bedrock-2023-05-31","max_tokens":100,"messages":[{"role":"user","content":"hi"}]}""";
  private final InvokeBodyValidator validator = new InvokeBodyValidator(BetaPolicy.defaults());

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "model in the body    | {'model':'claude-x'}                         | model: Extra inputs are not permitted",
      "stream in the body   | {'stream':true}                              | stream: Extra inputs are not permitted",
      "unknown key          | {'service_tier':'auto'}                      | service_tier: Extra inputs are not permitted",
      "wrong version        | {'anthropic_version':'2023-06-01'}            | anthropic_version: Input should be 'bedrock-2023-05-31'",
      "unknown beta         | {'anthropic_beta':['claude-code-20250219']}   | invalid beta flag",
      "beta not a list      | {'anthropic_beta':'effort-2025-11-24'}        | anthropic_beta: Input should be a valid list",
      "max_tokens string    | {'max_tokens':'100'}                         | max_tokens: Input should be a valid integer",
      "max_tokens zero      | {'max_tokens':0}                             | max_tokens: Input should be greater than or equal to 1",
      "messages not list    | {'messages':'hi'}                            | messages: Input should be a valid list",
      "messages empty       | {'messages':[]}                              | messages: List should have at least 1 item after validation, not 0",
      "per-message key      | {'messages':[{'role':'user','content':'x','id':'1'}] } | messages.0.id: Extra inputs are not permitted",
      "bad role             | {'messages':[{'role':'tool','content':'x'}]} | messages.0.role: Input should be 'user', 'assistant' or 'system'",
      "missing content      | {'messages':[{'role':'user'}]}               | messages.0.content: Field required",
      "system number        | {'system':1}                                 | system: Input should be a valid string or list",
      "context_management   | {'context_management':{'edits':[{'type':'compact_20260112'}]}} | context_management: Extra inputs are not permitted",
      "small thinking budget| {'thinking':{'type':'enabled','budget_tokens':10}} | thinking.enabled.budget_tokens: Input should be greater than or equal to 1024",
      "budget over max      | {'max_tokens':2000,'thinking':{'type':'enabled','budget_tokens':2000}} | `max_tokens` must be greater than `thinking.budget_tokens`.",
      "forced tool+thinking | {'max_tokens':4000,'thinking':{'type':'adaptive'},'tool_choice':{'type':'any'}} | Thinking may not be enabled when tool_choice forces tool use.",
      "bad tool_choice      | {'tool_choice':{'type':'sometimes'}}         | tool_choice: Input tag 'sometimes' found using 'type' does not match any of the expected tags: 'auto', 'any', 'tool', 'none'",
  })
  void refuses(String description, String change, String message) {
    ObjectNode body = valid();
    body.setAll(JsonBodies.parseObject(change.replace('\'', '"').getBytes(StandardCharsets.UTF_8)));

    assertThatThrownBy(() -> validator.validate(body))
        .isInstanceOfSatisfying(BedrockError.class, e -> assertThat(e.type()).isEqualTo(ErrorType.VALIDATION))
        .hasMessage(message);
  }

  @Test
  void requiresVersionMaxTokensAndMessages() {
    for (String field : new String[] {"anthropic_version", "max_tokens", "messages"}) {
      ObjectNode body = valid();
      body.remove(field);
      assertThatThrownBy(() -> validator.validate(body)).hasMessage(field + ": Field required");
    }
  }

  @Test
  void acceptsWhatClaudeCodeSendsInBedrockMode() {
    ObjectNode body = JsonBodies.parseObject(
        """
            {"anthropic_version":"bedrock-2023-05-31","max_tokens":128000,
             "anthropic_beta":["interleaved-thinking-2025-05-14","tool-search-tool-2025-10-19","thinking-token-count-2026-05-13"],
             "system":[{"type":"text","text":"You are Claude Code.","cache_control":{"type":"ephemeral"}}],
             "messages":[{"role":"user","content":[{"type":"text","text":"say hi"}]},
                         {"role":"system","content":[{"type":"text","text":"# Environment"}]}],
             "tools":[{"name":"Bash","description":"Runs a command","input_schema":{"type":"object"}}],
             "metadata":{"user_id":"u"},"thinking":{"type":"adaptive","display":"omitted"},
             "output_config":{"effort":"medium"},"temperature":1,"top_p":0.9,"top_k":5,"stop_sequences":["END"]}
            """
            .getBytes(StandardCharsets.UTF_8));

    assertThatCode(() -> validator.validate(body)).doesNotThrowAnyException();
  }

  @Test
  void acceptsContextManagementOnlyForCompactionWithItsBeta() {
    ObjectNode body = valid();
    body.putArray("anthropic_beta").add("compact-2026-01-12");
    body.putObject("context_management").putArray("edits").addObject().put("type", "compact_20260112");
    assertThatCode(() -> validator.validate(body)).doesNotThrowAnyException();

    ((ObjectNode) body.path("context_management").path("edits").get(0)).put("type", "clear_tool_uses_20250919");
    assertThatThrownBy(() -> validator.validate(body)).hasMessage("context_management: Extra inputs are not permitted");
  }

  @Test
  void refusesMalformedJson() {
    assertThatThrownBy(() -> JsonBodies.parseObject("{\"max_tokens\":".getBytes(StandardCharsets.UTF_8)))
        .hasMessage("Malformed input request, please reformat your input and try again.");
    assertThatThrownBy(() -> JsonBodies.parseObject("[1]".getBytes(StandardCharsets.UTF_8)))
        .hasMessage("Malformed input request, please reformat your input and try again.");
  }

  private static ObjectNode valid() {
    return JsonBodies.parseObject(VALID.getBytes(StandardCharsets.UTF_8));
  }
}
