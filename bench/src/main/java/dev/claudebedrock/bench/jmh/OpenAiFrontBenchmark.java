package dev.claudebedrock.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.bench.load.Api;
import dev.claudebedrock.bench.load.BodyKind;
import dev.claudebedrock.bench.load.RequestBodies;
import dev.claudebedrock.bench.load.Workload;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.openai.ChatCompletion;
import dev.claudebedrock.proxy.openai.ChatRequestTranslator;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the OpenAI front door does beyond the Anthropic one, on the same conversation: parsing a Chat Completions body
 * and translating it into a Messages body (against parsing the Messages body itself), and turning Bedrock's message
 * into a {@code chat.completion} (which the Anthropic front door does not do at all).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OpenAiFrontBenchmark {
  @Param({"small", "claude-code"})
  public String body;

  private byte[] messagesRequest;
  private byte[] chatRequest;
  private byte[] message;
  private ChatRequestTranslator translator;

  @Setup
  public void setUp() {
    Workload workload = new Workload(BodyKind.parse(body), false, 20);
    messagesRequest = Inputs.messagesRequest(body).body();
    chatRequest = RequestBodies.payload(Api.OPENAI, "claude-sonnet-5-5", workload).body();
    message = ("{\"id\":\"msg_bdrk_01\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-5-5\","
        + "\"content\":[{\"type\":\"text\",\"text\":\"" + "Hello from the benchmark ".repeat(4) + "\"}],"
        + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":25,"
        + "\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":20}}")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    translator = new ChatRequestTranslator(4096);
  }

  /** The Anthropic front door's parse of the same conversation. */
  @Benchmark
  public JsonNode messagesParse() throws IOException {
    return Json.MAPPER.readTree(messagesRequest);
  }

  /** The OpenAI front door's parse and translation into a Messages body. */
  @Benchmark
  public ObjectNode chatParseAndTranslate() throws IOException {
    return translator.translate((ObjectNode) Json.MAPPER.readTree(chatRequest)).messages();
  }

  /** Bedrock's message read again and written as a chat.completion. */
  @Benchmark
  public byte[] chatCompletionReply() throws IOException {
    return ChatCompletion.of(Json.MAPPER.readTree(message), "claude-sonnet-5-5", 1_700_000_000L).toString()
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
