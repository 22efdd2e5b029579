package dev.claudebedrock.sim.control;

import dev.claudebedrock.sim.Operation;
import dev.claudebedrock.sim.faults.Fault;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The live record of one request, updated by its event loop as the response progresses. */
public final class Recording {
  private final RequestRecorder recorder;
  private final long sequence;
  private final Instant arrivedAt;
  private final String requestId;
  private final String method;
  private final String rawPath;
  private final String rawQuery;
  private final Operation operation;
  private final String modelId;
  private final Map<String, List<String>> headers;
  private final byte[] body;
  private volatile int status;
  private volatile int eventsSent;
  private volatile boolean cancelled;
  private volatile boolean completed;
  private volatile Fault fault;

  Recording(RequestRecorder recorder, long sequence, Instant arrivedAt, String requestId, String method, String rawPath,
      String rawQuery, Operation operation, String modelId, Map<String, List<String>> headers, byte[] body) {
    this.recorder = recorder;
    this.sequence = sequence;
    this.arrivedAt = arrivedAt;
    this.requestId = requestId;
    this.method = method;
    this.rawPath = rawPath;
    this.rawQuery = rawQuery;
    this.operation = operation;
    this.modelId = modelId;
    this.headers = headers;
    this.body = body;
  }

  /** The response status went out. */
  public void status(int value) {
    status = value;
  }

  /** {@code count} events have been written. */
  public void eventsSent(int count) {
    eventsSent = count;
  }

  /** A scripted fault was applied. */
  public void fault(Fault value) {
    fault = value;
  }

  /** The response ended normally. */
  public void completed() {
    completed = true;
  }

  /** The client went away before the response ended. */
  public void cancelled() {
    cancelled = true;
    recorder.changed();
  }

  boolean isCancelled() { return cancelled; }

  RecordedRequest snapshot() {
    return new RecordedRequest(sequence, arrivedAt, requestId, method, rawPath, rawQuery, operation, modelId, headers,
        body, status, eventsSent, cancelled, completed, fault);
  }
}
