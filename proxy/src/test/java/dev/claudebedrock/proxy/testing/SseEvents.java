package dev.claudebedrock.proxy.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads server-sent events off a response body as they arrive, noting when each one did. */
public final class SseEvents {
  private SseEvents() {}

  /** One event: its name, its data line, and when its blank line was read. */
  public record Event(String name, String data, long arrivedNanos) {}

  /** Reads until the stream ends. */
  public static List<Event> readAll(InputStream body) {
    return read(body, Integer.MAX_VALUE);
  }

  /** Reads at most {@code max} events. */
  public static List<Event> read(InputStream body, int max) {
    List<Event> events = new ArrayList<>();
    try {
      BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
      String name = null;
      String data = null;
      String line;
      while (events.size() < max && (line = reader.readLine()) != null) {
        if (line.startsWith("event: ")) {
          name = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data = line.substring(6);
        } else if (line.isEmpty() && name != null) {
          events.add(new Event(name, data, System.nanoTime()));
          name = null;
          data = null;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return events;
  }

  /** The names of the events, in order. */
  public static List<String> names(List<Event> events) {
    return events.stream().map(Event::name).toList();
  }
}
