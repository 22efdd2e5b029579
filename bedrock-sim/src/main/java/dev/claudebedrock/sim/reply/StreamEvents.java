package dev.claudebedrock.sim.reply;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.util.List;

/**
 * The Anthropic stream events of one completion, rendered one at a time as they are sent: message_start, each
 * block's start, deltas and stop, then message_delta. message_stop is rendered separately, once its latency metrics
 * are known. Rendering lazily keeps a paced stream's memory to its reply, not to every event it will send. Bedrock
 * sends no ping events, so neither does this.
 */
public final class StreamEvents {
  private enum Phase {
    MESSAGE_START,
    BLOCK_START,
    DELTA,
    BLOCK_STOP,
    MESSAGE_DELTA,
    DONE
  }

  private final Completion completion;
  private final List<ReplyBlock> blocks;
  private final int size;
  private Phase phase = Phase.MESSAGE_START;
  private int block;
  private int delta;

  /** The events of a completion, positioned before message_start. */
  public StreamEvents(Completion completion) {
    this.completion = completion;
    this.blocks = completion.reply().blocks();
    int count = 2; // message_start and message_delta
    for (ReplyBlock b : blocks) {
      count += 2 + deltaCount(b);
    }
    this.size = count;
  }

  /** How many events there are (message_stop not included). */
  public int size() {
    return size;
  }

  /** Whether an event is left. */
  public boolean hasNext() {
    return phase != Phase.DONE;
  }

  /** The output tokens the next event stands for (0 for framing events): how long it takes to generate. */
  public int nextTokens() {
    if (phase != Phase.DELTA) {
      return 0;
    }
    ReplyBlock current = blocks.get(block);
    if (current instanceof ReplyBlock.Thinking thinking && delta == deltaCount(thinking) - 1) {
      // Omitted thinking is still generated (and paid for): its time passes before the signature.
      return thinking.omitted() ? thinking.tokens() : 0;
    }
    return 1;
  }

  /** The {@code "type"} of the next event. */
  public String nextType() {
    return switch (phase) {
      case MESSAGE_START -> "message_start";
      case BLOCK_START -> "content_block_start";
      case DELTA -> "content_block_delta";
      case BLOCK_STOP -> "content_block_stop";
      case MESSAGE_DELTA -> "message_delta";
      case DONE -> throw new IllegalStateException("no event left");
    };
  }

  /** Renders the next event and moves past it. */
  public byte[] next() {
    byte[] json = switch (phase) {
      case MESSAGE_START -> JsonWriter.bytes(this::messageStart);
      case BLOCK_START -> JsonWriter.bytes(out -> blockStart(out, block, blocks.get(block)));
      case DELTA -> JsonWriter.bytes(out -> delta(out, block, blocks.get(block), delta));
      case BLOCK_STOP -> JsonWriter.bytes(out -> {
        out.writeStartObject();
        out.writeStringField("type", "content_block_stop");
        out.writeNumberField("index", block);
        out.writeEndObject();
      });
      case MESSAGE_DELTA -> JsonWriter.bytes(this::messageDelta);
      case DONE -> throw new IllegalStateException("no event left");
    };
    advance();
    return json;
  }

  /** The message_stop event with Bedrock's invocation metrics. */
  public static byte[] messageStop(InvocationMetrics metrics) {
    return JsonWriter.bytes(json -> {
      json.writeStartObject();
      json.writeStringField("type", "message_stop");
      json.writeObjectFieldStart("amazon-bedrock-invocationMetrics");
      json.writeNumberField("inputTokenCount", metrics.inputTokenCount());
      json.writeNumberField("outputTokenCount", metrics.outputTokenCount());
      json.writeNumberField("invocationLatency", metrics.invocationLatencyMs());
      json.writeNumberField("firstByteLatency", metrics.firstByteLatencyMs());
      json.writeNumberField("cacheReadInputTokenCount", metrics.cacheReadInputTokenCount());
      json.writeNumberField("cacheWriteInputTokenCount", metrics.cacheWriteInputTokenCount());
      json.writeEndObject();
      json.writeEndObject();
    });
  }

