package dev.claudebedrock.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.VertxException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.StreamResetException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class UnhandledExceptionsTest {

  @Test
  void streamResetsAndClosedConnectionsArePeersDoingNotErrors() {
    assertThat(UnhandledExceptions.isPeersDoing(new StreamResetException(0))).isTrue();
    assertThat(UnhandledExceptions.isPeersDoing(new StreamResetException(8))).isTrue();
    assertThat(UnhandledExceptions.isPeersDoing(new HttpClosedException("closed"))).isTrue();
    assertThat(UnhandledExceptions.isPeersDoing(new IOException("Connection reset by peer"))).isTrue();
    assertThat(UnhandledExceptions.isPeersDoing(new VertxException("Connection was closed", true))).isTrue();
  }

  @Test
  void anythingElseIsAFaultOfTheGateway() {
    assertThat(UnhandledExceptions.isPeersDoing(new IllegalStateException("Response has already been written")))
        .isFalse();
    assertThat(UnhandledExceptions.isPeersDoing(new NullPointerException())).isFalse();
    assertThat(UnhandledExceptions.isPeersDoing(new VertxException("something else", true))).isFalse();
  }
}
