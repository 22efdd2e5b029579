package dev.claudebedrock.proxy.bedrock;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads server-sent events (the native Messages API's streams) as bytes arrive, in any split: lines end in
 * {@code \n}, {@code \r\n} or {@code \r}; an event is the {@code event:} and {@code data:} lines before a blank line
 * (several {@code data:} lines joined with {@code \n}); comments and other fields are skipped. An event or a line
 * beyond {@link #MAX_EVENT} bytes makes the stream corrupt rather than the buffer unbounded.
 */
public final class SseDecoder {
  /** The largest event accepted. */
  public static final int MAX_EVENT = 16 * 1024 * 1024;

  /** Hears each complete event. */
  public interface Listener {
    /** One event: its {@code event:} name (empty when it had none) and its data bytes. */
    void onEvent(String type, byte[] data);
  }

  private final Listener listener;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
  private final ByteArrayOutputStream data = new ByteArrayOutputStream(1024);
  private String type = "";
  private boolean hasData;
  private boolean afterCarriageReturn;

  public SseDecoder(Listener listener) {
    this.listener = listener;
  }

  /** Feeds the next bytes; false when the stream is corrupt (an event too large). */
  public boolean feed(Buffer bytes) {
    int n = bytes.length();
    for (int i = 0; i < n; i++) {
      byte b = bytes.getByte(i);
      if (b == '\n' && afterCarriageReturn) {
        afterCarriageReturn = false; // the \n of a \r\n
        continue;
      }
      afterCarriageReturn = b == '\r';
      if (b == '\n' || b == '\r') {
        if (!endOfLine()) {
          return false;
        }
      } else {
        line.write(b);
        if (line.size() > MAX_EVENT) {
          return false;
        }
      }
    }
    return true;
  }

  private boolean endOfLine() {
    if (line.size() == 0) {
      dispatch();
      return true;
    }
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    int colon = text.indexOf(':');
    String field = colon < 0 ? text : text.substring(0, colon);
    String value = colon < 0 ? "" : text.substring(text.startsWith(" ", colon + 1) ? colon + 2 : colon + 1);
    switch (field) {
      case "event" -> type = value;
      case "data" -> {
        if (hasData) {
          data.write('\n');
        }
        data.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        hasData = true;
        if (data.size() > MAX_EVENT) {
          return false;
        }
      }
      default -> {
        // A comment (":…"), id or retry: nothing the gateway uses.
      }
    }
    return true;
  }

  private void dispatch() {
    if (hasData) {
      byte[] bytes = data.toByteArray();
      String name = type;
      data.reset();
      type = "";
      hasData = false;
      listener.onEvent(name, bytes);
    } else {
      type = "";
    }
  }
}
