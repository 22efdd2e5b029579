package dev.claudebedrock.proxy.server;

/**
 * The facts one request leaves for its access-log line and its metrics. Stages and the listener
 * that keeps the request's record fill them in as they learn them; only the listeners that report
 * read them, at the end. Empty strings and -1 mean "not known".
 */
public final class RequestFacts {
  private String client = "";
  private String model = "";
  private String bedrockModel = "";
  private String target = "";
  private String operation = "";
  private String routeChoice = "";
  private String routeReason = "";
  private String targetsTried = "";
  private String cacheResult = "";
  private String tokenCountSource = "";
  private String upstreamRequestId = "";
  private String errorType = "";
  private String shed = "";
  private String upstreamErrorType = "";
  private String circuitSkipped = "";
  private String circuitChanges = "";
  private boolean circuitPanic;
  private boolean stream;
  private boolean clientDisconnected;
  private int status;
  private int attempts;
  private long inputTokens = -1;
  private long outputTokens = -1;
  private long cacheReadTokens = -1;
  private long cacheWriteTokens = -1;
  private long cacheWrite1hTokens = -1;
  private long contentDeltas;
  private double costUsd = -1;
  private long countedTokens = -1;
  private long upstreamSentNanos;
  private long upstreamHeadersNanos;
  private long firstEventNanos;

  public String client() {
    return client;
  }
  public RequestFacts client(String v) {
    client = v;
    return this;
  }

  public String model() {
    return model;
  }
  public RequestFacts model(String v) {
    model = v;
    return this;
  }

  public String bedrockModel() {
    return bedrockModel;
  }
  public RequestFacts bedrockModel(String v) {
    bedrockModel = v;
    return this;
  }

  public String target() {
    return target;
  }
  public RequestFacts target(String v) {
    target = v;
    return this;
  }

  /** The upstream operation's label of the (last) attempt ({@code invoke}, ...). */
  public String operation() {
    return operation;
  }
  public RequestFacts operation(String v) {
    operation = v;
    return this;
  }

  public String routeChoice() {
    return routeChoice;
  }
  public RequestFacts routeChoice(String v) {
    routeChoice = v;
    return this;
  }

  /** Why the route was chosen: {@code override}, {@code rule:<name>}, {@code model} or {@code default}. */
  public String routeReason() {
    return routeReason;
  }
  public RequestFacts routeReason(String v) {
    routeReason = v;
    return this;
  }

  /** The targets attempts went to, in order, comma-separated. */
  public String targetsTried() {
    return targetsTried;
  }
  public RequestFacts targetsTried(String v) {
    targetsTried = v;
    return this;
  }

  public String cacheResult() {
    return cacheResult;
  }
  public RequestFacts cacheResult(String v) {
    cacheResult = v;
    return this;
  }

  public String tokenCountSource() {
    return tokenCountSource;
  }
  public RequestFacts tokenCountSource(String v) {
    tokenCountSource = v;
    return this;
  }

  public String upstreamRequestId() {
    return upstreamRequestId;
  }
  public RequestFacts upstreamRequestId(String v) {
    upstreamRequestId = v == null ? "" : v;
    return this;
  }

  public String errorType() {
    return errorType;
  }
  public RequestFacts errorType(String v) {
    errorType = v;
    return this;
  }

  /** Why admission control turned the request away ({@code queue_full}, ...), or empty. */
  public String shed() {
    return shed;
  }
  public RequestFacts shed(String v) {
    shed = v;
    return this;
  }

  public String upstreamErrorType() {
    return upstreamErrorType;
  }
  public RequestFacts upstreamErrorType(String v) {
    upstreamErrorType = v;
    return this;
  }

  /** Targets passed over because their circuit was open, comma-separated. */
  public String circuitSkipped() {
    return circuitSkipped;
  }
  public RequestFacts circuitSkipped(String v) {
    circuitSkipped = v;
    return this;
  }

  /** Changes of circuit state the request's attempts caused, as {@code target:state}, comma-separated. */
  public String circuitChanges() {
    return circuitChanges;
  }
  public RequestFacts circuitChanges(String v) {
    circuitChanges = v;
    return this;
  }

  /** Whether an attempt went to a target with an open circuit because every target's was open (panic routing). */
  public boolean circuitPanic() {
    return circuitPanic;
  }
  public RequestFacts circuitPanic(boolean v) {
    circuitPanic = v;
    return this;
  }

  public boolean stream() {
    return stream;
  }
  public RequestFacts stream(boolean v) {
    stream = v;
    return this;
  }

  public boolean clientDisconnected() {
    return clientDisconnected;
  }
  public RequestFacts clientDisconnected(boolean v) {
    clientDisconnected = v;
    return this;
  }

  public int status() {
    return status;
  }
  public RequestFacts status(int v) {
    status = v;
    return this;
  }

  public int attempts() {
    return attempts;
  }
  public RequestFacts attempts(int v) {
    attempts = v;
    return this;
  }

  public long inputTokens() {
    return inputTokens;
  }
  public RequestFacts inputTokens(long v) {
    inputTokens = v;
    return this;
  }

  public long outputTokens() {
    return outputTokens;
  }
  public RequestFacts outputTokens(long v) {
    outputTokens = v;
    return this;
  }

  public long cacheReadTokens() {
    return cacheReadTokens;
  }
  public RequestFacts cacheReadTokens(long v) {
    cacheReadTokens = v;
    return this;
  }

  public long cacheWriteTokens() {
    return cacheWriteTokens;
  }
  public RequestFacts cacheWriteTokens(long v) {
    cacheWriteTokens = v;
    return this;
  }

  /** Of the cache writes, those to the 1-hour cache ({@code usage.cache_creation.ephemeral_1h_input_tokens}). */
  public long cacheWrite1hTokens() {
    return cacheWrite1hTokens;
  }
  public RequestFacts cacheWrite1hTokens(long v) {
    cacheWrite1hTokens = v;
    return this;
  }

  /**
   * Content deltas streamed so far: a floor for the output tokens of a stream the client abandoned
   * before Bedrock reported its usage (each delta carries at least one token).
   */
  public long contentDeltas() {
    return contentDeltas;
  }

  /** What the request cost in US dollars, as the spend ledger priced it; -1 when not priced. */
  public double costUsd() {
    return costUsd;
  }
  public RequestFacts costUsd(double v) {
    costUsd = v;
    return this;
  }
  public RequestFacts contentDelta() {
    contentDeltas++;
    return this;
  }
  /** The input tokens a {@code count_tokens} answer reported: a count, not usage. */
  public long countedTokens() {
    return countedTokens;
  }
  public RequestFacts countedTokens(long v) {
    countedTokens = v;
    return this;
  }

  /** When the (last) upstream request was sent, {@link System#nanoTime()}; 0 if never. */
  public long upstreamSentNanos() {
    return upstreamSentNanos;
  }
  public RequestFacts upstreamSentNanos(long v) {
    upstreamSentNanos = v;
    return this;
  }

  /** When the upstream response headers arrived; 0 if never. */
  public long upstreamHeadersNanos() {
    return upstreamHeadersNanos;
  }
  public RequestFacts upstreamHeadersNanos(long v) {
    upstreamHeadersNanos = v;
    return this;
  }

  /** When the first content event went to the client (time to first token); 0 if never. */
  public long firstEventNanos() {
    return firstEventNanos;
  }
  public RequestFacts firstEventNanos(long v) {
    firstEventNanos = v;
    return this;
  }
}
