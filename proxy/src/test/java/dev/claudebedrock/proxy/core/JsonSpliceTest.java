package dev.claudebedrock.proxy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonSpliceTest {
  private static String splice(String json, String field, String value) throws IOException {
    return new String(JsonSplice.replaceString(json.getBytes(StandardCharsets.UTF_8), field, value),
        StandardCharsets.UTF_8);
  }

  @Test
  void replacesOnlyTheTopLevelValueAndKeepsEveryOtherByte() throws IOException {
    String body = "{ \"messages\" : [{\"role\":\"user\",\"content\":\"model\",\"model\":\"inner\"}],\n"
        + "  \"model\" :\t\"claude-opus-5-5\" , \"max_tokens\": 1.0e3, \"zzz\": {\"model\": 1} }";

    assertThat(splice(body, "model", "anthropic.claude-opus-5-5")).isEqualTo(
        "{ \"messages\" : [{\"role\":\"user\",\"content\":\"model\",\"model\":\"inner\"}],\n"
            + "  \"model\" :\t\"anthropic.claude-opus-5-5\" , \"max_tokens\": 1.0e3, \"zzz\": {\"model\": 1} }");
  }

  @Test
  void handlesEscapesAndMultiByteCharactersOnBothSides() throws IOException {
    String body = "{\"system\":\"caf\u00e9 \\\"\u2603\\\"\",\"model\":\"a\\u0062c\",\"x\":\"\u00fc\"}";

    assertThat(splice(body, "model", "arn:aws:bedrock:us-east-1:1:application-inference-profile/\"q\""))
        .isEqualTo("{\"system\":\"caf\u00e9 \\\"\u2603\\\"\",\"model\":"
            + "\"arn:aws:bedrock:us-east-1:1:application-inference-profile/\\\"q\\\"\",\"x\":\"\u00fc\"}");
  }

  @Test
  void replacesAValueOfAnyTypeAndLeavesABodyWithoutTheFieldAlone() throws IOException {
    assertThat(splice("{\"model\":{\"a\":[1,2]},\"b\":2}", "model", "m")).isEqualTo("{\"model\":\"m\",\"b\":2}");
    assertThat(splice("{\"b\":2}", "model", "m")).isEqualTo("{\"b\":2}");
  }

  @Test
  void refusesWhatIsNotAnObject() {
    assertThatThrownBy(() -> splice("[1]", "model", "m")).isInstanceOf(IOException.class);
  }
}
