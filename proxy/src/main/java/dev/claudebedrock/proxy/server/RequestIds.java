package dev.claudebedrock.proxy.server;

import java.util.concurrent.ThreadLocalRandom;

/** Request ids in Anthropic's style: {@code req_} and 24 random base-62 characters. */
public final class RequestIds {
  private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

  private RequestIds() {}

  /** A new id. */
  public static String next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    char[] id = new char[28];
    id[0] = 'r';
    id[1] = 'e';
    id[2] = 'q';
    id[3] = '_';
    for (int i = 4; i < id.length; i++) {
      id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
    }
    return new String(id);
  }
}
