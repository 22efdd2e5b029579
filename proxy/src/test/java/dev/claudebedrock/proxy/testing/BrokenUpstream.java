package dev.claudebedrock.proxy.testing;

import dev.claudebedrock.sim.stream.EventStreamFrames;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * A Bedrock stand-in on a loopback port that answers every call with a 200 event stream and then
 * breaks it the way a test says: a frame cut in half and the connection closed, a frame whose
 * checksum is wrong. The simulator's faults break streams only between frames.
 */
public final class BrokenUpstream implements AutoCloseable {
  /** How the stream breaks after its whole frames. */
  public enum Break {
    /** Half of the next frame, then the connection closes. */
    CUT_INSIDE_A_FRAME,
    /** A frame whose message checksum is wrong, then nothing more for a second, then the end. */
    BAD_CHECKSUM,
    /** A frame whose message checksum is wrong, then half a frame, then the connection closes. */
    BAD_CHECKSUM_THEN_CUT
  }

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  private final Break how;

  public BrokenUpstream(Break how) throws Exception {
    this.how = how;
    this.server = vertx.createHttpServer().requestHandler(this::answer).listen(0, "127.0.0.1")
        .await(10, TimeUnit.SECONDS);
  }

  /** The base URL, for {@code BEDROCK_ENDPOINT}. */
  public String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** The whole frames sent before the break: a message start and a first text delta. */
  public static byte[][] wholeFrames() {
    return new byte[][] {
        frame("{\"type\":\"message_start\",\"message\":{\"id\":\"msg_bdrk_broken\",\"type\":\"message\","
            + "\"role\":\"assistant\",\"model\":\"claude-haiku-4-5\",\"content\":[],\"stop_reason\":null,"
            + "\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}"),
        frame("{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
        frame("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}")};
  }

  private void answer(HttpServerRequest request) {
    request.body().onSuccess(ignored -> {
      var response = request.response().setChunked(true).putHeader("content-type", "application/vnd.amazon.eventstream")
          .putHeader("x-amzn-requestid", "broken-upstream-1");
      for (byte[] frame : wholeFrames()) {
        response.write(Buffer.buffer(frame));
      }
      byte[] next = frame("{\"type\":\"content_block_delta\",\"index\":0,"
          + "\"delta\":{\"type\":\"text_delta\",\"text\":\" there\"}}");
      byte[] corrupt = next.clone();
      corrupt[corrupt.length - 1] ^= 0x5a;
      switch (how) {
        case CUT_INSIDE_A_FRAME -> cut(request, Buffer.buffer(Arrays.copyOf(next, next.length / 2)));
        case BAD_CHECKSUM -> {
          response.write(Buffer.buffer(corrupt));
          vertx.setTimer(1_000, id -> response.end());
        }
        case BAD_CHECKSUM_THEN_CUT -> cut(request,
            Buffer.buffer(corrupt).appendBytes(Arrays.copyOf(next, next.length / 2)));
      }
    });
  }

  /** Writes the bytes, then closes the connection once they have had time to leave. */
  private void cut(HttpServerRequest request, Buffer bytes) {
    request.response().write(bytes).onComplete(ar -> vertx.setTimer(100, id -> request.connection().close()));
  }

  private static byte[] frame(String eventJson) {
    return EventStreamFrames.chunk(eventJson.getBytes(StandardCharsets.UTF_8), "");
  }

  @Override
  public void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }
}
