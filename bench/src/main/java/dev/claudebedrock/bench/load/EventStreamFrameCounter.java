package dev.claudebedrock.bench.load;

import io.vertx.core.buffer.Buffer;

/**
 * AWS event-stream frames ({@code application/vnd.amazon.eventstream}): each starts with its total length
 * as a 4-byte big-endian integer, so frames are counted by skipping lengths; CRCs are not checked.
 */
final class EventStreamFrameCounter implements EventCounter {
  private static final int LENGTH_BYTES = 4;
  /** Prelude (12 bytes) and message CRC (4): a frame without headers or payload. */
  private static final int SMALLEST_FRAME = 16;
  /** The format's limits: 16 MiB of payload and 128 KiB of headers, besides the 16 bytes of framing. */
  private static final int LARGEST_FRAME = 16 * 1024 * 1024 + 128 * 1024 + SMALLEST_FRAME;

  private int lengthBytesRead;
  private int length;
  private int frameBytesLeft;

  @Override
  public int feed(Buffer piece) {
    int frames = 0;
    int i = 0;
    int n = piece.length();
    while (i < n) {
      if (frameBytesLeft == 0) {
        length = (length << 8) | (piece.getByte(i++) & 0xff);
        if (++lengthBytesRead == LENGTH_BYTES) {
          if (length < SMALLEST_FRAME || length > LARGEST_FRAME) {
            throw new IllegalStateException("event-stream frame of " + length + " bytes: not an event stream");
          }
          frameBytesLeft = length - LENGTH_BYTES;
          lengthBytesRead = 0;
          length = 0;
        }
      } else {
        int taken = Math.min(frameBytesLeft, n - i);
        i += taken;
        frameBytesLeft -= taken;
        if (frameBytesLeft == 0) {
          frames++;
        }
      }
    }
    return frames;
  }
}
