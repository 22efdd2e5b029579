package dev.claudebedrock.proxy;

import dev.claudebedrock.proxy.anthropic.InvokeBodyRewriter;
import dev.claudebedrock.proxy.bedrock.BearerTokenAuth;
import dev.claudebedrock.proxy.bedrock.BedrockErrorMapping;
import dev.claudebedrock.proxy.bedrock.CredentialSources;
import dev.claudebedrock.proxy.bedrock.CredentialsCache;
import dev.claudebedrock.proxy.bedrock.ModelCatalog;
import dev.claudebedrock.proxy.bedrock.SigV4Auth;
import dev.claudebedrock.proxy.bedrock.UpstreamAuth;
import dev.claudebedrock.proxy.config.AwsConfig;
import dev.claudebedrock.proxy.config.Environment;
import dev.claudebedrock.proxy.config.ProxyConfig;
import dev.claudebedrock.proxy.gateway.Target;
import dev.claudebedrock.proxy.observability.AccessLog;
import dev.claudebedrock.proxy.observability.Health;
import dev.claudebedrock.proxy.observability.Metrics;
import dev.claudebedrock.proxy.server.ClientKeys;
import dev.claudebedrock.proxy.server.StreamTimings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What every event loop shares: immutable configuration and the thread-safe services built from
 * it. Built once at start-up; per-loop objects (servers, HTTP clients) are made from it.
 */
public final class ProxyComponents implements AutoCloseable {
  private final ProxyConfig config;
  private final Metrics metrics = new Metrics();
  private final Health health = new Health();
  private final AccessLog accessLog = new AccessLog();
  private final ClientKeys clientKeys;
  private final ModelCatalog catalog;
  private final InvokeBodyRewriter rewriter;
  private final BedrockErrorMapping errors;
  private final StreamTimings timings;
  private final Target target;
  private final List<CredentialsCache> credentials = new ArrayList<>();

  ProxyComponents(ProxyConfig config, Environment env) {
    this.config = config;
    this.clientKeys = new ClientKeys(config.auth().keys());
    this.catalog = new ModelCatalog(config.models(), config.aws().region());
    this.rewriter = new InvokeBodyRewriter(config.bedrockPolicy());
    this.errors = new BedrockErrorMapping(
        config.upstream().throttleRetryAfterSeconds(), config.upstream().overloadRetryAfterSeconds());
    this.timings = new StreamTimings(config.streaming().pingIntervalMs(), config.upstream().streamIdleTimeoutMs());
    AwsConfig aws = config.aws();
    this.target = new Target("default", aws.region(), aws.endpoint(), aws.controlPlaneEndpoint(), auth(aws, env, "default"));
    health.check("credentials", () -> target.auth().ready() ? "" : target.auth().describe());
  }

  private UpstreamAuth auth(AwsConfig aws, Environment env, String name) {
    if (aws.usesBearerToken()) {
      return new BearerTokenAuth(aws.bearerToken());
    }
    CredentialsCache cache = new CredentialsCache(name, CredentialSources.forConfig(aws, env));
    credentials.add(cache);
    return new SigV4Auth(cache, aws.region(), "bedrock");
  }

  /** Resolves credentials once (off the event loops); completes when every source has been tried. */
  CompletableFuture<Void> start() {
    return CompletableFuture.allOf(credentials.stream().map(CredentialsCache::start).toArray(CompletableFuture[]::new));
  }

  public ProxyConfig config() { return config; }
  public Metrics metrics() { return metrics; }
  public Health health() { return health; }
  public AccessLog accessLog() { return accessLog; }
  public ClientKeys clientKeys() { return clientKeys; }
  public ModelCatalog catalog() { return catalog; }
  public InvokeBodyRewriter rewriter() { return rewriter; }
  public BedrockErrorMapping errors() { return errors; }
  public StreamTimings timings() { return timings; }
  public Target target() { return target; }

  @Override
  public void close() {
    credentials.forEach(CredentialsCache::close);
  }
}
