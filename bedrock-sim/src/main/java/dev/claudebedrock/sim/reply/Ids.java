package dev.claudebedrock.sim.reply;

import java.util.concurrent.ThreadLocalRandom;

/** Identifiers in Bedrock's formats. Unique per response rather than deterministic, like the real ones. */
public final class Ids {
  private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Ids() {}

  /** {@code msg_bdrk_01…} as Bedrock's Message ids look. */
  public static String messageId() {
    return "msg_bdrk_01" + base62(22);
  }

  /** {@code toolu_bdrk_01…} as Bedrock's tool-use ids look. */
  public static String toolUseId() {
    return "toolu_bdrk_01" + base62(22);
  }

  /** A random version-4 UUID for {@code x-amzn-RequestId}; cheaper than {@code UUID.randomUUID()} on a hot path. */
  public static String requestId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long hi = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lo = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    char[] out = new char[36];
    int pos = 0;
    for (int i = 0; i < 32; i++) {
      if (i == 8 || i == 12 || i == 16 || i == 20) {
        out[pos++] = '-';
      }
      long word = i < 16 ? hi : lo;
      int shift = (15 - (i % 16)) * 4;
      out[pos++] = HEX[(int) ((word >>> shift) & 0xF)];
    }
    return new String(out);
  }

  private static String base62(int length) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = BASE62[random.nextInt(BASE62.length)];
    }
    return new String(out);
  }
}
