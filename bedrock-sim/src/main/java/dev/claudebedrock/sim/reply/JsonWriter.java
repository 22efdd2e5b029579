package dev.claudebedrock.sim.reply;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.claudebedrock.sim.validation.JsonBodies;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Writes JSON straight to bytes with Jackson's streaming generator (no intermediate tree on the hot path). */
public final class JsonWriter {
  /** What to write. */
  @FunctionalInterface
  public interface Body {
    /** Writes one JSON value. */
    void write(JsonGenerator json) throws IOException;
  }

  private JsonWriter() {}

  /** The bytes of one JSON value. */
  public static byte[] bytes(Body body) {
    try (ByteArrayBuilder out = new ByteArrayBuilder(512);
        JsonGenerator json = JsonBodies.MAPPER.getFactory().createGenerator(out)) {
      body.write(json);
      json.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory cannot fail", e);
    }
  }
}
