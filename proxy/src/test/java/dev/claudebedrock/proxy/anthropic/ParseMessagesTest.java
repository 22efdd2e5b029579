package dev.claudebedrock.proxy.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.core.ApiException;
import dev.claudebedrock.proxy.core.ErrorType;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.core.JsonBytes;
import dev.claudebedrock.proxy.core.JsonRequestBody;
import dev.claudebedrock.proxy.core.MessagesRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The single streaming pass of {@link ParseMessages#read} against the tree it replaced: for every body, valid or
 * not, the same outcome — the same error message, or the same request facts. {@link #treeOutcome} is the check the
 * stage made before the pass (the body parsed into a tree by {@link JsonRequestBody#object}, then its fields read),
 * kept here as the reference.
 */
class ParseMessagesTest {
  private static final String VALID = "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,"
      + "\"messages\":[{\"role\":\"user\",\"content\":\"héllo \\u00e9 \\ud83d\\ude00 😀\"}]}";

  /** Bodies that exercise every check and every way JSON can be wrong. */
  private static final List<String> CASES = List.of(
      VALID,
      "",
      " ",
      "\n\t ",
      "{}",
      "[]",
      "[1,2,3]",
      "[1,2,",
      "[\"unterminated",
      "\"a string\"",
      "\"unterminated",
      "42",
      "42abc",
      "-",
      "true",
      "tru",
      "null",
      "{\"model\":",
      "{\"model\"",
      "{\"model\":\"claude-haiku-4-5\"",
      "{\"model\":\"claude-haiku-4-5\",}",
      "{'model':'x'}",
      "{model:\"x\"}",
      "\uFEFF" + VALID,
      VALID + " trailing garbage",
      VALID + "]",
      VALID + " {\"model\":\"x\"}",
      VALID + "\"unterminated",
      // duplicate keys, at the top level and below it
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[],\"model\":\"x\"}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"role\":\"x\"}]}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[],\"thinking\":{\"type\":\"enabled\","
          + "\"type\":\"disabled\"}}",
      "{\"max_tokens\":5,\"max_tokens\":6}",
      // strings: escapes, control characters, UTF-8, in values the pass reads and in values it skips
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[\"bad \\x escape\"]}",
      "{\"model\":\"bad \\x escape\",\"max_tokens\":5,\"messages\":[]}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[\"\\u12\"]}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[\"tab\there\"]}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[\"new\nline\"]}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[\"unterminated}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[],\"extra\":\"unterminated",
      // numbers
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[],\"n\":01}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[],\"n\":1.}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[],\"n\":1e}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[],\"n\":NaN}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[],\"n\":" + "9".repeat(1001) + "}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[],\"n\":" + "9".repeat(1000) + "}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[],\"n\":1e99999}",
      // model
      "{\"max_tokens\":5,\"messages\":[]}",
      "{\"model\":null,\"max_tokens\":5,\"messages\":[]}",
      "{\"model\":5,\"max_tokens\":5,\"messages\":[]}",
      "{\"model\":\"\",\"max_tokens\":5,\"messages\":[]}",
      "{\"model\":\"  \",\"max_tokens\":5,\"messages\":[]}",
      "{\"model\":[\"x\"],\"max_tokens\":5,\"messages\":[]}",
      "{\"model\":{\"name\":\"x\"},\"max_tokens\":5,\"messages\":[]}",
      "{\"model\":true,\"max_tokens\":5,\"messages\":[]}",
      // messages
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":null}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":{}}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":\"hi\"}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":3}",
      // stream
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[],\"stream\":true}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[],\"stream\":false}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[],\"stream\":null}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[],\"stream\":\"yes\"}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[],\"stream\":1}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[],\"stream\":[true]}",
      // max_tokens
      "{\"model\":\"claude-haiku-4-5\",\"messages\":[]}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":null,\"messages\":[]}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":\"many\",\"messages\":[]}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":\"5\",\"messages\":[]}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":0,\"messages\":[]}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":-0,\"messages\":[]}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":-3,\"messages\":[]}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":1,\"messages\":[]}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5.0,\"messages\":[]}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5.7,\"messages\":[]}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":1e3,\"messages\":[]}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":2147483647,\"messages\":[]}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":2147483648,\"messages\":[]}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":9223372036854775808,\"messages\":[]}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":1e300,\"messages\":[]}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":true,\"messages\":[]}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":[5],\"messages\":[]}",
      // temperature and thinking, which later stages decide on
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[],\"temperature\":0}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[],\"temperature\":-0.0}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[],\"temperature\":1e-400}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[],\"temperature\":0.7}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[],\"temperature\":\"0\"}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[],\"temperature\":null}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[],\"temperature\":" + "1".repeat(30) + "}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[],\"thinking\":{\"type\":\"enabled\","
          + "\"budget_tokens\":1024}}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[],\"thinking\":{\"budget_tokens\":1024,"
          + "\"nested\":{\"type\":\"enabled\"},\"type\":\"adaptive\"}}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[],\"thinking\":{\"nested\":{\"type\":"
          + "\"enabled\"}}}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[],\"thinking\":{\"type\":\"disabled\"}}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[],\"thinking\":{\"type\":1}}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[],\"thinking\":[{\"type\":\"enabled\"}]}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[],\"thinking\":\"enabled\"}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[],\"thinking\":{\"type\":\"enabled\"",
      // a field error and a syntax error later in the document: the syntax error wins
      "{\"model\":5,\"max_tokens\":5,\"messages\":[],\"x\":[1,}",
      "{\"max_tokens\":5,\"messages\":[],\"x\":\"\\q\"}",
      // nesting at and past the limit, inside a field the pass skips and one it reads
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[],\"deep\":" + nested(Json.MAX_NESTING - 1) + "}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[],\"deep\":" + nested(Json.MAX_NESTING) + "}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":" + nested(Json.MAX_NESTING + 5) + "}",
      "{\"model\":\"claude-haiku-4-5\",\"max_tokens\":5,\"messages\":[],\"thinking\":{\"x\":"
          + nested(Json.MAX_NESTING) + "}}",
      nested(Json.MAX_NESTING + 1));

  @Test
  void refusesAndAcceptsExactlyWhatTheTreeDid() {
    for (String body : CASES) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      for (boolean countTokens : new boolean[] {false, true}) {
        assertThat(passOutcome(bytes, countTokens)).as("%s (count_tokens: %s)", abbreviate(body), countTokens)
            .isEqualTo(treeOutcome(bytes, countTokens));
      }
    }
  }

  @Test
  void refusesInvalidUtf8InSkippedAndReadStringsAlike() {
    byte[][] bad = {{(byte) 0xC3, 'x'}, {(byte) 0xE2, (byte) 0x82, 'x'}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, 'x'},
        {(byte) 0xFF}, {(byte) 0x80}, {(byte) 0xC3}};
    for (byte[] sequence : bad) {
      for (String field : new String[] {"model", "extra"}) {
        byte[] body = concat("{\"max_tokens\":5,\"messages\":[],\"" + field + "\":\"ab", sequence, "cd\"}");
        String outcome = passOutcome(body, false);
        assertThat(outcome).as("%s in %s", java.util.HexFormat.of().formatHex(sequence), field)
            .isEqualTo(treeOutcome(body, false)).startsWith("error: The request body is not valid JSON");
      }
    }
  }

  @Test
  void agreesWithTheTreeOnEveryCorruptionOfARealisticBody() {
    String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"stream\":true,\"temperature\":0,"
        + "\"system\":[{\"type\":\"text\",\"text\":\"You are \\\"helpful\\\".\",\"cache_control\":{\"type\":"
        + "\"ephemeral\"}}],\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2000},\"messages\":[{\"role\":"
        + "\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Zürich → 東京 😀 \\n\\t\\u0041\"},{\"type\":"
        + "\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}}]},"
        + "{\"role\":\"assistant\",\"content\":\"ok\"}],\"tools\":[{\"name\":\"t\",\"input_schema\":{\"type\":"
        + "\"object\",\"properties\":{\"n\":{\"type\":\"number\",\"minimum\":-1.5e3}}}}],\"metadata\":"
        + "{\"user_id\":\"u\"}}";
    byte[] original = body.getBytes(StandardCharsets.UTF_8);
    byte[] alphabet = "{}[]\",:\\ 0-.eEtfnu\u00ff\n".getBytes(StandardCharsets.ISO_8859_1);
    Random random = new Random(16);
    int refused = 0;
    for (int i = 0; i < 20_000; i++) {
      byte[] mutated = mutate(original, random, alphabet);
      for (boolean countTokens : new boolean[] {false, true}) {
        String tree = treeOutcome(mutated, countTokens);
        assertThat(passOutcome(mutated, countTokens)).as("%s", new String(mutated, StandardCharsets.ISO_8859_1))
            .isEqualTo(tree);
        refused += tree.startsWith("error:") ? 1 : 0;
      }
    }
    assertThat(refused).as("corruptions refused").isBetween(1_000, 39_000);
  }

  @Test
  void buildsNoTreeUntilAStageAsksForOne() {
    MessagesRequest request = ParseMessages.read(JsonBytes.of(VALID.getBytes(StandardCharsets.UTF_8)), false,
        List.of());
    assertThat(request.treeBuilt()).isFalse();
    assertThat(request.body().get("max_tokens").asInt()).isEqualTo(5);
    assertThat(request.treeBuilt()).isTrue();
    assertThat(request.body()).isSameAs(request.body());
  }

  /** What the stage decides now: the error's message, or the request's facts. */
  private static String passOutcome(byte[] body, boolean countTokens) {
    try {
      return facts(ParseMessages.read(JsonBytes.of(body), countTokens, List.of()));
    } catch (ApiException e) {
      assertThat(e.error().type()).isEqualTo(ErrorType.INVALID_REQUEST);
      return "error: " + e.error().message();
    }
  }

  /** What the stage decided with a tree of the body (the code it ran before the single pass). */
  private static String treeOutcome(byte[] raw, boolean countTokens) {
    ObjectNode body;
    try {
      body = JsonRequestBody.object(raw);
    } catch (ApiException e) {
      return "error: " + e.error().message();
    }
    JsonNode model = body.get("model");
    if (model == null || model.isNull()) {
      return "error: model: Field required";
    }
    if (!model.isTextual() || model.asText().isBlank()) {
      return "error: model: Input should be a non-empty string";
    }
    JsonNode messages = body.get("messages");
    if (messages == null || messages.isNull()) {
      return "error: messages: Field required";
    }
    if (!messages.isArray()) {
      return "error: messages: Input should be a valid list";
    }
    JsonNode stream = body.get("stream");
    if (stream != null && !stream.isNull() && !stream.isBoolean()) {
      return "error: stream: Input should be a valid boolean";
    }
    if (!countTokens) {
      JsonNode maxTokens = body.get("max_tokens");
      if (maxTokens == null || maxTokens.isNull()) {
        return "error: max_tokens: Field required";
      }
      if (!maxTokens.canConvertToInt() || !maxTokens.isIntegralNumber() || maxTokens.asInt() < 1) {
        return "error: max_tokens: Input should be a positive integer";
      }
    }
    boolean streaming = !countTokens && stream != null && stream.asBoolean();
    // the facts as the stages read them from the tree before (CacheLookup, PlanRoute, TracingListener)
    String thinkingType = body.path("thinking").path("type").asText("");
    JsonNode temperature = body.get("temperature");
    JsonNode maxTokens = body.get("max_tokens");
    return "model=" + model.asText() + " stream=" + streaming + " bytes=" + raw.length
        + " thinking=" + (thinkingType.equals("enabled") || thinkingType.equals("adaptive"))
        + " temperature=" + (temperature != null && temperature.isNumber() ? temperature.asDouble() : null)
        + " maxTokens=" + (maxTokens != null && maxTokens.canConvertToLong() ? maxTokens.asLong() : null);
  }

  private static String facts(MessagesRequest request) {
    return "model=" + request.model() + " stream=" + request.stream() + " bytes=" + request.bodyBytes()
        + " thinking=" + request.thinking() + " temperature=" + request.temperature()
        + " maxTokens=" + request.maxTokens();
  }

  private static byte[] mutate(byte[] original, Random random, byte[] alphabet) {
    byte[] bytes = original.clone();
    int position = random.nextInt(bytes.length);
    return switch (random.nextInt(4)) {
      case 0 -> {
        bytes[position] = alphabet[random.nextInt(alphabet.length)];
        yield bytes;
      }
      case 1 -> java.util.Arrays.copyOf(bytes, position); // truncated
      case 2 -> { // a byte removed
        byte[] shorter = new byte[bytes.length - 1];
        System.arraycopy(bytes, 0, shorter, 0, position);
        System.arraycopy(bytes, position + 1, shorter, position, bytes.length - position - 1);
        yield shorter;
      }
      default -> { // a byte inserted
        byte[] longer = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, longer, 0, position);
        longer[position] = alphabet[random.nextInt(alphabet.length)];
        System.arraycopy(bytes, position, longer, position + 1, bytes.length - position);
        yield longer;
      }
    };
  }

  private static String nested(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  private static byte[] concat(String head, byte[] middle, String tail) {
    List<byte[]> parts = new ArrayList<>(List.of(head.getBytes(StandardCharsets.UTF_8), middle,
        tail.getBytes(StandardCharsets.UTF_8)));
    int length = parts.stream().mapToInt(part -> part.length).sum();
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }

  private static String abbreviate(String body) {
    return body.length() > 200 ? body.substring(0, 200) + "…" : body;
  }
}
