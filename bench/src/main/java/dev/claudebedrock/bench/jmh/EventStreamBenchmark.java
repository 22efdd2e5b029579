package dev.claudebedrock.bench.jmh;

import dev.claudebedrock.proxy.anthropic.AnthropicDialect;
import dev.claudebedrock.proxy.bedrock.BedrockError;
import dev.claudebedrock.proxy.bedrock.EventStreamDecoder;
import dev.claudebedrock.proxy.core.EventJson;
import dev.claudebedrock.proxy.core.StreamEvent;
import dev.claudebedrock.sim.stream.EventStreamFrames;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A 50-delta Bedrock event stream decoded (CRCs checked, base64 unwrapped) and re-encoded as SSE,
 * frame by frame as the network delivers it: the streaming hot path without the sockets.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EventStreamBenchmark {
  private List<Buffer> frames;

  @Setup
  public void setUp() {
    List<String> events = new ArrayList<>();
    events.add(
        "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_bdrk_01\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-sonnet-5-5\",\"content\":[],\"stop_reason\":null,\"usage\":{\"input_tokens\":12,\"output_tokens\":1}}}");
    events.add("{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
    for (int i = 0; i < 50; i++) {
      events.add("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"word" + i
          + " \"}}");
    }
    events.add("{\"type\":\"content_block_stop\",\"index\":0}");
    events
        .add("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":50}}");
    events.add("{\"type\":\"message_stop\"}");
    frames = new ArrayList<>();
    for (String event : events) {
      frames.add(Buffer.buffer(EventStreamFrames.chunk(event.getBytes(StandardCharsets.UTF_8), "abcdefghij")));
    }
  }

  @Benchmark
  public void decodeToSse(Blackhole sink) {
    EventStreamDecoder decoder = new EventStreamDecoder(new EventStreamDecoder.Listener() {
      @Override
      public void onChunk(byte[] eventJson) {
        sink.consume(
            AnthropicDialect.INSTANCE.event(new StreamEvent(EventJson.type(eventJson), Buffer.buffer(eventJson))));
      }

      @Override
      public void onException(BedrockError error) {
        sink.consume(error);
      }
    });
    for (Buffer frame : frames) {
      decoder.feed(frame);
    }
  }
}
