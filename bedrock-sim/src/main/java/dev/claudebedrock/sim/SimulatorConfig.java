package dev.claudebedrock.sim;

import dev.claudebedrock.sim.models.ApplicationProfileSpec;
import dev.claudebedrock.sim.models.DefaultModels;
import dev.claudebedrock.sim.models.ModelSpec;
import dev.claudebedrock.sim.stream.Timing;
import dev.claudebedrock.sim.validation.BetaPolicy;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a simulator is started with. Build one with {@link #builder()}; every default is a documented test
 * value, never a real credential.
 *
 * @param host                where to listen
 * @param port                port, 0 for a free one
 * @param region              the only region requests may be signed for
 * @param accountId           account id in ARNs and STS answers
 * @param accessKeyId         the accepted SigV4 access key id
 * @param secretAccessKey     its secret
 * @param sessionToken        a required session token, or null
 * @param apiKey              the accepted Bedrock API key, or null to refuse bearer auth
 * @param models              foundation models
 * @param applicationProfiles application inference profiles
 * @param acceptedBetas       accepted {@code anthropic_beta} values
 * @param timing              latency model at start
 * @param controlApi          whether {@code /_sim/} control routes exist
 * @param eventLoops          event loops, one HTTP server each
 * @param recordLimit         how many recent requests to keep for inspection (0 keeps none)
 */
public record SimulatorConfig(String host, int port, String region, String accountId, String accessKeyId,
    String secretAccessKey, String sessionToken, String apiKey, List<ModelSpec> models,
    List<ApplicationProfileSpec> applicationProfiles, Set<String> acceptedBetas, Timing timing,
    boolean controlApi, int eventLoops, int recordLimit) {

  /** Default region. */
  public static final String DEFAULT_REGION = "us-east-1";
  /** Default SigV4 access key id (a test value). */
  public static final String DEFAULT_ACCESS_KEY_ID = "AKIDSIMULATOREXAMPLE";
  /** Default SigV4 secret (a test value). */
  public static final String DEFAULT_SECRET_ACCESS_KEY = "sim-secret-access-key-example";
  /** Default account id. */
  public static final String DEFAULT_ACCOUNT_ID = "123456789012";
  /** Default Bedrock API key (a test value). */
  public static final String DEFAULT_API_KEY = "sim-bedrock-api-key";
  /** Default number of recent requests kept. */
  public static final int DEFAULT_RECORD_LIMIT = 10_000;

  public SimulatorConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(accessKeyId, "accessKeyId");
    Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    Objects.requireNonNull(timing, "timing");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535: " + port);
    }
    if (eventLoops < 1) {
      throw new IllegalArgumentException("eventLoops must be at least 1: " + eventLoops);
    }
    if (recordLimit < 0) {
      throw new IllegalArgumentException("recordLimit must be >= 0: " + recordLimit);
    }
    models = List.copyOf(models);
    applicationProfiles = List.copyOf(applicationProfiles);
    acceptedBetas = Set.copyOf(acceptedBetas);
  }

  /** A builder with every default: 127.0.0.1, port 0, the test credentials, the built-in models, no latency. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    return new Builder().host(host).port(port).region(region).accountId(accountId).accessKeyId(accessKeyId)
        .secretAccessKey(secretAccessKey).sessionToken(sessionToken).apiKey(apiKey).models(models)
        .applicationProfiles(applicationProfiles).acceptedBetas(acceptedBetas).timing(timing)
        .controlApi(controlApi).eventLoops(eventLoops).recordLimit(recordLimit);
  }

  /** Builds a {@link SimulatorConfig}. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private String region = DEFAULT_REGION;
    private String accountId = DEFAULT_ACCOUNT_ID;
    private String accessKeyId = DEFAULT_ACCESS_KEY_ID;
    private String secretAccessKey = DEFAULT_SECRET_ACCESS_KEY;
    private String sessionToken;
    private String apiKey = DEFAULT_API_KEY;
    private List<ModelSpec> models = DefaultModels.models();
    private List<ApplicationProfileSpec> applicationProfiles = List.of();
    private Set<String> acceptedBetas = Set.copyOf(BetaPolicy.DEFAULT_ACCEPTED);
    private Timing timing = Timing.NONE;
    private boolean controlApi;
    private int eventLoops = Runtime.getRuntime().availableProcessors();
    private int recordLimit = DEFAULT_RECORD_LIMIT;

    private Builder() {}

    /** Interface to listen on. */
    public Builder host(String value) {
      host = value;
      return this;
    }

    /** Port to listen on; 0 picks a free one. */
    public Builder port(int value) {
      port = value;
      return this;
    }

    /** Region requests must be signed for. */
    public Builder region(String value) {
      region = value;
      return this;
    }

    /** Account id used in ARNs and by STS. */
    public Builder accountId(String value) {
      accountId = value;
      return this;
    }

    /** Accepted SigV4 access key id. */
    public Builder accessKeyId(String value) {
      accessKeyId = value;
      return this;
    }

    /** SigV4 secret of the access key. */
    public Builder secretAccessKey(String value) {
      secretAccessKey = value;
      return this;
    }

    /** Session token requests must carry, or null for long-term credentials. */
    public Builder sessionToken(String value) {
      sessionToken = value;
      return this;
    }

    /** Accepted Bedrock API key, or null to refuse bearer auth. */
    public Builder apiKey(String value) {
      apiKey = value;
      return this;
    }

    /** Foundation models (replaces the built-in list). */
    public Builder models(List<ModelSpec> value) {
      models = value;
      return this;
    }

    /** Application inference profiles. */
    public Builder applicationProfiles(List<ApplicationProfileSpec> value) {
      applicationProfiles = value;
      return this;
    }

    /** Accepted {@code anthropic_beta} values (replaces the default list). */
    public Builder acceptedBetas(Set<String> value) {
      acceptedBetas = value;
      return this;
    }

    /** Latency model. */
    public Builder timing(Timing value) {
      timing = value;
      return this;
    }

    /** Latency before the first byte of every response. */
    public Builder firstByteLatency(Duration value) {
      timing = new Timing(value, timing.tokensPerSecond());
      return this;
    }

    /** Output tokens per second; 0 is instant. */
    public Builder tokensPerSecond(double value) {
      timing = new Timing(timing.firstByte(), value);
      return this;
    }

    /** Whether the unauthenticated {@code /_sim/} control API exists. */
    public Builder controlApi(boolean value) {
      controlApi = value;
      return this;
    }

    /** Event loops (and HTTP server instances). */
    public Builder eventLoops(int value) {
      eventLoops = value;
      return this;
    }

    /** Recent requests kept for inspection; 0 keeps none. */
    public Builder recordLimit(int value) {
      recordLimit = value;
      return this;
    }

    /** The configuration. */
    public SimulatorConfig build() {
      return new SimulatorConfig(host, port, region, accountId, accessKeyId, secretAccessKey, sessionToken, apiKey,
          models, applicationProfiles, acceptedBetas, timing, controlApi, eventLoops, recordLimit);
    }
  }
}
