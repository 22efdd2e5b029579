package dev.claudebedrock.bench.load;

import io.vertx.core.buffer.Buffer;

/** Server-sent events: each event ends with an empty line, so each {@code \n\n} completes one. */
final class SseEventCounter implements EventCounter {
  private boolean afterNewline;

  @Override
  public int feed(Buffer piece) {
    int events = 0;
    for (int i = 0, n = piece.length(); i < n; i++) {
      byte b = piece.getByte(i);
      if (b == '\n') {
        if (afterNewline) {
          events++;
          afterNewline = false;
        } else {
          afterNewline = true;
        }
      } else if (b != '\r') {
        afterNewline = false;
      }
    }
    return events;
  }
}
