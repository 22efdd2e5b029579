package dev.claudebedrock.sim.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.sim.Operation;
import dev.claudebedrock.sim.errors.ErrorType;
import dev.claudebedrock.sim.errors.StreamExceptionType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which request takes which scripted fault. */
class FaultQueueTest {
  private final FaultQueue queue = new FaultQueue();

  @Test
  void appliesAScriptToTheNextTimesMatchingRequestsInOrder() {
    queue.script(FaultScript.httpError(ErrorType.THROTTLING).times(2), FaultScript.delay(Duration.ofMillis(5)));

    assertThat(take(Operation.INVOKE_MODEL)).containsInstanceOf(Fault.HttpError.class);
    assertThat(queue.pending()).extracting(FaultScript::times).containsExactly(1, 1);
    assertThat(take(Operation.COUNT_TOKENS)).containsInstanceOf(Fault.HttpError.class);
    assertThat(take(Operation.INVOKE_MODEL)).containsInstanceOf(Fault.Delay.class);
    assertThat(take(Operation.INVOKE_MODEL)).isEmpty();
    assertThat(queue.pending()).isEmpty();
  }

  @Test
  void letsNonMatchingRequestsPassWithoutConsumingAnything() {
    queue.script(
        FaultScript.httpError(ErrorType.INTERNAL_SERVER).onOperation(Operation.INVOKE_MODEL_WITH_RESPONSE_STREAM)
            .onModel("anthropic.claude-opus-5-5"));

    assertThat(take(Operation.INVOKE_MODEL)).isEmpty();
    assertThat(queue.take(Operation.INVOKE_MODEL_WITH_RESPONSE_STREAM, "us.anthropic.claude-sonnet-4-6",
        "anthropic.claude-sonnet-4-6")).isEmpty();
    assertThat(queue.take(Operation.INVOKE_MODEL_WITH_RESPONSE_STREAM, "us.anthropic.claude-opus-5-5",
        "anthropic.claude-opus-5-5"))
        .isPresent();
  }

  @Test
  void givesExceptionFramesOnlyToStreams() {
    queue.script(FaultScript.exceptionFrame(StreamExceptionType.THROTTLING, 1), FaultScript.dropConnection(0));

    assertThat(take(Operation.INVOKE_MODEL)).containsInstanceOf(Fault.DropConnection.class);
    assertThat(take(Operation.INVOKE_MODEL_WITH_RESPONSE_STREAM)).containsInstanceOf(Fault.ExceptionFrame.class);
  }

  @Test
  void clearsEverything() {
    queue.script(FaultScript.stallForever(0).times(5));
    queue.clear();

    assertThat(take(Operation.INVOKE_MODEL)).isEmpty();
  }

  private java.util.Optional<Fault> take(Operation operation) {
    return queue.take(operation, "anthropic.claude-haiku-4-5-20251001-v1:0",
        "anthropic.claude-haiku-4-5-20251001-v1:0");
  }
}
