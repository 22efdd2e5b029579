package dev.claudebedrock.sim.reply;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a completion as the Anthropic stream events Bedrock wraps in chunk frames: message_start, each block's
 * start, deltas and stop, message_delta, then message_stop (rendered last, once its latency metrics are known).
 * Bedrock sends no ping events, so neither does this.
 */
public final class StreamEvents {
    private StreamEvents() {
    }

    /** Every event up to and including message_delta. */
    public static List<StreamEvent> render(Completion completion) {
        List<StreamEvent> events = new ArrayList<>();
        events.add(framing(json -> messageStart(json, completion)));
        List<ReplyBlock> blocks = completion.reply().blocks();
        for (int index = 0; index < blocks.size(); index++) {
            addBlock(events, index, blocks.get(index));
        }
        events.add(framing(json -> {
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
        }));
        return events;
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

    private static void messageStart(JsonGenerator json, Completion completion) throws IOException {
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

    private static void addBlock(List<StreamEvent> events, int index, ReplyBlock block) {
        switch (block) {
            case ReplyBlock.Text text -> {
                events.add(blockStart(index, json -> {
                    json.writeStringField("type", "text");
                    json.writeStringField("text", "");
                }));
                for (String piece : text.pieces()) {
                    events.add(delta(index, "text_delta", "text", piece, 1));
                }
            }
            case ReplyBlock.Thinking thinking -> {
                events.add(blockStart(index, json -> {
                    json.writeStringField("type", "thinking");
                    json.writeStringField("thinking", "");
                    json.writeStringField("signature", "");
                }));
                if (!thinking.omitted()) {
                    for (String piece : thinking.pieces()) {
                        events.add(delta(index, "thinking_delta", "thinking", piece, 1));
                    }
                }
                // Omitted thinking is still generated (and paid for): its time passes before the signature.
                events.add(delta(index, "signature_delta", "signature", thinking.signature(),
                        thinking.omitted() ? thinking.tokens() : 0));
            }
            case ReplyBlock.ToolUse tool -> {
                events.add(blockStart(index, json -> {
                    json.writeStringField("type", "tool_use");
                    json.writeStringField("id", tool.id());
                    json.writeStringField("name", tool.name());
                    json.writeObjectFieldStart("input");
                    json.writeEndObject();
                }));
                for (String piece : tool.pieces()) {
                    events.add(delta(index, "input_json_delta", "partial_json", piece, 1));
                }
            }
        }
        events.add(framing(json -> {
            json.writeStartObject();
            json.writeStringField("type", "content_block_stop");
            json.writeNumberField("index", index);
            json.writeEndObject();
        }));
    }

    private static StreamEvent blockStart(int index, JsonWriter.Body contentBlock) {
        return framing(json -> {
            json.writeStartObject();
            json.writeStringField("type", "content_block_start");
            json.writeNumberField("index", index);
            json.writeObjectFieldStart("content_block");
            contentBlock.write(json);
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    private static StreamEvent delta(int index, String deltaType, String field, String value, int tokens) {
        return new StreamEvent(JsonWriter.bytes(json -> {
            json.writeStartObject();
            json.writeStringField("type", "content_block_delta");
            json.writeNumberField("index", index);
            json.writeObjectFieldStart("delta");
            json.writeStringField("type", deltaType);
            json.writeStringField(field, value);
            json.writeEndObject();
            json.writeEndObject();
        }), tokens);
    }

    private static StreamEvent framing(JsonWriter.Body body) {
        return new StreamEvent(JsonWriter.bytes(body), 0);
    }
}
