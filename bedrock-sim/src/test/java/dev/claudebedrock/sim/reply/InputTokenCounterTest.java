package dev.claudebedrock.sim.reply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.sim.testing.Bodies;
import org.junit.jupiter.api.Test;

/** Input tokens: a documented, deterministic function of the body. */
class InputTokenCounterTest {

  @Test
  void countsFourCharactersPerTokenPlusThreePerMessage() {
    assertThat(InputTokenCounter.count(Bodies.invoke("12345678")).total()).isEqualTo(3 + 2);
    assertThat(InputTokenCounter.count(Bodies.invoke("123456789")).total()).isEqualTo(3 + 3);
    assertThat(InputTokenCounter.count(Bodies.invoke("")).total()).isEqualTo(3 + 1);
  }

  @Test
  void countsSystemToolsAndImages() {
    ObjectNode body = Bodies.invoke("1234");
    body.put("system", "12345678");
    body.putArray("tools").addObject().put("name", "t");
    ObjectNode image = ((ObjectNode) body.withArray("messages").get(0)).putArray("content").addObject();
    image.put("type", "image").putObject("source").put("type", "base64").put("data", "A".repeat(100_000));

    assertThat(InputTokenCounter.count(body).total())
        .isEqualTo(InputTokenCounter.textTokens("{\"name\":\"t\"}") + 2 + 3 + 1600);
  }

  @Test
  void ignoresCacheControlMarkers() {
    ObjectNode plain = Bodies.invoke("x");
    plain.putArray("tools").addObject().put("name", "tool");
    ObjectNode marked = plain.deepCopy();
    ((ObjectNode) marked.withArray("tools").get(0)).putObject("cache_control").put("type", "ephemeral");

    assertThat(InputTokenCounter.count(marked).total()).isEqualTo(InputTokenCounter.count(plain).total());
  }
}
