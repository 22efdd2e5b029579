package dev.claudebedrock.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.proxy.config.AdmissionConfig;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How {@link Admission} hands out places: work conserving, fair between keys once requests wait, a cap per key,
 * bounded.
 */
class AdmissionTest {
  /** A per-key cap no test below reaches. */
  private static final int NO_CAP = 1_000;
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close();
  }

  @Test
  void aKeyMayUseEveryFreePlaceButAFreedPlaceGoesFirstToAKeyBelowItsShare() throws Exception {
    Admission admission = admission(2, NO_CAP, 50, 10, Duration.ofSeconds(30), 100, 1 << 20);
    Admission.Permit a1 = onLoop(() -> admission.acquire(vertx, "a"));
    Admission.Permit a2 = onLoop(() -> admission.acquire(vertx, "a"));
    assertThat(a1.granted().succeeded()).isTrue();
    assertThat(a2.granted().succeeded()).isTrue();
    Admission.Permit a3 = onLoop(() -> admission.acquire(vertx, "a"));
    Admission.Permit b1 = onLoop(() -> admission.acquire(vertx, "b"));
    assertThat(admission.waiting()).isEqualTo(2);

    a1.release();
    b1.granted().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(a3.granted().isComplete()).as("a, still at its share, waits behind b").isFalse();

    a2.release();
    a3.granted().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(admission.inFlight()).isEqualTo(2);
    assertThat(admission.waiting()).isZero();
  }

  @Test
  void aFullQueueRefusesAtOnceAndAWaitEndsAtTheDeadline() throws Exception {
    Admission admission = admission(1, NO_CAP, 100, 1, Duration.ofMillis(200), 100, 1 << 20);
    onLoop(() -> admission.acquire(vertx, "a"));
    Admission.Permit waiting = onLoop(() -> admission.acquire(vertx, "a"));
    Admission.Permit beyond = onLoop(() -> admission.acquire(vertx, "a"));
    assertThat(beyond.granted().cause()).isInstanceOfSatisfying(Admission.Refused.class,
        r -> assertThat(r.reason()).isEqualTo(Admission.Shed.QUEUE_FULL));
    Throwable timedOut = waiting.granted().toCompletionStage().toCompletableFuture()
        .handle((v, e) -> e).get(5, TimeUnit.SECONDS);
    assertThat(timedOut).isInstanceOfSatisfying(Admission.Refused.class,
        r -> assertThat(r.reason()).isEqualTo(Admission.Shed.QUEUE_TIMEOUT));
    assertThat(admission.waiting()).isZero();
    assertThat(admission.saturation()).contains("1 of 1 requests in flight");
  }

  @Test
  void aReleasedPlaceIsGivenBackOnceAndAnAbandonedWaitLeavesTheQueue() throws Exception {
    Admission admission = admission(1, NO_CAP, 100, 5, Duration.ofSeconds(30), 100, 1 << 20);
    Admission.Permit held = onLoop(() -> admission.acquire(vertx, "a"));
    Admission.Permit waiting = onLoop(() -> admission.acquire(vertx, "b"));
    waiting.release();
    assertThat(admission.waiting()).isZero();
    held.release();
    held.release();
    assertThat(admission.inFlight()).isZero();
    assertThat(admission.saturation()).isEmpty();
  }

  @Test
  void bodyBytesAreTakenWhileTheyFitAndGivenBack() {
    Admission admission = admission(1, NO_CAP, 100, 0, Duration.ofSeconds(1), 100, 100);
    assertThat(admission.reserveBody(60)).isTrue();
    assertThat(admission.reserveBody(60)).isFalse();
    assertThat(admission.bodyBytes()).isEqualTo(60);
    admission.releaseBody(60);
    assertThat(admission.reserveBody(100)).isTrue();
  }

  @Test
  void aKeyAtItsCapIsRefusedAtOnceWhileAnotherKeyIsStillAdmitted() throws Exception {
    Admission admission = admission(4, 2, 100, 10, Duration.ofSeconds(30), 100, 1 << 20);
    Admission.Permit a1 = onLoop(() -> admission.acquire(vertx, "a"));
    Admission.Permit a2 = onLoop(() -> admission.acquire(vertx, "a"));
    Admission.Permit a3 = onLoop(() -> admission.acquire(vertx, "a"));
    assertThat(a3.granted().cause()).isInstanceOfSatisfying(Admission.Refused.class,
        r -> assertThat(r.reason()).isEqualTo(Admission.Shed.KEY_IN_FLIGHT));
    assertThat(onLoop(() -> admission.acquire(vertx, "b")).granted().succeeded()).isTrue();
    assertThat(admission.inFlight()).isEqualTo(3);
    assertThat(admission.refusal(Admission.Shed.KEY_IN_FLIGHT).status()).isEqualTo(429);
    a3.release();
    a1.release();
    assertThat(onLoop(() -> admission.acquire(vertx, "a")).granted().succeeded())
        .as("a place of its own given back makes room under the cap").isTrue();
    a2.release();
  }

  @Test
  void aKeysWaitingRequestsCountAgainstItsCapSoItCannotFillTheQueue() throws Exception {
    Admission admission = admission(1, 2, 100, 10, Duration.ofSeconds(30), 100, 1 << 20);
    Admission.Permit held = onLoop(() -> admission.acquire(vertx, "a"));
    Admission.Permit waiting = onLoop(() -> admission.acquire(vertx, "a"));
    Admission.Permit beyond = onLoop(() -> admission.acquire(vertx, "a"));
    assertThat(admission.waiting()).isEqualTo(1);
    assertThat(beyond.granted().cause()).isInstanceOfSatisfying(Admission.Refused.class,
        r -> assertThat(r.reason()).isEqualTo(Admission.Shed.KEY_IN_FLIGHT));
    Admission.Permit other = onLoop(() -> admission.acquire(vertx, "b"));
    assertThat(admission.waiting()).as("b still finds room in the queue").isEqualTo(2);
    held.release();
    waiting.granted().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    waiting.release();
    other.granted().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    other.release();
    assertThat(admission.inFlight()).isZero();
    assertThat(admission.keys()).as("no count is kept for a key with nothing in flight").isZero();
  }

  @Test
  void theDefaultCapIsHalfTheGatewayWithSeveralIdentitiesAndNoneWithASingleOne() throws Exception {
    AtomicBoolean several = new AtomicBoolean(true);
    Admission admission = new Admission(new AdmissionConfig(4, 0, 100, 10, Duration.ofSeconds(30),
        Duration.ofSeconds(1), 100, 1 << 20), several::get);
    for (int i = 0; i < 2; i++) {
      assertThat(onLoop(() -> admission.acquire(vertx, "token")).granted().succeeded()).isTrue();
    }
    assertThat(onLoop(() -> admission.acquire(vertx, "token")).granted().cause())
        .isInstanceOfSatisfying(Admission.Refused.class,
            r -> assertThat(r.reason()).isEqualTo(Admission.Shed.KEY_IN_FLIGHT));

    several.set(false);
    for (int i = 0; i < 2; i++) {
      assertThat(onLoop(() -> admission.acquire(vertx, "token")).granted().succeeded()).isTrue();
    }
    Admission.Permit queued = onLoop(() -> admission.acquire(vertx, "token"));
    assertThat(queued.granted().isComplete()).as("the only identity waits like any request, unrefused").isFalse();
    assertThat(admission.waiting()).isEqualTo(1);
    queued.release();
  }

  @Test
  void countsGoBackToZeroWhenWaitsTimeOutAreAbandonedOrEndInPlaces() throws Exception {
    Admission admission = admission(1, 3, 100, 10, Duration.ofMillis(200), 100, 1 << 20);
    Admission.Permit held = onLoop(() -> admission.acquire(vertx, "a"));
    Admission.Permit timesOut = onLoop(() -> admission.acquire(vertx, "a"));
    Admission.Permit abandoned = onLoop(() -> admission.acquire(vertx, "b"));
    abandoned.release();
    timesOut.granted().toCompletionStage().toCompletableFuture().handle((v, e) -> e).get(5, TimeUnit.SECONDS);
    held.release();
    held.release();
    assertThat(admission.inFlight()).isZero();
    assertThat(admission.waiting()).isZero();
    assertThat(admission.keys()).isZero();
  }

  private static Admission admission(int maxInFlight, int perKey, int sharePercent, int queueSize,
      Duration queueTimeout, int readyPercent, long bodyBytes) {
    return new Admission(new AdmissionConfig(maxInFlight, perKey, sharePercent, queueSize, queueTimeout,
        Duration.ofSeconds(1), readyPercent, bodyBytes), () -> true);
  }

  /** Runs on an event loop, as the stage does, and waits for it. */
  private Admission.Permit onLoop(java.util.function.Supplier<Admission.Permit> action) throws Exception {
    CompletableFuture<Admission.Permit> result = new CompletableFuture<>();
    vertx.runOnContext(v -> result.complete(action.get()));
    return result.get(5, TimeUnit.SECONDS);
  }
}
