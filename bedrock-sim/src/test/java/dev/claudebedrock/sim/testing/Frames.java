package dev.claudebedrock.sim.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.sim.validation.JsonBodies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import software.amazon.eventstream.Message;
import software.amazon.eventstream.MessageDecoder;

/** Decodes event-stream bytes with the reference decoder (which checks both CRCs). */
public final class Frames {
  private Frames() {}

  /** Every frame in the bytes; fails on a bad prelude or message CRC. */
  public static List<Message> decode(byte[] bytes) {
    MessageDecoder decoder = new MessageDecoder();
    decoder.feed(bytes);
    return new ArrayList<>(decoder.getDecodedMessages());
  }

  /** A header value of a frame, as a string. */
  public static String header(Message frame, String name) {
    return frame.getHeaders().get(name).getString();
  }

  /** The Anthropic event JSON carried by a chunk frame. */
  public static JsonNode event(Message chunk) {
    try {
      JsonNode payload = JsonBodies.MAPPER.readTree(chunk.getPayload());
      return JsonBodies.MAPPER.readTree(Base64.getDecoder().decode(payload.get("bytes").asText()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Anthropic events of every chunk frame, in order. */
  public static List<JsonNode> events(List<Message> frames) {
    List<JsonNode> events = new ArrayList<>();
    for (Message frame : frames) {
      if ("chunk".equals(frame.getHeaders().containsKey(":event-type") ? header(frame, ":event-type") : null)) {
        events.add(event(frame));
      }
    }
    return events;
  }

  /** The JSON payload of a frame (e.g. an exception frame). */
  public static JsonNode payload(Message frame) {
    try {
      return JsonBodies.MAPPER.readTree(frame.getPayload());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
