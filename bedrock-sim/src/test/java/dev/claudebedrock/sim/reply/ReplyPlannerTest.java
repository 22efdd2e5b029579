package dev.claudebedrock.sim.reply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.sim.testing.Bodies;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reply rules: what a request gets back, decided by the request alone. */
class ReplyPlannerTest {

  @Test
  void echoesTheLastUserTextOneTokenPerWord() {
    Reply reply = plan(Bodies.invoke("  Hello   simulated\n world  "));

    assertThat(text(reply)).isEqualTo("Hello simulated world");
    assertThat(((ReplyBlock.Text) reply.blocks().getFirst()).pieces()).containsExactly("Hello", " simulated", " world");
    assertThat(reply.stopReason()).isEqualTo("end_turn");
    assertThat(reply.outputTokens()).isEqualTo(3);
  }

  @Test
  void takesTheLastTextBlockOfTheLastUserMessage() {
    ObjectNode body = Bodies.invoke("first turn");
    var messages = body.withArray("messages");
    messages.addObject().put("role", "assistant").put("content", "earlier answer");
    ObjectNode last = messages.addObject().put("role", "user");
    last.putArray("content").addObject().put("type", "text").put("text",
        "<system-reminder>ignore me</system-reminder>");
    last.withArray("content").addObject().put("type", "text").put("text", "say hi");
    messages.addObject().put("role", "system").put("content", "# Environment");

    assertThat(text(plan(body))).isEqualTo("say hi");
  }

  @Test
  void answersOkWhenThereIsNoUserText() {
    ObjectNode body = Bodies.invoke("x");
    ObjectNode message = (ObjectNode) body.withArray("messages").get(0);
    message.putArray("content").addObject().put("type", "tool_result").put("tool_use_id", "toolu_1").put("content",
        "42");

    assertThat(text(plan(body))).isEqualTo("OK");
  }

  @Test
  void producesExactlyTheRequestedNumberOfTokens() {
    Reply reply = plan(Bodies.invoke("alpha beta [[sim:tokens=5]]"));

    assertThat(text(reply)).isEqualTo("alpha beta alpha beta alpha");
    assertThat(reply.outputTokens()).isEqualTo(5);
    assertThat(plan(Bodies.invoke("[[sim:tokens=3]]")).outputTokens()).isEqualTo(3);
  }

