package dev.claudebedrock.bench.load;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * What a leg (or several, merged) measured. Histograms are in microseconds and must not be modified.
 *
 * @param latency request intended start to the whole response (non-streaming) or its last byte (streaming)
 * @param firstEvent intended start to the first event of a stream
 * @param eventDelay each streamed event's arrival after the intended start, less the upstream's pacing
 * @param sent requests sent in the measured window
 * @param completed those answered in full with a 2xx status (and, for streams, every event)
 * @param errors those that failed: a non-2xx status, a reset, a short stream, or no answer in time
 * @param measuredSeconds from the start of the measured window to the last completion
 * @param peakOpenStreams most streams open at once
 * @param errorSamples the first few failures, described
 */
public record LoadResult(
    Histogram latency,
    Histogram firstEvent,
    Histogram eventDelay,
    long sent,
    long completed,
    long errors,
    double measuredSeconds,
    int peakOpenStreams,
    List<String> errorSamples) {

  public LoadResult {
    errorSamples = List.copyOf(errorSamples);
  }

  /** Completed requests per second. */
  public double completedPerSecond() {
    return measuredSeconds > 0 ? completed / measuredSeconds : 0;
  }

  /** The legs taken together: histograms added, counts and times summed, the peak of the peaks. */
  public static LoadResult merge(List<LoadResult> legs) {
    if (legs.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge");
    }
    Histogram latency = new Histogram(3);
    Histogram firstEvent = new Histogram(3);
    Histogram eventDelay = new Histogram(3);
    long sent = 0;
    long completed = 0;
    long errors = 0;
    double seconds = 0;
    int peak = 0;
    List<String> samples = new ArrayList<>();
    for (LoadResult leg : legs) {
      latency.add(leg.latency);
      firstEvent.add(leg.firstEvent);
      eventDelay.add(leg.eventDelay);
      sent += leg.sent;
      completed += leg.completed;
      errors += leg.errors;
      seconds += leg.measuredSeconds;
      peak = Math.max(peak, leg.peakOpenStreams);
      samples.addAll(leg.errorSamples);
    }
    return new LoadResult(latency, firstEvent, eventDelay, sent, completed, errors, seconds, peak,
        samples.subList(0, Math.min(samples.size(), 5)));
  }
}
