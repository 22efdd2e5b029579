package dev.claudebedrock.proxy.bedrock;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Decodes an {@code application/vnd.amazon.eventstream} body fed in arbitrary pieces (frames may
 * be split across network reads) into Bedrock stream events, checking both CRCs of every frame.
 *
 * <p>Only the bytes of an incomplete frame are kept between reads, in a buffer sized to that frame:
 * an open stream costs a few hundred bytes, not a fixed-size decoding buffer, which is what lets
 * one gateway hold thousands of streams.
 */
public final class EventStreamDecoder {
  /** Total length, headers length and prelude CRC. */
  private static final int PRELUDE = 12;
  /** The message CRC after the payload. */
  private static final int TRAILER = 4;
  /** The format's limits: 16 MiB per message, 128 KiB of headers. */
  private static final int MAX_FRAME = 16 * 1024 * 1024;
  private static final int MAX_HEADERS = 128 * 1024;
  private static final byte[] EMPTY = new byte[0];

  /** Receives what the stream carries. */
  public interface Listener {

    /** A {@code chunk} event: the Anthropic event JSON it carries, base64-decoded. */
    void onChunk(byte[] eventJson);

    /** An exception frame (or an unmodelled {@code error} frame); the stream ends after it. */
    void onException(BedrockError error);
  }

  private final Listener listener;
  private final CRC32 crc = new CRC32();
  private byte[] pending = EMPTY;
  private int pendingLength;
  private boolean failed;

  public EventStreamDecoder(Listener listener) {
    this.listener = listener;
  }

  /**
   * Feeds bytes as they arrive. Returns false once the stream is corrupt (a CRC or length does not
   * add up); the caller then treats the stream as failed.
   */
  public boolean feed(Buffer bytes) {
    if (failed) {
      return false;
    }
    byte[] data;
    int length;
    if (pendingLength == 0) {
      data = bytes.getBytes();
      length = data.length;
    } else {
      append(bytes);
      data = pending;
      length = pendingLength;
    }
    try {
      int consumed = decodeFrames(data, length);
      keep(data, consumed, length);
      return true;
    } catch (MalformedFrame e) {
      failed = true;
      pending = EMPTY;
      pendingLength = 0;
      return false;
    }
  }

  /** The bytes of the incomplete frame at the end of what was fed so far (0 once the stream is corrupt). */
  public int incompleteBytes() {
    return pendingLength;
  }

  /** Whether the stream is corrupt: a checksum or length did not add up. */
  public boolean failed() {
    return failed;
  }

  /** Decodes every complete frame in {@code data[0, length)}; returns the bytes consumed. */
  private int decodeFrames(byte[] data, int length) {
    int offset = 0;
    while (length - offset >= PRELUDE) {
      int total = readInt(data, offset);
      int headers = readInt(data, offset + 4);
      if (total < PRELUDE + TRAILER || total > MAX_FRAME || headers < 0 || headers > MAX_HEADERS
          || headers > total - PRELUDE - TRAILER || checksum(data, offset, 8) != readInt(data, offset + 8)) {
        throw new MalformedFrame();
      }
      if (length - offset < total) {
        break;
      }
      if (checksum(data, offset, total - TRAILER) != readInt(data, offset + total - TRAILER)) {
        throw new MalformedFrame();
      }
      int payloadStart = offset + PRELUDE + headers;
      dispatch(FrameHeaders.read(data, offset + PRELUDE, payloadStart), data, payloadStart, offset + total - TRAILER);
      offset += total;
    }
    return offset;
  }

  private void dispatch(FrameHeaders headers, byte[] data, int payloadStart, int payloadEnd) {
    switch (headers.messageType()) {
      case "event" -> {
        if ("chunk".equals(headers.eventType())) {
          byte[] json = ChunkPayload.eventJson(Arrays.copyOfRange(data, payloadStart, payloadEnd));
          if (json != null) {
            listener.onChunk(json);
          }
        }
      }
      case "exception" -> listener.onException(BedrockError.fromStreamException(headers.exceptionType(),
          Arrays.copyOfRange(data, payloadStart, payloadEnd)));
      case "error" -> listener.onException(new BedrockError(0, headers.errorCode(), headers.errorMessage(), -1));
      default -> {}
    }
  }

  private void append(Buffer bytes) {
    int needed = pendingLength + bytes.length();
    if (needed > pending.length) {
      pending = Arrays.copyOf(pending, Math.max(needed, pending.length * 2));
    }
    bytes.getBytes(0, bytes.length(), pending, pendingLength);
    pendingLength = needed;
  }

  /** Keeps the unconsumed tail for the next read; an empty tail frees the buffer. */
  private void keep(byte[] data, int consumed, int length) {
    int rest = length - consumed;
    if (rest == 0) {
      pending = EMPTY;
    } else if (consumed > 0) {
      pending = Arrays.copyOfRange(data, consumed, length);
    } else {
      pending = data;
    }
    pendingLength = rest;
  }

  private int checksum(byte[] data, int offset, int length) {
    crc.reset();
    crc.update(data, offset, length);
    return (int) crc.getValue();
  }

  static int readInt(byte[] data, int offset) {
    return (data[offset] & 0xff) << 24 | (data[offset + 1] & 0xff) << 16
        | (data[offset + 2] & 0xff) << 8 | (data[offset + 3] & 0xff);
  }

  /** The string headers a Bedrock stream frame carries; other header types are skipped. */
  record FrameHeaders(String messageType, String eventType, String exceptionType, String errorCode,
      String errorMessage) {

    static FrameHeaders read(byte[] data, int start, int end) {
      String messageType = "";
      String eventType = "";
      String exceptionType = "";
      String errorCode = "";
      String errorMessage = "";
      int p = start;
      while (p < end) {
        int nameLength = data[p++] & 0xff;
        if (nameLength == 0 || p + nameLength + 1 > end) {
          throw new MalformedFrame();
        }
        String name = new String(data, p, nameLength, StandardCharsets.US_ASCII);
        p += nameLength;
        int type = data[p++];
        int valueLength = switch (type) {
          case 0, 1 -> 0;
          case 2 -> 1;
          case 3 -> 2;
          case 4 -> 4;
          case 5, 8 -> 8;
          case 9 -> 16;
          case 6, 7 -> {
            if (p + 2 > end) {
              throw new MalformedFrame();
            }
            int n = (data[p] & 0xff) << 8 | (data[p + 1] & 0xff);
            p += 2;
            yield n;
          }
          default -> throw new MalformedFrame();
        };
        if (p + valueLength > end) {
          throw new MalformedFrame();
        }
        if (type == 7) {
          String value = new String(data, p, valueLength, StandardCharsets.UTF_8);
          switch (name) {
            case ":message-type" -> messageType = value;
            case ":event-type" -> eventType = value;
            case ":exception-type" -> exceptionType = value;
            case ":error-code" -> errorCode = value;
            case ":error-message" -> errorMessage = value;
            default -> {}
          }
        }
        p += valueLength;
      }
      return new FrameHeaders(messageType, eventType, exceptionType, errorCode, errorMessage);
    }
  }

  /** A length, checksum or header that does not add up. */
  private static final class MalformedFrame extends RuntimeException {
    MalformedFrame() {
      super(null, null, false, false);
    }
  }
}
