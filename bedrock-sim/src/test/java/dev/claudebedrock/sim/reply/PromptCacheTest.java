package dev.claudebedrock.sim.reply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.sim.testing.Bodies;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Prompt caching: prefixes up to cache_control breakpoints are written once and read while they live. */
class PromptCacheTest {
  private final AtomicLong clock = new AtomicLong(1_000);
  private final PromptCache cache = new PromptCache(clock::get);

  @Test
  void billsEverythingAsInputWithoutBreakpoints() {
    ObjectNode body = Bodies.invoke("plain prompt");

    assertThat(account(body)).isEqualTo(PromptUsage.uncached(InputTokenCounter.count(body).total()));
    assertThat(account(body)).isEqualTo(PromptUsage.uncached(InputTokenCounter.count(body).total()));
  }

  @Test
  void writesThePrefixOnceThenReadsIt() {
    ObjectNode body = withCachedSystem("You are a careful assistant with a long system prompt.", "5m");
    int total = InputTokenCounter.count(body).total();
    int system = InputTokenCounter.textTokens("You are a careful assistant with a long system prompt.");

    PromptUsage first = account(body);
    PromptUsage second = account(body);

    assertThat(first).isEqualTo(new PromptUsage(total - system, system, 0, system, 0));
    assertThat(second).isEqualTo(new PromptUsage(total - system, 0, system, 0, 0));
  }

  @Test
  void splitsWritesByLifetime() {
    ObjectNode body = withCachedSystem("long lived", "1h");

    PromptUsage usage = account(body);

    assertThat(usage.ephemeral1hTokens()).isEqualTo(usage.cacheCreationTokens()).isPositive();
    assertThat(usage.ephemeral5mTokens()).isZero();
  }

  @Test
  void forgetsAPrefixAfterItsLifetimeAndOnClear() {
    ObjectNode body = withCachedSystem("expires", "5m");
    account(body);

    clock.addAndGet(TimeUnit.MINUTES.toNanos(6));
    assertThat(account(body).cacheReadTokens()).isZero();

    cache.clear();
    assertThat(account(body).cacheReadTokens()).isZero();
    assertThat(account(body).cacheReadTokens()).isPositive();
  }

  @Test
  void readsTheEarlierPrefixOfAGrowingConversation() {
    ObjectNode turn1 = withCachedSystem("system text", "5m");
    markLastBlock(turn1);
    account(turn1);
    int turn1Tokens = InputTokenCounter.count(turn1).total();

    ObjectNode turn2 = turn1.deepCopy();
    ((ObjectNode) turn2.withArray("messages").get(0).path("content").get(0)).remove("cache_control");
    turn2.withArray("messages").addObject().put("role", "assistant").put("content", "an answer");
    ObjectNode next = turn2.withArray("messages").addObject().put("role", "user");
    next.putArray("content").addObject().put("type", "text").put("text", "follow-up question")
        .putObject("cache_control").put("type", "ephemeral");

    PromptUsage usage = account(turn2);

    assertThat(usage.cacheReadTokens()).isEqualTo(turn1Tokens);
    assertThat(usage.cacheCreationTokens()).isEqualTo(InputTokenCounter.count(turn2).total() - turn1Tokens);
    assertThat(usage.inputTokens()).isZero();
  }

  @Test
  void keepsModelsApart() {
    ObjectNode body = withCachedSystem("shared prompt", "5m");
    cache.account("model-a", InputTokenCounter.count(body));

    assertThat(cache.account("model-b", InputTokenCounter.count(body)).cacheReadTokens()).isZero();
  }

  private PromptUsage account(ObjectNode body) {
    return cache.account("anthropic.claude-haiku-4-5-20251001-v1:0", InputTokenCounter.count(body));
  }

  private static ObjectNode withCachedSystem(String text, String ttl) {
    ObjectNode body = Bodies.invoke("question");
    ((ObjectNode) body.withArray("messages").get(0)).putArray("content").addObject().put("type", "text").put("text",
        "question");
    ArrayNode system = body.putArray("system");
    system.addObject().put("type", "text").put("text", text).putObject("cache_control").put("type", "ephemeral")
        .put("ttl", ttl);
    return body;
  }

  private static void markLastBlock(ObjectNode body) {
    ((ObjectNode) body.withArray("messages").get(0).path("content").get(0)).putObject("cache_control").put("type",
        "ephemeral");
  }
}
