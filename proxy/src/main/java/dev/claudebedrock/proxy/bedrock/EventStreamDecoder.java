package dev.claudebedrock.proxy.bedrock;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.Map;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;
import software.amazon.eventstream.MessageDecoder;

/**
 * Decodes an {@code application/vnd.amazon.eventstream} body fed in arbitrary pieces (frames may
 * be split across network reads) into Bedrock stream events, checking both CRCs of every frame.
 */
public final class EventStreamDecoder {

  /** Receives what the stream carries. */
  public interface Listener {

    /** A {@code chunk} event: the Anthropic event JSON it carries, base64-decoded. */
    void onChunk(byte[] eventJson);

    /** An exception frame (or an unmodelled {@code error} frame); the stream ends after it. */
    void onException(BedrockError error);
  }

  private final Listener listener;
  private final MessageDecoder decoder;
  private boolean failed;

  public EventStreamDecoder(Listener listener) {
    this.listener = listener;
    this.decoder = new MessageDecoder(this::dispatch);
  }

  /**
   * Feeds bytes as they arrive. Returns false once the stream is corrupt (a CRC or length does not
   * add up); the caller then treats the stream as failed.
   */
  public boolean feed(Buffer bytes) {
    if (failed) {
      return false;
    }
    try {
      decoder.feed(((BufferInternal) bytes).getByteBuf().nioBuffer());
      return true;
    } catch (RuntimeException e) {
      failed = true;
      return false;
    }
  }

  private void dispatch(Message message) {
    Map<String, HeaderValue> headers = message.getHeaders();
    String messageType = string(headers, ":message-type");
    switch (messageType) {
      case "event" -> {
        if ("chunk".equals(string(headers, ":event-type"))) {
          byte[] json = ChunkPayload.eventJson(message.getPayload());
          if (json != null) {
            listener.onChunk(json);
          }
        }
      }
      case "exception" -> listener.onException(
          BedrockError.fromStreamException(string(headers, ":exception-type"), message.getPayload()));
      case "error" -> listener.onException(new BedrockError(0, string(headers, ":error-code"),
          string(headers, ":error-message"), -1));
      default -> { }
    }
  }

  private static String string(Map<String, HeaderValue> headers, String name) {
    HeaderValue value = headers.get(name);
    return value == null ? "" : value.getString();
  }
}
