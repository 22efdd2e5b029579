package dev.claudebedrock.proxy.gateway.cache;

import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.EventSink;
import dev.claudebedrock.proxy.core.EventSource;
import dev.claudebedrock.proxy.core.StreamEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Passes a live stream on unchanged while keeping a copy of its events; a stream that ends
 * normally and stays within the size bound is handed to {@code onComplete} for caching.
 */
final class RecordingEventSource implements EventSource {
  private final EventSource live;
  private final int maxBytes;
  private final Consumer<List<StreamEvent>> onComplete;
  private final List<StreamEvent> events = new ArrayList<>();
  private int bytes;
  private boolean tooBig;

  RecordingEventSource(EventSource live, int maxBytes, Consumer<List<StreamEvent>> onComplete) {
    this.live = live;
    this.maxBytes = maxBytes;
    this.onComplete = onComplete;
  }

  @Override
  public void start(EventSink sink) {
    live.start(new EventSink() {
      @Override
      public void onEvent(StreamEvent event) {
        if (!tooBig) {
          bytes += event.json().length() + event.type().length();
          if (bytes > maxBytes) {
            tooBig = true;
            events.clear();
          } else if (!event.type().equals("ping")) {
            events.add(event);
          }
        }
        sink.onEvent(event);
      }

      @Override
      public void onEnd() {
        if (!tooBig) {
          onComplete.accept(List.copyOf(events));
        }
        sink.onEnd();
      }

      @Override
      public void onError(ApiError error) {
        sink.onError(error);
      }
    });
  }

  @Override
  public void pause() {
    live.pause();
  }

  @Override
  public void resume() {
    live.resume();
  }

  @Override
  public void cancel() {
    live.cancel();
  }
}
