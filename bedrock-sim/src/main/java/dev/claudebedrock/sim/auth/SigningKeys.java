package dev.claudebedrock.sim.auth;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/** Derives SigV4 signing keys for one secret and remembers them per (date, region, service). */
final class SigningKeys {
  private final byte[] secretKey;
  private final ConcurrentHashMap<String, byte[]> cache = new ConcurrentHashMap<>();

  SigningKeys(String secretAccessKey) {
    this.secretKey = ("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8);
  }

  /** HMAC chain {@code "AWS4"+secret → date → region → service → "aws4_request"}. */
  byte[] key(String date, String region, String service) {
    // A client can only make the map grow by one entry per day and scope it signs for; bounded in practice.
    return cache.computeIfAbsent(date + '/' + region + '/' + service, k -> {
      byte[] dateKey = Hashing.hmac(secretKey, date);
      byte[] regionKey = Hashing.hmac(dateKey, region);
      byte[] serviceKey = Hashing.hmac(regionKey, service);
      return Hashing.hmac(serviceKey, "aws4_request");
    });
  }
}