  @Test
  void structuredOutputAnswersWithJsonThatFollowsTheSchema() throws Exception {
    ObjectNode body = Bodies.invoke("A city, please");
    ObjectNode format = body.putObject("output_config").putObject("format").put("type", "json_schema");
    ObjectNode schema = format.putObject("schema").put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    properties.putObject("name").put("type", "string");
    properties.putObject("population").put("type", "integer").put("minimum", 1000);
    schema.putArray("required").add("name").add("population");

    Reply reply = plan(body);

    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(text(reply)).toString())
        .isEqualTo("{\"name\":\"sim-name\",\"population\":1000}");
    assertThat(reply.outputTokens()).isEqualTo(4);
    assertThat(reply.stopReason()).isEqualTo("end_turn");
  }

  @Test
  void capsTheEchoAtOneHundredWords() {
    assertThat(plan(Bodies.invoke("w ".repeat(150))).outputTokens()).isEqualTo(100);
  }

  @Test
  void stopsAtMaxTokens() {
    Reply reply = plan(Bodies.invoke("one two three four five", 3));

    assertThat(text(reply)).isEqualTo("one two three");
    assertThat(reply.stopReason()).isEqualTo("max_tokens");
  }

  @Test
  void endsTheTurnWhenTheReplyFitsMaxTokensExactly() {
    assertThat(plan(Bodies.invoke("one two three", 3)).stopReason()).isEqualTo("end_turn");
  }

  @Test
  void stopsAtTheEarliestStopSequence() {
    ObjectNode body = Bodies.invoke("please STOP now or HALT later");
    body.putArray("stop_sequences").add("HALT").add("STOP");

    Reply reply = plan(body);

    assertThat(text(reply)).isEqualTo("please ");
    assertThat(reply.stopReason()).isEqualTo("stop_sequence");
    assertThat(reply.stopSequence()).isEqualTo("STOP");
  }

  @Test
  void callsTheFirstToolWhenToolChoiceIsAny() {
    ObjectNode body = Bodies.withWeatherTool("weather?");
    body.putObject("tool_choice").put("type", "any");

    Reply reply = plan(body);

    assertThat(reply.blocks()).singleElement().isInstanceOfSatisfying(ReplyBlock.ToolUse.class, tool -> {
      assertThat(tool.name()).isEqualTo("get_weather");
      assertThat(tool.id()).startsWith("toolu_bdrk_");
      assertThat(tool.inputJson()).isEqualTo("{\"city\":\"sim-city\",\"days\":1,\"unit\":\"celsius\"}");
      assertThat(String.join("", tool.pieces())).isEqualTo(tool.inputJson());
      assertThat(tool.pieces()).hasSizeGreaterThan(1);
    });
    assertThat(reply.stopReason()).isEqualTo("tool_use");
  }

  @Test
  void callsTheNamedToolWhenToolChoiceNamesOne() {
    ObjectNode body = Bodies.withWeatherTool("weather?");
    body.withArray("tools").addObject().put("name", "noop").putObject("input_schema").put("type", "object");
    body.putObject("tool_choice").put("type", "tool").put("name", "noop");

    assertThat(plan(body).blocks()).singleElement().isInstanceOfSatisfying(ReplyBlock.ToolUse.class,
        tool -> assertThat(tool.inputJson()).isEqualTo("{}"));
  }

  @Test
  void callsAToolOnADirectiveAfterTheEchoWhenToolChoiceIsAuto() {
    Reply reply = plan(Bodies.withWeatherTool("Checking now [[sim:tool=get_weather]]"));

    assertThat(reply.blocks()).hasSize(2);
    assertThat(reply.blocks().get(0)).isInstanceOf(ReplyBlock.Text.class);
    assertThat(reply.blocks().get(1)).isInstanceOf(ReplyBlock.ToolUse.class);
    assertThat(reply.stopReason()).isEqualTo("tool_use");
    assertThat(plan(Bodies.withWeatherTool("[[sim:tool]]")).blocks()).singleElement()
        .isInstanceOf(ReplyBlock.ToolUse.class);
  }

  @Test
  void neverCallsAToolWhenToolChoiceIsNoneOrNoToolIsDeclared() {
    ObjectNode none = Bodies.withWeatherTool("x [[sim:tool]]");
    none.putObject("tool_choice").put("type", "none");

    assertThat(plan(none).blocks()).allMatch(b -> b instanceof ReplyBlock.Text);
    assertThat(plan(Bodies.invoke("x [[sim:tool=get_weather]]")).blocks()).allMatch(b -> b instanceof ReplyBlock.Text);
  }

  @Test
  void thinksFirstWhenThinkingIsOn() {
    ObjectNode body = Bodies.invoke("answer me", 4096);
    body.putObject("thinking").put("type", "adaptive");

    Reply reply = plan(body);

    assertThat(reply.blocks().getFirst()).isInstanceOfSatisfying(ReplyBlock.Thinking.class, thinking -> {
      assertThat(thinking.text()).isEqualTo(ReplyPlanner.DEFAULT_THINKING);
      assertThat(thinking.signature()).isNotBlank();
    });
    assertThat(reply.outputTokens()).isEqualTo(8 + 2);
  }

  @Test
  void spendsButHidesOmittedThinking() {
    ObjectNode body = Bodies.invoke("answer [[sim:thinking=4]]", 4096);
    body.putObject("thinking").put("type", "enabled").put("budget_tokens", 1024).put("display", "omitted");

    ReplyBlock.Thinking thinking = (ReplyBlock.Thinking) plan(body).blocks().getFirst();

    assertThat(thinking.text()).isEmpty();
    assertThat(thinking.tokens()).isEqualTo(4);
  }

  @Test
  void countsThinkingAgainstMaxTokens() {
    ObjectNode body = Bodies.invoke("never shown", 1);
    body.putObject("thinking").put("type", "adaptive");

    Reply reply = plan(body);

    assertThat(reply.blocks()).singleElement().isInstanceOf(ReplyBlock.Thinking.class);
    assertThat(reply.outputTokens()).isEqualTo(1);
    assertThat(reply.stopReason()).isEqualTo("max_tokens");
  }

  @Test
  void cutsAToolCallShortAtMaxTokens() {
    ObjectNode body = Bodies.withWeatherTool("w");
    body.put("max_tokens", 2);
    body.putObject("tool_choice").put("type", "any");

    ReplyBlock.ToolUse tool = (ReplyBlock.ToolUse) plan(body).blocks().getFirst();

    assertThat(tool.complete()).isFalse();
    assertThat(tool.pieces()).hasSize(2);
  }

  @Test
  void leavesUnknownDirectivesInTheText() {
    assertThat(text(plan(Bodies.invoke("keep [[sim:unknown=1]] this")))).isEqualTo("keep [[sim:unknown=1]] this");
  }

  private static Reply plan(ObjectNode body) {
    return ReplyPlanner.plan(ReplyRequest.from(body));
  }

  private static String text(Reply reply) {
    List<String> texts = reply.blocks().stream().filter(b -> b instanceof ReplyBlock.Text)
        .map(b -> ((ReplyBlock.Text) b).text()).toList();
    return String.join("|", texts);
  }
}