  private void advance() {
    phase = switch (phase) {
      case MESSAGE_START -> blocks.isEmpty() ? Phase.MESSAGE_DELTA : Phase.BLOCK_START;
      case BLOCK_START -> {
        delta = 0;
        yield deltaCount(blocks.get(block)) > 0 ? Phase.DELTA : Phase.BLOCK_STOP;
      }
      case DELTA -> ++delta < deltaCount(blocks.get(block)) ? Phase.DELTA : Phase.BLOCK_STOP;
      case BLOCK_STOP -> ++block < blocks.size() ? Phase.BLOCK_START : Phase.MESSAGE_DELTA;
      case MESSAGE_DELTA, DONE -> Phase.DONE;
    };
  }

  private static int deltaCount(ReplyBlock block) {
    return switch (block) {
      case ReplyBlock.Text text -> text.pieces().size();
      case ReplyBlock.Thinking thinking -> (thinking.omitted() ? 0 : thinking.pieces().size()) + 1; // + signature
      case ReplyBlock.ToolUse tool -> tool.pieces().size();
    };
  }

  private void messageStart(JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeStringField("type", "message_start");
    json.writeObjectFieldStart("message");
    json.writeStringField("id", completion.messageId());
    json.writeStringField("type", "message");
    json.writeStringField("role", "assistant");
    json.writeStringField("model", completion.model());
    json.writeArrayFieldStart("content");
    json.writeEndArray();
    json.writeNullField("stop_reason");
    json.writeNullField("stop_sequence");
    UsageJson.write(json, completion.usage(), 1);
    json.writeEndObject();
    json.writeEndObject();
  }

  private void messageDelta(JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeStringField("type", "message_delta");
    json.writeObjectFieldStart("delta");
    json.writeStringField("stop_reason", completion.reply().stopReason());
    json.writeStringField("stop_sequence", completion.reply().stopSequence());
    json.writeEndObject();
    json.writeObjectFieldStart("usage");
    json.writeNumberField("output_tokens", completion.outputTokens());
    json.writeEndObject();
    json.writeEndObject();
  }

  private static void blockStart(JsonGenerator json, int index, ReplyBlock block) throws IOException {
    json.writeStartObject();
    json.writeStringField("type", "content_block_start");
    json.writeNumberField("index", index);
    json.writeObjectFieldStart("content_block");
    switch (block) {
      case ReplyBlock.Text text -> {
        json.writeStringField("type", "text");
        json.writeStringField("text", "");
      }
      case ReplyBlock.Thinking thinking -> {
        json.writeStringField("type", "thinking");
        json.writeStringField("thinking", "");
        json.writeStringField("signature", "");
      }
      case ReplyBlock.ToolUse tool -> {
        json.writeStringField("type", "tool_use");
        json.writeStringField("id", tool.id());
        json.writeStringField("name", tool.name());
        json.writeObjectFieldStart("input");
        json.writeEndObject();
      }
    }
    json.writeEndObject();
    json.writeEndObject();
  }

  private static void delta(JsonGenerator json, int index, ReplyBlock block, int i) throws IOException {
    json.writeStartObject();
    json.writeStringField("type", "content_block_delta");
    json.writeNumberField("index", index);
    json.writeObjectFieldStart("delta");
    switch (block) {
      case ReplyBlock.Text text -> {
        json.writeStringField("type", "text_delta");
        json.writeStringField("text", text.pieces().get(i));
      }
      case ReplyBlock.Thinking thinking when i == deltaCount(thinking) - 1 -> {
        json.writeStringField("type", "signature_delta");
        json.writeStringField("signature", thinking.signature());
      }
      case ReplyBlock.Thinking thinking -> {
        json.writeStringField("type", "thinking_delta");
        json.writeStringField("thinking", thinking.pieces().get(i));
      }
      case ReplyBlock.ToolUse tool -> {
        json.writeStringField("type", "input_json_delta");
        json.writeStringField("partial_json", tool.pieces().get(i));
      }
    }
    json.writeEndObject();
    json.writeEndObject();
  }
}
