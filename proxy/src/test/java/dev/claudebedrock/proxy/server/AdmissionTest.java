package dev.claudebedrock.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How {@link Admission} hands out places: work conserving, fair between keys once requests wait, bounded. */
class AdmissionTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close();
  }

  @Test
  void aKeyMayUseEveryFreePlaceButAFreedPlaceGoesFirstToAKeyBelowItsShare() throws Exception {
    Admission admission = new Admission(2, 50, 10, Duration.ofSeconds(30), 100, Duration.ofSeconds(1), 1 << 20);
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
    Admission admission = new Admission(1, 100, 1, Duration.ofMillis(200), 100, Duration.ofSeconds(1), 1 << 20);
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
    Admission admission = new Admission(1, 100, 5, Duration.ofSeconds(30), 100, Duration.ofSeconds(1), 1 << 20);
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
    Admission admission = new Admission(1, 100, 0, Duration.ofSeconds(1), 100, Duration.ofSeconds(1), 100);
    assertThat(admission.reserveBody(60)).isTrue();
    assertThat(admission.reserveBody(60)).isFalse();
    assertThat(admission.bodyBytes()).isEqualTo(60);
    admission.releaseBody(60);
    assertThat(admission.reserveBody(100)).isTrue();
  }

  /** Runs on an event loop, as the stage does, and waits for it. */
  private Admission.Permit onLoop(java.util.function.Supplier<Admission.Permit> action) throws Exception {
    CompletableFuture<Admission.Permit> result = new CompletableFuture<>();
    vertx.runOnContext(v -> result.complete(action.get()));
    return result.get(5, TimeUnit.SECONDS);
  }
}
