package dev.claudebedrock.proxy.gateway.cache;

import dev.claudebedrock.proxy.core.EventSink;
import dev.claudebedrock.proxy.core.EventSource;
import dev.claudebedrock.proxy.core.StreamEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.List;

/** Plays stored events back as a stream, as fast as the client reads them. */
final class ReplayEventSource implements EventSource {
  private final List<StreamEvent> events;
  private EventSink sink;
  private Context context;
  private int next;
  private boolean paused;
  private boolean cancelled;
  private boolean scheduled;

  ReplayEventSource(List<StreamEvent> events) {
    this.events = events;
  }

  @Override
  public void start(EventSink sink) {
    this.sink = sink;
    this.context = Vertx.currentContext();
    emit();
  }

  @Override
  public void pause() {
    paused = true;
  }

  @Override
  public void resume() {
    paused = false;
    if (!scheduled && !cancelled && next <= events.size()) {
      scheduled = true;
      context.runOnContext(v -> {
        scheduled = false;
        emit();
      });
    }
  }

  @Override
  public void cancel() {
    cancelled = true;
  }

  private void emit() {
    while (!paused && !cancelled && next < events.size()) {
      sink.onEvent(events.get(next++));
    }
    if (!paused && !cancelled && next == events.size()) {
      next++;
      sink.onEnd();
    }
  }
}
