package dev.claudebedrock.bench.jmh;

import dev.claudebedrock.bench.load.Api;
import dev.claudebedrock.bench.load.BodyKind;
import dev.claudebedrock.bench.load.Payload;
import dev.claudebedrock.bench.load.RequestBodies;
import dev.claudebedrock.bench.load.Workload;

/** The requests the micro-benchmarks work on: the load generator's own, so both measure the same bodies. */
final class Inputs {
  private Inputs() {}

  /** The Messages request for a {@link BodyKind} label ({@code small} or {@code claude-code}). */
  static Payload messagesRequest(String body) {
    return RequestBodies.payload(Api.ANTHROPIC, "claude-sonnet-5-5", new Workload(BodyKind.parse(body), false, 20));
  }
}
