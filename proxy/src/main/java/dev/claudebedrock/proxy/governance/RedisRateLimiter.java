package dev.claudebedrock.proxy.governance;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rate limits counted in Redis, shared by every replica: one Lua script checks every scope of a
 * request and counts it in all of them atomically, so a limit of N admits N across any number of
 * replicas. If Redis does not answer within 100 ms the request is counted by this replica alone
 * ({@link LocalRateLimiter}), with a warning and a metric; requests keep flowing.
 */
public final class RedisRateLimiter implements RateLimiter {
  private static final Logger log = LoggerFactory.getLogger(RedisRateLimiter.class);
  private static final long TIMEOUT_MS = 100;

  // KEYS: per scope, its minute window (a hash r/i/o) and its in-flight counter.
  // ARGV: estimate, window ttl, lease ttl, then per scope rpm, itpm, otpm, concurrency.
  // Returns {-1 or the refusing scope's index, limit name, r, i, o of the first scope}.
  private static final String ADMIT = """
      local n = #KEYS / 2
      local est = tonumber(ARGV[1])
      local function num(v) return tonumber(v) or 0 end
      for s = 0, n - 1 do
        local h = redis.call('HMGET', KEYS[2*s+1], 'r', 'i', 'o')
        local r, i, o = num(h[1]), num(h[2]), num(h[3])
        local rpm, itpm, otpm, conc = tonumber(ARGV[4+4*s]), tonumber(ARGV[5+4*s]), tonumber(ARGV[6+4*s]), tonumber(ARGV[7+4*s])
        local c = 0
        if conc > 0 then c = num(redis.call('GET', KEYS[2*s+2])) end
        local refused = nil
        if rpm > 0 and r >= rpm then refused = 'requests'
        elseif itpm > 0 and i > 0 and i + est > itpm then refused = 'input_tokens'
        elseif otpm > 0 and o >= otpm then refused = 'output_tokens'
        elseif conc > 0 and c >= conc then refused = 'concurrent' end
        if refused then return {s, refused, r, i, o} end
      end
      local first = nil
      for s = 0, n - 1 do
        local w = KEYS[2*s+1]
        local r = redis.call('HINCRBY', w, 'r', 1)
        local i = redis.call('HINCRBY', w, 'i', est)
        local o = num(redis.call('HGET', w, 'o'))
        redis.call('EXPIRE', w, tonumber(ARGV[2]))
        if tonumber(ARGV[7+4*s]) > 0 then
          redis.call('INCR', KEYS[2*s+2])
          redis.call('EXPIRE', KEYS[2*s+2], tonumber(ARGV[3]))
        end
        if not first then first = {r, i, o} end
      end
      return {-1, '', first[1], first[2], first[3]}
      """;
  private static final String ADMIT_SHA1 = sha1(ADMIT);

  private final Redis redis;
  private final String prefix;
  private final int leaseSeconds;
  private final LocalRateLimiter fallback = new LocalRateLimiter();
  private final AtomicLong fallbacks;
  private volatile long lastWarning;

  /** @param fallbacks counts the requests counted locally because Redis failed (a metric) */
  public RedisRateLimiter(Vertx vertx, String url, String prefix, int leaseSeconds, AtomicLong fallbacks) {
    this.redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(url).setMaxPoolSize(16)
        .setMaxPoolWaiting(1024));
    this.prefix = prefix;
    this.leaseSeconds = leaseSeconds;
    this.fallbacks = fallbacks;
  }

  @Override
  public Future<RateDecision> admit(List<RateScope> scopes, long estimatedInput) {
    long minute = System.currentTimeMillis() / 60_000;
    Instant reset = Instant.ofEpochMilli((minute + 1) * 60_000);
    // The script by its SHA-1 (Redis caches it after the first EVAL); the whole script when Redis lost it.
    return redis.send(admitRequest(Command.EVALSHA, ADMIT_SHA1, scopes, minute, estimatedInput))
        .recover(failure -> String.valueOf(failure.getMessage()).startsWith("NOSCRIPT")
            ? redis.send(admitRequest(Command.EVAL, ADMIT, scopes, minute, estimatedInput))
            : io.vertx.core.Future.failedFuture(failure))
        .timeout(TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .map(response -> decision(response, scopes, minute, estimatedInput, reset))
        .recover(failure -> {
          fellBack(failure);
          return fallback.admit(scopes, estimatedInput);
        });
  }

  private Request admitRequest(Command command, String script, List<RateScope> scopes, long minute, long estimate) {
    Request request = Request.cmd(command).arg(script).arg(scopes.size() * 2);
    for (RateScope scope : scopes) {
      request.arg(window(scope, minute)).arg(concurrency(scope));
    }
    request.arg(estimate).arg(180).arg(leaseSeconds);
    for (RateScope scope : scopes) {
      request.arg(scope.limits().requestsPerMinute()).arg(scope.limits().inputTokensPerMinute())
          .arg(scope.limits().outputTokensPerMinute()).arg(scope.limits().maxConcurrent());
    }
    return request;
  }

  private static String sha1(String text) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every JDK", e);
    }
  }

  private static RateDecision decision(Response r, List<RateScope> scopes, long minute, long estimate, Instant reset) {
    int refused = r.get(0).toInteger();
    long used = r.get(2).toLong();
    long input = r.get(3).toLong();
    long output = r.get(4).toLong();
    if (refused >= 0) {
      RateScope scope = scopes.get(refused);
      return new RateDecision(false, scope.kind(), r.get(1).toString(), scope, used, input, output, reset, null);
    }
    return new RateDecision(true, null, null, scopes.get(0), used, input, output, reset,
        new RateTicket(scopes, minute, estimate, true));
  }

  @Override
  public void settle(RateTicket ticket, long realInput, long output) {
    if (!ticket.shared()) {
      fallback.settle(ticket, realInput, output);
      return;
    }
    long now = System.currentTimeMillis() / 60_000;
    List<Request> batch = new ArrayList<>();
    for (RateScope scope : ticket.scopes()) {
      if (realInput != ticket.estimatedInput()) {
        batch.add(Request.cmd(Command.HINCRBY).arg(window(scope, ticket.minute())).arg("i")
            .arg(realInput - ticket.estimatedInput()));
      }
      if (output > 0) {
        batch.add(Request.cmd(Command.HINCRBY).arg(window(scope, now)).arg("o").arg(output));
        batch.add(Request.cmd(Command.EXPIRE).arg(window(scope, now)).arg(180));
      }
      if (scope.limits().maxConcurrent() > 0) {
        batch.add(Request.cmd(Command.DECR).arg(concurrency(scope)));
      }
    }
    if (!batch.isEmpty()) {
      redis.batch(batch).onFailure(this::fellBack);
    }
  }

  private void fellBack(Throwable failure) {
    fallbacks.incrementAndGet();
    long now = System.currentTimeMillis();
    if (now - lastWarning > 10_000) {
      lastWarning = now;
      log.warn("Redis did not answer for rate limits ({}): counting on this replica alone until it does",
          failure.getMessage());
    }
  }

  private String window(RateScope scope, long minute) {
    return prefix + "rl:" + scope.kind() + ":" + scope.id() + ":" + minute;
  }

  private String concurrency(RateScope scope) {
    return prefix + "cc:" + scope.kind() + ":" + scope.id();
  }

  @Override
  public void close() {
    redis.close();
  }
}
