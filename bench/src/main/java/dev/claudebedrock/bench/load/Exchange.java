package dev.claudebedrock.bench.load;

import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import java.util.OptionalInt;

/** One request and its response, on one event loop: records exactly one outcome in the recording. */
final class Exchange {
  private static final int ERROR_BODY_CHARS = 200;

  private final Api api;
  private final long intendedNanos;
  private final Recording recording;
  private final Promise<Void> done;
  private int events;
  private boolean streamOpen;
  private boolean finished;

  Exchange(Api api, long intendedNanos, Recording recording, Promise<Void> done) {
    this.api = api;
    this.intendedNanos = intendedNanos;
    this.recording = recording;
    this.done = done;
  }

  void start(HttpClient http, RequestOptions options, Buffer body) {
    http.request(options)
        .compose(request -> request.send(body))
        .onComplete(answer -> {
          if (answer.failed()) {
            fail(describe(answer.cause()));
          } else if (answer.result().statusCode() / 100 != 2) {
            HttpClientResponse response = answer.result();
            if (response.statusCode() == 529) {
              recording.refused(intendedNanos, System.nanoTime());
            }
            response.body().onComplete(text -> fail("HTTP " + response.statusCode()
                + (text.succeeded() ? ": " + abbreviate(text.result().toString()) : "")));
          } else if (recording.workload().stream()) {
            readStream(answer.result());
          } else {
            answer.result().body().onComplete(read -> {
              if (read.succeeded()) {
                succeed();
              } else {
                fail(describe(read.cause()));
              }
            });
          }
        });
  }

  private void readStream(HttpClientResponse response) {
    EventCounter counter = api.eventCounter();
    streamOpen = true;
    recording.streamOpened();
    response.exceptionHandler(e -> fail(describe(e)));
    response.handler(piece -> {
      long now = System.nanoTime();
      try {
        int completedEvents = counter.feed(piece);
        for (int i = 0; i < completedEvents; i++) {
          recording.event(api, intendedNanos, events++, now);
        }
      } catch (IllegalStateException malformed) {
        fail(malformed.getMessage());
        response.request().reset();
      }
    });
    response.endHandler(v -> {
      OptionalInt expected = recording.workload().expectedEvents(api);
      if (expected.isPresent() && events != expected.getAsInt()) {
        fail("stream of " + events + " events instead of " + expected.getAsInt());
      } else if (events == 0) {
        fail("stream without events");
      } else {
        succeed();
      }
    });
  }

  private void succeed() {
    if (!finished) {
      finished = true;
      closeStream();
      recording.completed(intendedNanos, System.nanoTime());
      done.complete();
    }
  }

  private void fail(String reason) {
    if (!finished) {
      finished = true;
      closeStream();
      recording.failed(reason);
      done.complete();
    }
  }

  private void closeStream() {
    if (streamOpen) {
      streamOpen = false;
      recording.streamClosed();
    }
  }

  private static String describe(Throwable failure) {
    return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
  }

  private static String abbreviate(String text) {
    return text.length() <= ERROR_BODY_CHARS ? text : text.substring(0, ERROR_BODY_CHARS) + "…";
  }
}
