package dev.claudebedrock.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AlternationTest {
  @Test
  void directOpensEveryRoundAndTheOtherRoutesTakeTurnsInTheirPlaces() {
    List<String> routes = List.of("direct", "gateway", "gateway-baseline");

    assertThat(Alternation.order(routes, 1)).containsExactly("direct", "gateway", "gateway-baseline");
    assertThat(Alternation.order(routes, 2)).containsExactly("direct", "gateway-baseline", "gateway");
    assertThat(Alternation.order(routes, 3)).containsExactly("direct", "gateway", "gateway-baseline");
  }

  @Test
  void overAsManyRoundsAsThereAreOtherRoutesEachOfThemHoldsEveryPlaceOnce() {
    List<String> routes = List.of("direct", "gateway", "openai", "governed", "nginx");

    for (int place = 1; place < routes.size(); place++) {
      int at = place;
      assertThat(List.of(1, 2, 3, 4)).extracting(round -> Alternation.order(routes, round).get(at))
          .as("place %d", place).containsExactlyInAnyOrder("gateway", "openai", "governed", "nginx");
    }
  }

  @Test
  void twoRoutesKeepTheirOrder() {
    assertThat(Alternation.order(List.of("direct", "gateway"), 2)).containsExactly("direct", "gateway");
  }
}
