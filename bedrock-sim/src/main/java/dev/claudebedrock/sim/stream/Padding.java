package dev.claudebedrock.sim.stream;

import java.util.zip.CRC32;

/**
 * The {@code "p"} padding Bedrock adds to each chunk payload so that frame sizes do not reveal token lengths.
 * Lengths look random but follow from the request body, so the same request gets the same bytes.
 */
public final class Padding {
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final int MAX_LENGTH = 48;

  private final long seed;

  private Padding(long seed) {
    this.seed = seed;
  }

  /** The padding sequence for a request body. */
  public static Padding forBody(byte[] body) {
    CRC32 crc = new CRC32();
    crc.update(body);
    return new Padding(crc.getValue());
  }

  /** The padding of the event at {@code index}: 1 to 48 characters of {@code abc…}. */
  public String forEvent(int index) {
    long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    return ALPHABET.substring(0, 1 + (int) Math.floorMod(z, (long) MAX_LENGTH));
  }
}
