package dev.claudebedrock.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WorkloadTest {
  @Test
  void smallStreamsHaveFiveEventsBesideTheDeltas() {
    Workload workload = new Workload(BodyKind.SMALL, true, 50);
    assertThat(workload.expectedEvents()).hasValue(55);
    assertThat(new Workload(BodyKind.CLAUDE_CODE, true, 50).expectedEvents()).isEmpty();
  }

  @Test
  void eachDeltaIsDueOneTokenAfterThePrevious() {
    Workload workload = new Workload(BodyKind.SMALL, true, 3);
    // message_start, content_block_start, 3 deltas, content_block_stop, message_delta, message_stop
    assertThat(java.util.stream.IntStream.range(0, 8).map(workload::tokensThrough).toArray())
        .containsExactly(0, 0, 1, 2, 3, 3, 3, 3);
  }

  @Test
  void anOpenAiStreamHasARoleChunkBeforeAndAFinishChunkAndDoneAfterTheDeltas() {
    Workload workload = new Workload(BodyKind.SMALL, true, 3);
    assertThat(workload.expectedEvents(Api.OPENAI)).hasValue(6);
    // role, 3 content chunks, finish_reason, [DONE]
    assertThat(java.util.stream.IntStream.range(0, 6).map(i -> workload.tokensThrough(Api.OPENAI, i)).toArray())
        .containsExactly(0, 1, 2, 3, 3, 3);
  }

  @Test
  void refusesReplyTokensOutOfRange() {
    assertThatThrownBy(() -> new Workload(BodyKind.SMALL, false, 0)).hasMessageContaining("reply tokens 0");
  }
}
