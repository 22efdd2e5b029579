package dev.claudebedrock.proxy.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.proxy.config.RouteConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanRouteTest {

  @Test
  void ordersWeightedTargetsByTheirWeights() {
    List<RouteConfig.RouteTarget> targets = List.of(
        new RouteConfig.RouteTarget("light", "", 1), new RouteConfig.RouteTarget("heavy", "", 3));
    int heavyFirst = 0;
    int draws = 20_000;
    for (int i = 0; i < draws; i++) {
      List<RouteConfig.RouteTarget> order = PlanRoute.weightedOrder(targets);
      assertThat(order).hasSize(2).containsExactlyInAnyOrderElementsOf(targets);
      if (order.get(0).target().equals("heavy")) {
        heavyFirst++;
      }
    }
    assertThat(heavyFirst / (double) draws).isBetween(0.70, 0.80);
  }
}
