package dev.claudebedrock.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestPathTest {
  private final List<String> trace = new ArrayList<>();
  private final Exchange exchange = new Exchange(null, "req_test", 0, "test", null, RequestListener.NONE);

  @Test
  void eachStageSeesTheRequestInOrderAndTheReplyInReverse() {
    RequestPath path = new RequestPath("test", null, List.of(tracing("outer"), tracing("inner"), answering(200)));

    Future<Reply> reply = path.run(exchange);

    assertThat(reply.result().status()).isEqualTo(200);
    assertThat(trace).containsExactly("outer in", "inner in", "answer", "inner out", "outer out");
  }

  @Test
  void aStageMayAnswerWithoutTheRest() {
    RequestPath path = new RequestPath("test", null, List.of(tracing("outer"),
        chain -> Future.succeededFuture(new Reply.Complete(401, null, Buffer.buffer())), answering(200)));

    assertThat(path.run(exchange).result().status()).isEqualTo(401);
    assertThat(trace).containsExactly("outer in", "outer out");
  }

  @Test
  void aStageMayRunTheRestAgain() {
    Interceptor retryOnce = chain -> chain.proceed().compose(first -> chain.proceed());
    RequestPath path = new RequestPath("test", null, List.of(retryOnce, answering(503)));

    assertThat(path.run(exchange).result().status()).isEqualTo(503);
    assertThat(trace).containsExactly("answer", "answer");
  }

  @Test
  void aStageThatThrowsFailsThePathInsteadOfTheEventLoop() {
    RequestPath path = new RequestPath("test", null, List.of(tracing("outer"), chain -> {
      throw new IllegalArgumentException("broken stage");
    }));

    Future<Reply> reply = path.run(exchange);

    assertThat(reply.failed()).isTrue();
    assertThat(reply.cause()).hasMessage("broken stage");
  }

  @Test
  void theLastStageMustAnswer() {
    RequestPath path = new RequestPath("misordered", null, List.of(Interceptor.Chain::proceed));

    assertThat(path.run(exchange).cause()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("the last stage of misordered called proceed()");
  }

  @Test
  void aPathNeedsAStage() {
    assertThatThrownBy(() -> new RequestPath("empty", null, List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  private Interceptor tracing(String name) {
    return chain -> {
      trace.add(name + " in");
      return chain.proceed().map(reply -> {
        trace.add(name + " out");
        return reply;
      });
    };
  }

  private Interceptor answering(int status) {
    return chain -> {
      trace.add("answer");
      return Future.succeededFuture(new Reply.Complete(status, null, Buffer.buffer()));
    };
  }
}
