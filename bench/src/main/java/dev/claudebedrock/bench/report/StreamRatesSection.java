package dev.claudebedrock.bench.report;

import dev.claudebedrock.bench.load.LatencySummary;
import dev.claudebedrock.bench.suite.Route;
import dev.claudebedrock.bench.suite.RouteResult;
import dev.claudebedrock.bench.suite.StreamRatesResult;
import dev.claudebedrock.bench.suite.StreamingResult;
import java.util.List;

/** The section on streams at rising rates: per rate and route, streams completed, first event, event delay, CPU. */
public final class StreamRatesSection {
  private static final List<String> ROUTES = List.of(Route.DIRECT, Route.NGINX, Route.GATEWAY, Route.GATEWAY_H2);

  private StreamRatesSection() {}

  /** The section's Markdown, from its heading; {@code rounds} × {@code measureSeconds} per route and rate. */
  public static String render(StreamRatesResult result, int rounds, String measureSeconds) {
    StringBuilder page = new StringBuilder("## Streams at rising rates\n\n");
    int events = result.tokens() + 5;
    page.append(("New streams per second rising, each %d text deltas (%d events) paced by the simulator at %s "
        + "tokens/s, each route %d × %s s per rate, legs alternating. *gateway* talks HTTP/1.1 to the simulator (one "
        + "upstream connection per open stream), *gateway-h2* HTTP/2 with prior knowledge (many streams per "
        + "connection, as with Bedrock over TLS). A route keeps up while it completes as many streams per second as "
        + "were opened and its first event stays near the direct route's. *CPU per event*: the proxy's CPU over the "
        + "legs divided by the events it forwarded per second. Milliseconds where not stated.\n\n").formatted(
            result.tokens(), events, Formats.number(result.tokensPerSecond()), rounds, measureSeconds));
    MarkdownTable table = new MarkdownTable("rlrrrrrrrr", "Streams/s", "Route", "Completed/s", "First event p50",
        "First event p99", "Event delay p50", "Event delay p99", "Errors", "Proxy CPU", "CPU per event");
    for (StreamingResult rate : result.rates()) {
      String opened = Formats.number(rate.rate());
      for (String name : ROUTES) {
        RouteResult.find(rate.routes(), name).ifPresent(route -> {
          LatencySummary first = LatencySummary.of(route.load().firstEvent());
          LatencySummary delay = LatencySummary.of(route.load().eventDelay());
          boolean direct = name.equals(Route.DIRECT);
          double eventsPerSecond = route.load().completedPerSecond() * events;
          table.row(opened, name, Formats.number(Math.round(route.load().completedPerSecond())),
              Formats.ms(first.p50()), Formats.ms(first.p99()), Formats.ms(delay.p50()), Formats.ms(delay.p99()),
              Long.toString(route.load().errors()),
              direct ? "" : Formats.number(Math.round(route.cpu().proxy())) + " %",
              direct || eventsPerSecond == 0 ? ""
                  : Formats.number(Math.round(route.cpu().proxy() / 100 * 1e6 / eventsPerSecond * 10) / 10.0) + " µs");
        });
      }
      RouteResult.find(rate.routes(), Route.DIRECT).ifPresent(direct -> {
        for (String name : List.of(Route.NGINX, Route.GATEWAY, Route.GATEWAY_H2)) {
          RouteResult.find(rate.routes(), name).ifPresent(route -> {
            LatencySummary first = LatencySummary.of(route.load().firstEvent())
                .minus(LatencySummary.of(direct.load().firstEvent()));
            LatencySummary delay = LatencySummary.of(route.load().eventDelay())
                .minus(LatencySummary.of(direct.load().eventDelay()));
            table.row(opened, "*" + name + " added*", "", Formats.signedMs(first.p50()), Formats.signedMs(first.p99()),
                Formats.signedMs(delay.p50()), Formats.signedMs(delay.p99()), "", "", "");
          });
        }
      });
    }
    return page.append(table.render()).append('\n').toString();
  }
}
