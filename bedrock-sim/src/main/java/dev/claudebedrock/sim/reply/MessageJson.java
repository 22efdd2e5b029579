package dev.claudebedrock.sim.reply;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/** Renders a completion as the non-streaming Anthropic Message JSON that InvokeModel returns. */
public final class MessageJson {
  private MessageJson() {}

  /** The Message JSON bytes. */
  public static byte[] render(Completion completion) {
    return JsonWriter.bytes(json -> {
      json.writeStartObject();
      json.writeStringField("id", completion.messageId());
      json.writeStringField("type", "message");
      json.writeStringField("role", "assistant");
      json.writeStringField("model", completion.model());
      json.writeArrayFieldStart("content");
      for (ReplyBlock block : completion.reply().blocks()) {
        writeBlock(json, block);
      }
      json.writeEndArray();
      json.writeStringField("stop_reason", completion.reply().stopReason());
      json.writeStringField("stop_sequence", completion.reply().stopSequence());
      UsageJson.write(json, completion.usage(), completion.outputTokens());
      json.writeEndObject();
    });
  }

  private static void writeBlock(JsonGenerator json, ReplyBlock block) throws IOException {
    json.writeStartObject();
    switch (block) {
      case ReplyBlock.Text text -> {
        json.writeStringField("type", "text");
        json.writeStringField("text", text.text());
      }
      case ReplyBlock.Thinking thinking -> {
        json.writeStringField("type", "thinking");
        json.writeStringField("thinking", thinking.text());
        json.writeStringField("signature", thinking.signature());
      }
      case ReplyBlock.ToolUse tool -> {
        json.writeStringField("type", "tool_use");
        json.writeStringField("id", tool.id());
        json.writeStringField("name", tool.name());
        json.writeFieldName("input");
        // A tool call cut short by max_tokens has no parseable input; Bedrock then reports an empty one.
        json.writeRawValue(tool.complete() ? tool.inputJson() : "{}");
      }
    }
    json.writeEndObject();
  }
}
