package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.proxy.testing.GatewayHarness;
import dev.claudebedrock.sim.stream.EventStreamFrames;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a client of {@code /v1/messages} reads of a Bedrock stream, byte for byte, whatever the upstream's JSON looks
 * like and however its frames are cut into reads: every event's data line is the upstream's JSON as it was written
 * (spacing, key order, escapes, unknown fields, unknown event types), except the model name in {@code message_start}
 * and Bedrock's invocation metrics in {@code message_stop}.
 */
class StreamBytesTest {
  private static final String CLIENT_MODEL = "claude-haiku-4-5";

  /** One event: its type, its JSON as Bedrock wrote it, and the data line the client must read for it. */
  private record Event(String type, String upstream, String client) {
    static Event same(String type, String json) {
      return new Event(type, json, json);
    }
  }

  private static final List<Event> EVENTS = List.of(
      new Event("message_start", messageStart("anthropic.claude-haiku-4-5-20251001-v1:0"), messageStart(CLIENT_MODEL)),
      Event.same("content_block_start",
          "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
      Event.same("content_block_delta",
          "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"caf\u00e9 \ud83d\ude00\"}}"),
      Event.same("content_block_delta", "{ \"type\" : \"content_block_delta\" ,\"index\":0, \"delta\":{\"type\":"
          + "\"text_delta\",\"text\":\" \\\"quoted\\\" \\u00e9\\/\\\\\"},\t\"unknown\":{\"deep\":[true,null,1.0E+2,{}]} }"),
      Event.same("content_block_delta",
          "{\"index\":0,\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\",\"text\":\"!\"}}"),
      Event.same("future_event_type", "{\"type\":\"future_event_type\",\"payload\":{\"x\":[1,{\"y\":\"z\"}]}}"),
      Event.same("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
      Event.same("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
          + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":3}, \"extra\" : 1}"),
      new Event("message_stop", "{\"type\":\"message_stop\",\"amazon-bedrock-invocationMetrics\":{"
          + "\"inputTokenCount\":7,\"outputTokenCount\":3,\"invocationLatency\":12,\"firstByteLatency\":5}}",
          "{\"type\":\"message_stop\"}"));

  @Test
  void everyEventOfOneReadReachesTheClientAsBedrockWroteIt() throws Exception {
    assertThat(streamThroughGateway(Integer.MAX_VALUE)).isEqualTo(expectedSse());
  }

  @Test
  void framesCutIntoSmallReadsReachTheClientTheSame() throws Exception {
    assertThat(streamThroughGateway(7)).isEqualTo(expectedSse());
  }

  @Test
  void eventsThatArriveInOneReadLeaveInOneWrite() throws Exception {
    List<String> chunks = withGateway(Integer.MAX_VALUE, harness -> chunksOverHttp11(harness.gateway.port()));
    assertThat(String.join("", chunks)).isEqualTo(expectedSse());
    // One upstream write of every frame arrives in one read (or very few): never a chunk per event.
    assertThat(chunks).hasSizeLessThan(EVENTS.size() / 2);
  }

  /** The body a client reads when the upstream writes its frames in pieces of at most {@code piece} bytes. */
  private static String streamThroughGateway(int piece) throws Exception {
    return withGateway(piece, harness -> {
      HttpResponse<byte[]> response = harness.send(HttpRequest.newBuilder(URI.create(harness.url() + "/v1/messages"))
          .header("content-type", "application/json").header("x-api-key", GatewayHarness.TOKEN)
          .POST(HttpRequest.BodyPublishers.ofString(StreamingTest.body(true, "bytes"))).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(response.statusCode()).isEqualTo(200);
      return new String(response.body(), StandardCharsets.UTF_8);
    });
  }

  /** The HTTP/1.1 chunks of a streamed answer, each as the text it carries, read off a plain socket. */
  private static List<String> chunksOverHttp11(int port) throws IOException {
    String body = StreamingTest.body(true, "chunks");
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream()
          .write(("POST /v1/messages HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n"
              + "x-api-key: " + GatewayHarness.TOKEN + "\r\ncontent-length: " + body.length()
              + "\r\nconnection: close\r\n\r\n"
              + body).getBytes(StandardCharsets.UTF_8));
      DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
      assertThat(line(in)).startsWith("HTTP/1.1 200");
      while (!line(in).isEmpty()) {
        // the response headers
      }
      List<String> chunks = new ArrayList<>();
      for (int size = Integer.parseInt(line(in), 16); size > 0; size = Integer.parseInt(line(in), 16)) {
        byte[] chunk = new byte[size];
        in.readFully(chunk);
        chunks.add(new String(chunk, StandardCharsets.UTF_8));
        assertThat(line(in)).isEmpty();
      }
      return chunks;
    }
  }

  private static String line(DataInputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("the connection ended inside a line");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.UTF_8);
  }

  /** What {@code client} makes of a gateway whose upstream writes the frames in pieces of at most {@code piece}. */
  private static <T> T withGateway(int piece, Client<T> client) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      HttpServer upstream = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
        HttpServerResponse response = request.response().setChunked(true)
            .putHeader("content-type", "application/vnd.amazon.eventstream")
            .putHeader("x-amzn-requestid", "stream-bytes-1");
        byte[] all = frames();
        for (int at = 0; at < all.length; at += piece) {
          response.write(Buffer.buffer(Arrays.copyOfRange(all, at, Math.min(all.length, at + piece))));
        }
        response.end();
      })).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
      try (GatewayHarness harness = GatewayHarness.start("",
          Map.of("BEDROCK_ENDPOINT", "http://127.0.0.1:" + upstream.actualPort()))) {
        return client.call(harness);
      }
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  /** A client of the gateway. */
  @FunctionalInterface
  private interface Client<T> {
    T call(GatewayHarness harness) throws Exception;
  }

  private static byte[] frames() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Event event : EVENTS) {
      out.writeBytes(EventStreamFrames.chunk(event.upstream().getBytes(StandardCharsets.UTF_8), "abcdefghijklmnop"));
    }
    return out.toByteArray();
  }

  private static String expectedSse() {
    StringBuilder sse = new StringBuilder();
    for (Event event : EVENTS) {
      sse.append("event: ").append(event.type()).append("\ndata: ").append(event.client()).append("\n\n");
    }
    return sse.toString();
  }

  /** A message_start with odd spacing and a field the API does not have yet, naming this model. */
  private static String messageStart(String model) {
    return "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_bdrk_1\", \"type\":\"message\",\"role\":"
        + "\"assistant\",\"model\" : \"" + model + "\",\"content\":[],\"stop_reason\":null,"
        + "\"usage\":{\"input_tokens\":7, \"output_tokens\":1},\"future_field\":{\"n\":[1,2.50,3e2,-0.0]}}}";
  }
}
