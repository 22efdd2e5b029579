package dev.claudebedrock.sim.reply;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Simulates Bedrock's prompt cache. Each {@code cache_control} breakpoint marks a prefix (tools, system, messages
 * up to and including the marked block). A request reads the longest prefix that an earlier request of the same
 * model wrote and that has not expired, and writes every prefix it marks; reading refreshes the lifetime.
 */
public final class PromptCache {
  private static final long FIVE_MINUTES = 5L * 60 * 1_000_000_000L;
  private static final long ONE_HOUR = 60L * 60 * 1_000_000_000L;
  private static final int PRUNE_ABOVE = 100_000;

  private final ConcurrentHashMap<PrefixKey, Long> expiries = new ConcurrentHashMap<>();
  private final LongSupplier nanoClock;

  /** A cache using the given monotonic clock in nanoseconds. */
  public PromptCache(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /** Forgets every cached prefix. */
  public void clear() {
    expiries.clear();
  }

  /** Bills a prompt against the cache and records the prefixes it writes. */
  public PromptUsage account(String modelId, PromptTokens prompt) {
    if (!prompt.hasBreakpoints()) {
      return PromptUsage.uncached(prompt.total());
    }
    List<PromptTokens.Segment> segments = prompt.segments();
    int last = lastBreakpoint(segments);
    PrefixKey[] keys = prefixKeys(modelId, segments, last);
    long now = nanoClock.getAsLong();

    int hit = -1;
    for (int i = last; i >= 0 && hit < 0; i--) {
      Long expiry = expiries.get(keys[i]);
      if (expiry != null && expiry - now > 0) {
        hit = i;
      }
    }
    int read = 0;
    for (int i = 0; i <= hit; i++) {
      read += segments.get(i).tokens();
    }
    int written5m = 0;
    int written1h = 0;
    String ttlOfSpan = null;
    for (int i = last; i > hit; i--) {
      if (segments.get(i).cacheTtl() != null) {
        ttlOfSpan = segments.get(i).cacheTtl();
      }
      if ("1h".equals(ttlOfSpan)) {
        written1h += segments.get(i).tokens();
      } else {
        written5m += segments.get(i).tokens();
      }
    }
    if (hit >= 0) {
      expiries.merge(keys[hit], now + FIVE_MINUTES, Math::max);
    }
    for (int i = 0; i <= last; i++) {
      String ttl = segments.get(i).cacheTtl();
      if (ttl != null) {
        expiries.merge(keys[i], now + ("1h".equals(ttl) ? ONE_HOUR : FIVE_MINUTES), Math::max);
      }
    }
    pruneIfLarge(now);
    int written = written5m + written1h;
    return new PromptUsage(prompt.total() - read - written, written, read, written5m, written1h);
  }

  private static int lastBreakpoint(List<PromptTokens.Segment> segments) {
    for (int i = segments.size() - 1; i >= 0; i--) {
      if (segments.get(i).cacheTtl() != null) {
        return i;
      }
    }
    return -1;
  }

  // Chained digests: key i identifies the model and everything up to segment i, so equal keys mean equal prefixes.
  private static PrefixKey[] prefixKeys(String modelId, List<PromptTokens.Segment> segments, int last) {
    MessageDigest digest = sha256();
    byte[] chain = digest.digest(modelId.getBytes(StandardCharsets.UTF_8));
    PrefixKey[] keys = new PrefixKey[last + 1];
    for (int i = 0; i <= last; i++) {
      digest.update(chain);
      digest.update(InputTokenCounter.withoutCacheControl(segments.get(i).content()).toString()
          .getBytes(StandardCharsets.UTF_8));
      chain = digest.digest();
      ByteBuffer bytes = ByteBuffer.wrap(chain);
      keys[i] = new PrefixKey(bytes.getLong(), bytes.getLong());
    }
    return keys;
  }

  private void pruneIfLarge(long now) {
    if (expiries.size() > PRUNE_ABOVE) {
      expiries.values().removeIf(expiry -> expiry - now <= 0);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private record PrefixKey(long high, long low) {}
}
