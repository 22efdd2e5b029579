package dev.claudebedrock.proxy.bedrock;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
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
  private static final byte[] EVENT = ascii("event");
  private static final byte[] CHUNK = ascii("chunk");
  private static final byte[] EXCEPTION = ascii("exception");
  private static final byte[] ERROR = ascii("error");

  /** Receives what the stream carries. */
  public interface Listener {

    /** A {@code chunk} event: the Anthropic event JSON it carries, base64-decoded. */
    void onChunk(byte[] eventJson);

    /** An exception frame (or an unmodelled {@code error} frame); the stream ends after it. */
    void onException(BedrockError error);

    /**
     * A {@code chunk} event's payload, {@code {"bytes":"<base64>"}}, in {@code data[start, end)}, valid during the
     * call only: by default decoded and passed to {@link #onChunk}; a listener that decodes straight into what it
     * writes overrides this ({@link ChunkPayload} reads the payload in place).
     */
    default void onChunkPayload(byte[] data, int start, int end) {
      byte[] json = ChunkPayload.eventJson(data, start, end);
      if (json != null) {
        onChunk(json);
      }
    }
  }

  private final Listener listener;
  private final CRC32 crc = new CRC32();
  private final FrameHeaders headers = new FrameHeaders();
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
    int from;
    int to;
    boolean owned;
    ByteBuf network = ((BufferInternal) bytes).unwrap();
    if (pendingLength == 0 && network.hasArray()) {
      // Decoded where the bytes arrived: frames are read in place, and only an incomplete tail is copied.
      data = network.array();
      from = network.arrayOffset() + network.readerIndex();
      to = from + network.readableBytes();
      owned = false;
    } else {
      append(bytes);
      data = pending;
      from = 0;
      to = pendingLength;
      owned = true;
    }
    try {
      int consumed = decodeFrames(data, from, to);
      keep(data, consumed, to, owned);
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

  /** Decodes every complete frame in {@code data[from, to)}; returns where the first incomplete one starts. */
  private int decodeFrames(byte[] data, int from, int to) {
    int offset = from;
    while (to - offset >= PRELUDE) {
      int total = readInt(data, offset);
      int headerBytes = readInt(data, offset + 4);
      if (total < PRELUDE + TRAILER || total > MAX_FRAME || headerBytes < 0 || headerBytes > MAX_HEADERS
          || headerBytes > total - PRELUDE - TRAILER || checksum(data, offset, 8) != readInt(data, offset + 8)) {
        throw new MalformedFrame();
      }
      if (to - offset < total) {
        break;
      }
      if (checksum(data, offset, total - TRAILER) != readInt(data, offset + total - TRAILER)) {
        throw new MalformedFrame();
      }
      int payloadStart = offset + PRELUDE + headerBytes;
      headers.read(data, offset + PRELUDE, payloadStart);
      dispatch(data, payloadStart, offset + total - TRAILER);
      offset += total;
    }
    return offset;
  }

  private void dispatch(byte[] data, int payloadStart, int payloadEnd) {
    if (headers.is(data, FrameHeaders.MESSAGE_TYPE, EVENT)) {
      if (headers.is(data, FrameHeaders.EVENT_TYPE, CHUNK)) {
        listener.onChunkPayload(data, payloadStart, payloadEnd);
      }
    } else if (headers.is(data, FrameHeaders.MESSAGE_TYPE, EXCEPTION)) {
      listener.onException(BedrockError.fromStreamException(headers.string(data, FrameHeaders.EXCEPTION_TYPE),
          Arrays.copyOfRange(data, payloadStart, payloadEnd)));
    } else if (headers.is(data, FrameHeaders.MESSAGE_TYPE, ERROR)) {
      listener.onException(new BedrockError(0, headers.string(data, FrameHeaders.ERROR_CODE),
          headers.string(data, FrameHeaders.ERROR_MESSAGE), -1));
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

  /**
   * Keeps the unconsumed tail {@code data[consumed, to)} for the next read (a copy unless {@code data} is the
   * decoder's own buffer and the tail already starts it); an empty tail frees the buffer.
   */
  private void keep(byte[] data, int consumed, int to, boolean owned) {
    int rest = to - consumed;
    if (rest == 0) {
      pending = EMPTY;
    } else if (!owned || consumed > 0) {
      pending = Arrays.copyOfRange(data, consumed, to);
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

  /**
   * Where the string headers a Bedrock stream frame carries lie in the frame, read in place without making strings
   * (a frame's headers are compared, not kept); other header types are skipped. One per decoder, reused per frame.
   */
  static final class FrameHeaders {
    static final int MESSAGE_TYPE = 0;
    static final int EVENT_TYPE = 1;
    static final int EXCEPTION_TYPE = 2;
    static final int ERROR_CODE = 3;
    static final int ERROR_MESSAGE = 4;
    private static final byte[][] NAMES = {ascii(":message-type"), ascii(":event-type"), ascii(":exception-type"),
        ascii(":error-code"), ascii(":error-message")};

    private final int[] valueStart = new int[NAMES.length];
    private final int[] valueEnd = new int[NAMES.length];

    /** Reads the headers in {@code data[start, end)}. */
    void read(byte[] frame, int start, int end) {
      Arrays.fill(valueEnd, 0);
      Arrays.fill(valueStart, 0);
      int p = start;
      while (p < end) {
        int nameLength = frame[p++] & 0xff;
        if (nameLength == 0 || p + nameLength + 1 > end) {
          throw new MalformedFrame();
        }
        int nameStart = p;
        p += nameLength;
        int type = frame[p++];
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
            int n = (frame[p] & 0xff) << 8 | (frame[p + 1] & 0xff);
            p += 2;
            yield n;
          }
          default -> throw new MalformedFrame();
        };
        if (p + valueLength > end) {
          throw new MalformedFrame();
        }
        if (type == 7) {
          int header = known(frame, nameStart, nameStart + nameLength);
          if (header >= 0) {
            valueStart[header] = p;
            valueEnd[header] = p + valueLength;
          }
        }
        p += valueLength;
      }
    }

    /** Whether the header's string value in the frame just read is {@code value} (an absent header's is empty). */
    boolean is(byte[] frame, int header, byte[] value) {
      return Arrays.equals(frame, valueStart[header], valueEnd[header], value, 0, value.length);
    }

    /** The header's string value in the frame just read, empty when it has none. */
    String string(byte[] frame, int header) {
      return new String(frame, valueStart[header], valueEnd[header] - valueStart[header], StandardCharsets.UTF_8);
    }

    private static int known(byte[] frame, int start, int end) {
      for (int i = 0; i < NAMES.length; i++) {
        if (Arrays.equals(frame, start, end, NAMES[i], 0, NAMES[i].length)) {
          return i;
        }
      }
      return -1;
    }
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  /** A length, checksum or header that does not add up. */
  private static final class MalformedFrame extends RuntimeException {
    MalformedFrame() {
      super(null, null, false, false);
    }
  }
}
