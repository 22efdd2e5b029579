package dev.claudebedrock.bench.suite;

import dev.claudebedrock.bench.load.Target;
import dev.claudebedrock.bench.run.Gateway;
import dev.claudebedrock.bench.run.GatewayOptions;
import dev.claudebedrock.bench.run.Launcher;
import dev.claudebedrock.bench.run.ManagedProcess;
import dev.claudebedrock.bench.run.Nginx;
import dev.claudebedrock.bench.run.Simulator;
import dev.claudebedrock.sim.SimulatorConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A simulator with the gateway and (when installed) nginx in front of it: the three routes measured side by side.
 * The direct and nginx routes send the Bedrock request the gateway itself would send. Beside them, a gateway with
 * {@code api: mantle} and the native Messages API called directly: the same comparison for the other upstream API.
 */
record Stand(Launcher launcher, Simulator simulator, Gateway gateway, Optional<Gateway> mantle,
    Optional<Gateway> governed,
    Optional<Gateway> traced, Optional<OtlpSink> sink, Optional<Nginx> nginx, Optional<Gateway> baseline,
    Optional<Gateway> http2) {
  /** The model clients name, and the Bedrock inference profile the gateway maps it to in us-east-1. */
  static final String MODEL = "claude-sonnet-5-5";
  static final String BEDROCK_MODEL = "us.anthropic.claude-sonnet-5-5";
  /** The foundation-model id the gateway sends Bedrock's native Messages API for {@link #MODEL}. */
  static final String MANTLE_MODEL = "anthropic.claude-sonnet-5-5";

  /** Starts a simulator pacing at {@code tokensPerSecond}, and the proxies in front of it. */
  static Stand start(Launcher launcher, double tokensPerSecond, GatewayOptions gatewayOptions) {
    return start(launcher, tokensPerSecond, gatewayOptions, false);
  }

  /**
   * The same, with a second gateway with governance on and a third with tracing on when {@code layered} (what each
   * costs is its difference from the plain gateway).
   */
  static Stand start(Launcher launcher, double tokensPerSecond, GatewayOptions gatewayOptions, boolean layered) {
    Simulator simulator = launcher.simulator(tokensPerSecond);
    Gateway gateway = launcher.gateway(simulator.baseUrl(), gatewayOptions);
    Optional<Gateway> mantle = Optional.of(launcher.gateway(simulator.baseUrl(), gatewayOptions,
        Map.of("BEDROCK_PROXY_AWS_API", "mantle", "BEDROCK_PROXY_AWS_MANTLE_ENDPOINT",
            simulator.baseUrl() + "/anthropic")));
    Optional<Gateway> governance = layered
        ? Optional.of(launcher.gateway(simulator.baseUrl(), gatewayOptions, launcher.governance())) : Optional.empty();
    Optional<OtlpSink> sink = layered ? Optional.of(new OtlpSink()) : Optional.empty();
    Optional<Gateway> traced = sink.map(s -> launcher.gateway(simulator.baseUrl(), gatewayOptions,
        Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", s.endpoint())));
    Optional<Nginx> nginx = launcher.tools().nginx().map(found -> launcher.nginx(List.of(simulator)));
    return new Stand(launcher, simulator, gateway, mantle, governance, traced, sink, nginx, Optional.empty(),
        Optional.empty());
  }

  /**
   * A simulator with two gateways in front of it: this build's, and the one {@code baselineLauncher} starts (another
   * commit's jar), for a before/after comparison on the same upstream, machine and run.
   */
  static Stand beforeAfter(Launcher launcher, Launcher baselineLauncher, double tokensPerSecond) {
    Simulator simulator = launcher.simulator(tokensPerSecond);
    Gateway gateway = launcher.gateway(simulator.baseUrl(), GatewayOptions.production());
    Gateway baseline = baselineLauncher.gateway(simulator.baseUrl(), GatewayOptions.production());
    return new Stand(launcher, simulator, gateway, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.of(baseline), Optional.empty());
  }

  /**
   * A simulator with two gateways in front of it, one speaking HTTP/1.1 to it and one HTTP/2 (prior knowledge), and
   * nginx when installed: streams at rising rates over each upstream protocol.
   */
  static Stand streamRates(Launcher launcher, double tokensPerSecond) {
    Simulator simulator = launcher.simulator(tokensPerSecond);
    Gateway gateway = launcher.gateway(simulator.baseUrl(), GatewayOptions.production());
    Gateway http2 = launcher.gateway(simulator.baseUrl(), new GatewayOptions("2", List.of()));
    Optional<Nginx> nginx = launcher.tools().nginx().map(found -> launcher.nginx(List.of(simulator)));
    return new Stand(launcher, simulator, gateway, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), nginx, Optional.empty(), Optional.of(http2));
  }

  /**
   * The routes in the order legs alternate: direct, gateway, the same gateway through its OpenAI front door, the
   * governed gateway, the traced one, nginx, then the native Messages API directly and the gateway in front of it.
   */
  List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    routes.add(new Route(Target.bedrock(Route.DIRECT, simulator.baseUrl(), BEDROCK_MODEL,
        SimulatorConfig.DEFAULT_API_KEY), Optional.empty()));
    routes.add(new Route(Target.anthropic(Route.GATEWAY, gateway.baseUrl(), MODEL, Launcher.GATEWAY_TOKEN, false),
        Optional.of(gateway.process())));
    baseline.ifPresent(g -> routes.add(new Route(Target.anthropic(Route.BASELINE, g.baseUrl(), MODEL,
        Launcher.GATEWAY_TOKEN, false), Optional.of(g.process()))));
    if (http2.isPresent()) {
      // Streams at rising rates: direct, the gateway over each upstream protocol, nginx.
      routes.add(new Route(Target.anthropic(Route.GATEWAY_H2, http2.get().baseUrl(), MODEL, Launcher.GATEWAY_TOKEN,
          false), Optional.of(http2.get().process())));
      nginx.ifPresent(proxy -> routes.add(new Route(Target.bedrock(Route.NGINX, proxy.baseUrlFor(simulator),
          BEDROCK_MODEL, SimulatorConfig.DEFAULT_API_KEY), Optional.of(proxy.process()))));
      return routes;
    }
    if (baseline.isPresent()) {
      return routes; // a before/after comparison: direct and the two gateways only
    }
    routes.add(new Route(Target.openAi(Route.OPENAI, gateway.baseUrl(), MODEL, Launcher.GATEWAY_TOKEN),
        Optional.of(gateway.process())));
    governed.ifPresent(g -> routes.add(new Route(Target.anthropic(Route.GOVERNED, g.baseUrl(), MODEL,
        Launcher.GOVERNED_KEY, false), Optional.of(g.process()))));
    traced.ifPresent(g -> routes.add(new Route(Target.anthropic(Route.TRACED, g.baseUrl(), MODEL,
        Launcher.GATEWAY_TOKEN, false), Optional.of(g.process()))));
    nginx.ifPresent(proxy -> routes.add(new Route(Target.bedrock(Route.NGINX, proxy.baseUrlFor(simulator),
        BEDROCK_MODEL, SimulatorConfig.DEFAULT_API_KEY), Optional.of(proxy.process()))));
    mantle.ifPresent(g -> {
      routes.add(new Route(Target.mantle(Route.DIRECT_MANTLE, simulator.baseUrl(), MANTLE_MODEL,
          SimulatorConfig.DEFAULT_API_KEY), Optional.empty()));
      routes.add(new Route(Target.anthropic(Route.GATEWAY_MANTLE, g.baseUrl(), MODEL, Launcher.GATEWAY_TOKEN, false),
          Optional.of(g.process())));
    });
    return routes;
  }

  /** Stops every process of the stand. */
  void stop() {
    nginx.ifPresent(proxy -> launcher.stop(proxy.process()));
    governed.ifPresent(g -> launcher.stop(g.process()));
    traced.ifPresent(g -> launcher.stop(g.process()));
    sink.ifPresent(OtlpSink::close);
    launcher.stop(gateway.process());
    baseline.ifPresent(g -> launcher.stop(g.process()));
    http2.ifPresent(g -> launcher.stop(g.process()));
    mantle.ifPresent(g -> launcher.stop(g.process()));
    launcher.stop(simulator.process());
  }

  ManagedProcess simulatorProcess() {
    return simulator.process();
  }
}
