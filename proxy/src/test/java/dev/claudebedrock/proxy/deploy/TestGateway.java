package dev.claudebedrock.proxy.deploy;

import dev.claudebedrock.proxy.ProxyServer;
import dev.claudebedrock.proxy.config.ConfigLoader;
import dev.claudebedrock.proxy.config.Environment;
import dev.claudebedrock.sim.BedrockSimulator;
import dev.claudebedrock.sim.SimulatorConfig;
import java.util.HashMap;
import java.util.Map;

/** The gateway in front of a Bedrock simulator, in this JVM, on ephemeral loopback ports. */
final class TestGateway implements AutoCloseable {
  static final String TOKEN = "deploy-test-token-0123456789";

  final BedrockSimulator sim;
  final ProxyServer gateway;

  private TestGateway(BedrockSimulator sim, ProxyServer gateway) {
    this.sim = sim;
    this.gateway = gateway;
  }

  static TestGateway start(Map<String, String> extraEnv) {
    BedrockSimulator sim = BedrockSimulator.start(
        SimulatorConfig.builder().host("127.0.0.1").port(0).controlApi(true).eventLoops(2).build());
    try {
      Map<String, String> env = new HashMap<>(simulatorEnvironment(sim));
      env.put("PORT", "0");
      env.put("BEDROCK_PROXY_SERVER_HOST", "127.0.0.1");
      env.put("BEDROCK_PROXY_SERVER_EVENT_LOOPS", "2");
      env.putAll(extraEnv);
      Environment environment = new Environment(env);
      return new TestGateway(sim, ProxyServer.start(ConfigLoader.fromYaml("", "test", environment), environment));
    } catch (RuntimeException e) {
      sim.close();
      throw e;
    }
  }

  /** What a gateway or the doctor needs to call a simulator with its test credentials. */
  static Map<String, String> simulatorEnvironment(BedrockSimulator sim) {
    return Map.of(
        "API_AUTH_TOKEN", TOKEN,
        "AWS_ACCESS_KEY_ID", SimulatorConfig.DEFAULT_ACCESS_KEY_ID,
        "AWS_SECRET_ACCESS_KEY", SimulatorConfig.DEFAULT_SECRET_ACCESS_KEY,
        "AWS_REGION", SimulatorConfig.DEFAULT_REGION,
        "BEDROCK_ENDPOINT", sim.baseUrl(),
        "AWS_ENDPOINT_URL_STS", sim.baseUrl());
  }

  String url() {
    return "http://127.0.0.1:" + gateway.port();
  }

  @Override
  public void close() {
    try {
      gateway.close();
    } finally {
      sim.close();
    }
  }
}
