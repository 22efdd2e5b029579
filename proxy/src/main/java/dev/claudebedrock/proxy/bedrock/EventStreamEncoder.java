package dev.claudebedrock.proxy.bedrock;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.claudebedrock.proxy.core.Json;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Encodes the one {@code application/vnd.amazon.eventstream} frame the gateway writes itself: an
 * exception frame, the way Bedrock ends a stream that failed ({@code :message-type: exception},
 * {@code :exception-type}, a JSON payload with {@code message}), which AWS SDKs raise as the typed
 * exception of that name.
 */
public final class EventStreamEncoder {
  /** The header value type of a string. */
  private static final byte STRING = 7;

  private EventStreamEncoder() {}

  /** An exception frame; {@code exceptionType} as Bedrock writes it, e.g. {@code internalServerException}. */
  public static Buffer exception(String exceptionType, String message) {
    byte[] payload = ("{\"message\":" + quote(message) + "}").getBytes(StandardCharsets.UTF_8);
    Buffer headers = Buffer.buffer();
    header(headers, ":exception-type", exceptionType);
    header(headers, ":content-type", "application/json");
    header(headers, ":message-type", "exception");
    int total = 12 + headers.length() + payload.length + 4;
    Buffer frame = Buffer.buffer(total).appendInt(total).appendInt(headers.length());
    frame.appendInt(crc(frame.getBytes(0, 8)));
    frame.appendBuffer(headers).appendBytes(payload);
    return frame.appendInt(crc(frame.getBytes()));
  }

  private static void header(Buffer headers, String name, String value) {
    byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
    byte[] valueBytes = value.getBytes(StandardCharsets.UTF_8);
    headers.appendByte((byte) nameBytes.length).appendBytes(nameBytes).appendByte(STRING)
        .appendShort((short) valueBytes.length).appendBytes(valueBytes);
  }

  private static int crc(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return (int) crc.getValue();
  }

  private static String quote(String text) {
    try {
      return Json.MAPPER.writeValueAsString(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a string always serialises", e);
    }
  }
}
