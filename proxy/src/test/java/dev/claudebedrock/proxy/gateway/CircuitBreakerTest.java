package dev.claudebedrock.proxy.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.proxy.config.CircuitBreakerConfig;
import dev.claudebedrock.proxy.config.Switch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
  private static final long SECOND = 1_000_000_000L;
  private final CircuitBreaker breaker = new CircuitBreaker("t",
      config(Switch.ALWAYS, 3, 10), true);

  @Test
  void opensAfterConsecutiveFailuresAndTurnsRequestsAway() {
    long now = 100 * SECOND;
    breaker.onFailure(now);
    breaker.onFailure(now);
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    breaker.onFailure(now);
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(breaker.tryAcquire(now + SECOND)).isFalse();
    assertThat(breaker.available(now + SECOND)).isFalse();
  }

  @Test
  void aSuccessResetsTheCountOfFailuresInARow() {
    long now = 100 * SECOND;
    breaker.onFailure(now);
    breaker.onFailure(now);
    breaker.onSuccess(now);
    breaker.onFailure(now);
    breaker.onFailure(now);
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void opensOnAFailureRateOverTheWindow() {
    CircuitBreaker byRate = new CircuitBreaker("t", config(Switch.ALWAYS, 100, 10), true);
    long now = 100 * SECOND;
    for (int i = 0; i < 10; i++) {
      byRate.onSuccess(now);
    }
    for (int i = 0; i < 9; i++) {
      byRate.onFailure(now + SECOND);
    }
    assertThat(byRate.state()).as("9 failures in 19 calls: under 50 %").isEqualTo(CircuitBreaker.State.CLOSED);
    byRate.onFailure(now + SECOND);
    assertThat(byRate.state()).as("10 failures in 20 calls: 50 %").isEqualTo(CircuitBreaker.State.OPEN);
  }

  @Test
  void waitsForEnoughCallsBeforeJudgingTheRate() {
    CircuitBreaker byRate = new CircuitBreaker("t", config(Switch.ALWAYS, 100, 10), true);
    byRate.onSuccess(0);
    for (int i = 0; i < 8; i++) {
      byRate.onFailure(0);
    }
    assertThat(byRate.state()).as("9 calls are fewer than the minimum of 10").isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void forgetsCallsOlderThanTheWindow() {
    for (int i = 0; i < 20; i++) {
      breaker.onFailure(i * SECOND);
      breaker.onSuccess(i * SECOND);
    }
    for (int i = 0; i < 10; i++) {
      breaker.onSuccess(100 * SECOND);
    }
    breaker.onFailure(100 * SECOND);
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void letsOneProbeThroughAfterTheOpenPeriodAndClosesOnItsSuccess() {
    long now = 100 * SECOND;
    for (int i = 0; i < 3; i++) {
      breaker.onFailure(now);
    }
    long later = now + 5 * SECOND;
    assertThat(breaker.available(later)).isTrue();
    assertThat(breaker.tryAcquire(later)).isTrue();
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    assertThat(breaker.tryAcquire(later)).as("one probe at a time").isFalse();
    breaker.onSuccess(later);
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(breaker.tryAcquire(later)).isTrue();
  }

  @Test
  void opensAgainWhenTheProbeFails() {
    long now = 100 * SECOND;
    for (int i = 0; i < 3; i++) {
      breaker.onFailure(now);
    }
    assertThat(breaker.tryAcquire(now + 5 * SECOND)).isTrue();
    breaker.onFailure(now + 5 * SECOND);
    assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(breaker.tryAcquire(now + 6 * SECOND)).isFalse();
  }

  @Test
  void freesTheProbeSlotWhenTheProbeTellsNothing() {
    long now = 100 * SECOND;
    for (int i = 0; i < 3; i++) {
      breaker.onFailure(now);
    }
    assertThat(breaker.tryAcquire(now + 5 * SECOND)).isTrue();
    breaker.onNeutral();
    assertThat(breaker.tryAcquire(now + 5 * SECOND)).isTrue();
  }

  @Test
  void neverOpensWhenSwitchedOff() {
    CircuitBreaker off = new CircuitBreaker("t", config(Switch.AUTO, 1, 1), false);
    off.onFailure(0);
    off.onFailure(0);
    assertThat(off.tryAcquire(0)).isTrue();
    assertThat(off.state()).as("what gateway_circuit_state reports").isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void tellsEveryChangeOfStateWithItsReason() {
    List<String> heard = new ArrayList<>();
    CircuitBreaker watched = new CircuitBreaker("eu", config(Switch.ALWAYS, 3, 10), true,
        (target, from, to, why) -> heard.add(target + " " + from.label() + " -> " + to.label() + ": " + why));
    long now = 100 * SECOND;
    assertThat(watched.onFailure(now)).isNull();
    assertThat(watched.onFailure(now)).isNull();
    assertThat(watched.onFailure(now)).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(watched.onFailure(now)).as("failing again while open changes nothing").isNull();
    assertThat(watched.tryAcquire(now + 6 * SECOND)).isTrue();
    assertThat(watched.onFailure(now + 6 * SECOND)).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(watched.tryAcquire(now + 12 * SECOND)).isTrue();
    assertThat(watched.onSuccess(now + 12 * SECOND)).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(watched.onSuccess(now + 12 * SECOND)).isNull();

    assertThat(heard).containsExactly(
        "eu closed -> open: 3 failures in a row",
        "eu open -> half_open: open for 5 s: one probe goes through",
        "eu half_open -> open: the probe failed",
        "eu open -> half_open: open for 5 s: one probe goes through",
        "eu half_open -> closed: the probe succeeded");
  }

  @Test
  void aSuccessWhileOpenClosesTheCircuit() {
    List<String> heard = new ArrayList<>();
    CircuitBreaker watched = new CircuitBreaker("eu", config(Switch.ALWAYS, 1, 10), true,
        (target, from, to, why) -> heard.add(from.label() + " -> " + to.label() + ": " + why));
    watched.onFailure(0);
    assertThat(watched.onSuccess(SECOND)).as("a request sent in panic answered").isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(heard).containsExactly("closed -> open: 1 failure",
        "open -> closed: a request sent while every target's circuit was open succeeded");
  }

  @Test
  void namesTheFailureRateThatOpenedIt() {
    List<String> heard = new ArrayList<>();
    CircuitBreaker byRate = new CircuitBreaker("t", config(Switch.ALWAYS, 100, 10), true,
        (target, from, to, why) -> heard.add(why));
    for (int i = 0; i < 5; i++) {
      byRate.onSuccess(0);
      byRate.onFailure(0);
    }
    assertThat(heard).containsExactly("5 failures in 10 calls over 10 s");
  }

  /** A 50 % failure rate over 10 s, open for 5 s. */
  private static CircuitBreakerConfig config(Switch enabled, int consecutiveFailures, int minimumCalls) {
    return new CircuitBreakerConfig(enabled, consecutiveFailures, 50, Duration.ofSeconds(10), minimumCalls,
        Duration.ofSeconds(5), true);
  }
}
