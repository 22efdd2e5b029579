package dev.claudebedrock.proxy.server;

import dev.claudebedrock.proxy.core.EventSource;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;

/** What a request path answers: a complete body, Anthropic stream events, or upstream bytes streamed as they come. */
public sealed interface Reply {

  /** HTTP status. */
  int status();

  /** Response headers besides the ones every response gets. */
  MultiMap headers();

  /** A complete response body. */
  record Complete(int status, MultiMap headers, Buffer body) implements Reply {}

  /** Anthropic stream events, written as server-sent events. */
  record Events(int status, MultiMap headers, EventSource source) implements Reply {}

  /**
   * An upstream response body passed on chunk by chunk (the Bedrock pass-through, Bedrock event
   * streams); {@code observer} sees each chunk after it was written, without changing it, and gives
   * the ending written when the upstream fails half-way.
   */
  record Streamed(int status, MultiMap headers, HttpClientResponse body, StreamObserver observer) implements Reply {

    /** A body passed on with nobody watching. */
    public Streamed(int status, MultiMap headers, HttpClientResponse body) {
      this(status, headers, body, StreamObserver.NONE);
    }
  }
}
