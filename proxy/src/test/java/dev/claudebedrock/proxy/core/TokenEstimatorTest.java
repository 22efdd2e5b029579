package dev.claudebedrock.proxy.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TokenEstimatorTest {

  @Test
  void countsOneTokenPerThreeBytesOfTextPlusPerMessageOverhead() throws Exception {
    long estimate = TokenEstimator.estimate(Json.MAPPER.readTree(
        "{\"system\":\"123456\",\"messages\":[{\"role\":\"user\",\"content\":\"123456789\"}]}"));
    assertThat(estimate).isEqualTo(2 + 4 + 3);
  }

  @Test
  void errsHighOnEnglishProseWhichAveragesNearFourCharactersPerToken() throws Exception {
    String prose = "The gateway forwards each event as soon as it arrives. ".repeat(200);
    long estimate = TokenEstimator.estimate(Json.MAPPER.readTree(
        "{\"messages\":[{\"role\":\"user\",\"content\":\"" + prose + "\"}]}"));
    assertThat(estimate).isGreaterThan(prose.length() / 4);
  }

  @Test
  void pricesImagesAndToolsAtTheirFixedCosts() throws Exception {
    long estimate = TokenEstimator.estimate(Json.MAPPER.readTree(
        """
            {"messages":[{"role":"user","content":[{"type":"image","source":{"type":"base64","media_type":"image/png","data":"AAAA"}}]}],
             "tools":[{"name":"t","input_schema":{}}]}"""));
    assertThat(estimate).isGreaterThanOrEqualTo(4 + 1_600 + 350);
  }

  @Test
  void readsTheSameEstimateFromTheBytesAsFromTheTree() throws Exception {
    List<String> bodies = new ArrayList<>(List.of(
        "{\"system\":\"123456\",\"messages\":[{\"role\":\"user\",\"content\":\"123456789\"}]}",
        "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"base64\","
            + "\"media_type\":\"image/png\",\"data\":\"AAAA\"}}]}],\"tools\":[{\"name\":\"t\",\"input_schema\":{}}]}",
        "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"document\",\"source\":{\"type\":\"base64\","
            + "\"data\":\"" + "QUJD".repeat(40_000) + "\"}}]}]}",
        "{}",
        "{\"tools\":[]}",
        "{\"tools\":[1.0,1e2,-0.0,12345678901234567890,\"\\ud83d\\ude00 \\ud800 x\\udc00\",\"/\\u0001\"],"
            + "\"system\":[null,true,1.5,{\"a\":null,\"b\":false,\"id\":\"skipped\"}]}",
        "{\"messages\":[\"text\",null,3,[],{\"content\":null},{\"content\":{\"type\":\"image\"}},"
            + "{\"content\":[{\"source\":{\"type\":\"base64\",\"data\":12345}},{\"source\":{\"type\":\"base64\","
            + "\"data\":1.5e300}},{\"source\":{\"type\":\"base64\",\"data\":true}},{\"source\":{\"type\":"
            + "\"base64\",\"data\":null}},{\"source\":{\"type\":\"base64\",\"data\":[\"x\"]}},{\"source\":"
            + "[{\"type\":\"base64\"}]},{\"type\":\"image\",\"source\":\"s\"}]}]}"));
    Random random = new Random(16);
    for (int i = 0; i < 3_000; i++) {
      StringBuilder body = new StringBuilder("{");
      String[] top = {"system", "messages", "tools", "model", "metadata"};
      for (int m = 0; m < top.length; m++) {
        if (random.nextInt(4) > 0) {
          body.append(body.length() > 1 ? "," : "").append('"').append(top[m]).append("\":");
          value(body, random, 0);
        }
      }
      bodies.add(body.append('}').toString());
    }
    for (String body : bodies) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      assertThat(TokenEstimator.estimate(JsonBytes.of(bytes))).as(body)
          .isEqualTo(TokenEstimator.estimate(Json.MAPPER.readTree(bytes)));
    }
  }

  private static final String[] NAMES = {"type", "source", "data", "content", "text", "cache_control", "id",
      "name", "input", "role"};
  private static final String[] STRINGS = {"image", "base64", "text", "document", "", "héllo wörld",
      "\\ud83d\\ude00", "\\ud83d", "\\ude00 tail", "東京 → 😀", "\\n\\t\\\"\\\\\\/", "\\u0000\\u001f", "x".repeat(50)};
  private static final String[] NUMBERS = {"0", "-0", "7", "2147483648", "-9223372036854775809",
      "123456789012345678901234567890", "1.0", "1e2", "-1.5E-7", "1e300", "0.1"};

  private static void value(StringBuilder out, Random random, int depth) {
    int kind = random.nextInt(depth > 4 ? 4 : 8);
    switch (kind) {
      case 0 -> out.append('"').append(STRINGS[random.nextInt(STRINGS.length)]).append('"');
      case 1 -> out.append(NUMBERS[random.nextInt(NUMBERS.length)]);
      case 2 -> out.append(random.nextBoolean() ? "true" : random.nextBoolean() ? "false" : "null");
      case 3 -> out.append(random.nextBoolean() ? "[]" : "{}");
      case 4 -> {
        out.append('[');
        for (int i = random.nextInt(4); i >= 0; i--) {
          value(out, random, depth + 1);
          out.append(i > 0 ? "," : "");
        }
        out.append(']');
      }
      case 7 -> { // a block with a base64 source, data of any kind
        out.append("{\"type\":\"").append(random.nextBoolean() ? "image" : "document")
            .append("\",\"source\":{\"data\":");
        value(out, random, depth + 1);
        out.append(",\"type\":\"base64\"}}");
      }
      default -> {
        out.append('{');
        List<String> names = new ArrayList<>(List.of(NAMES));
        java.util.Collections.shuffle(names, random);
        int members = 1 + random.nextInt(4);
        for (int i = 0; i < members; i++) {
          out.append(i > 0 ? "," : "").append('"').append(names.get(i)).append("\":");
          value(out, random, depth + 1);
        }
        out.append('}');
      }
    }
  }
}
