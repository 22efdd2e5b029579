package dev.claudebedrock.proxy.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches an alert's life as an operator would see it: its state in Prometheus (pending, firing,
 * gone), polled every 200 ms, and the notifications Alertmanager delivered to the webhook receiver.
 */
final class AlertWatch implements AutoCloseable {
  /** What happened to an alert, in order. */
  enum Step {
    PENDING,
    FIRING,
    DELIVERED,
    RESOLVED,
    RESOLVED_DELIVERED
  }

  /** One state Prometheus reported, or stopped reporting ({@code inactive}), for an alert with these labels. */
  record StateChange(Instant at, String alert, Map<String, String> labels, String state) {}

  private final MonitoringStack stack;
  private final WebhookReceiver receiver;
  private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "alert-watch");
    thread.setDaemon(true);
    return thread;
  });
  private final List<StateChange> changes = new ArrayList<>();
  private Map<Map<String, String>, String> current = new HashMap<>();

  AlertWatch(MonitoringStack stack, WebhookReceiver receiver) {
    this.stack = stack;
    this.receiver = receiver;
    poller.scheduleWithFixedDelay(this::poll, 0, 200, TimeUnit.MILLISECONDS);
  }

  private void poll() {
    Instant now = Instant.now();
    Map<Map<String, String>, String> seen = new HashMap<>();
    try {
      for (JsonNode alert : stack.alerts()) {
        Map<String, String> labels = new TreeMap<>();
        alert.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        seen.put(labels, alert.path("state").asText());
      }
    } catch (RuntimeException e) {
      return; // Prometheus busy for a moment: the next poll sees the state
    }
    synchronized (this) {
      seen.forEach((labels, state) -> {
        if (!state.equals(current.get(labels))) {
          changes.add(new StateChange(now, labels.get("alertname"), labels, state));
        }
      });
      current.forEach((labels, state) -> {
        if (!seen.containsKey(labels)) {
          changes.add(new StateChange(now, labels.get("alertname"), labels, "inactive"));
        }
      });
      current = seen;
    }
  }

  /** Every state change seen so far. */
  synchronized List<StateChange> changes() {
    return List.copyOf(changes);
  }

  /** Whether Prometheus holds the alert (pending or firing) now, for labels that include {@code match}. */
  synchronized boolean active(String alert, Map<String, String> match) {
    return current.keySet().stream()
        .anyMatch(labels -> alert.equals(labels.get("alertname")) && includes(labels, match));
  }

  /** When {@code step} first happened after {@code since}, for the alert with labels including {@code match}. */
  Optional<Instant> when(Step step, String alert, Map<String, String> match, Instant since) {
    return switch (step) {
      case PENDING -> firstState(alert, match, since, "pending");
      case FIRING -> firstState(alert, match, since, "firing");
      case RESOLVED -> firstState(alert, match, since, "inactive");
      case DELIVERED -> firstNotification(alert, match, since, "firing");
      case RESOLVED_DELIVERED -> firstNotification(alert, match, since, "resolved");
    };
  }

  /** The receiver the first notification of that status went to. */
  Optional<String> receiverOf(String alert, Map<String, String> match, Instant since, String status) {
    return receiver.notifications().stream().filter(n -> !n.received().isBefore(since))
        .filter(n -> n.alerts().stream().anyMatch(a -> a.name().equals(alert) && a.status().equals(status)
            && includes(a.labels(), match)))
        .map(WebhookReceiver.Notification::receiver).findFirst();
  }

  /** Waits until {@code step} happened after {@code since}, doing {@code meanwhile} between looks (e.g. traffic). */
  Instant await(Step step, String alert, Map<String, String> match, Instant since, Duration timeout,
      Runnable meanwhile) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<Instant> at = when(step, alert, match, since);
      if (at.isPresent()) {
        return at.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(alert + " " + match + ": no " + step + " within " + timeout + " after " + since
            + "\nstate changes: " + changes() + "\nnotifications: " + receiver.notifications() + "\n" + stack.logs());
      }
      meanwhile.run();
      MonitoringStack.sleep(Duration.ofMillis(100));
    }
  }

  /** As {@link #await}, with nothing to do in between. */
  Instant await(Step step, String alert, Map<String, String> match, Instant since, Duration timeout) {
    return await(step, alert, match, since, timeout, () -> {});
  }

  private synchronized Optional<Instant> firstState(String alert, Map<String, String> match, Instant since,
      String state) {
    return changes.stream().filter(c -> !c.at().isBefore(since) && c.alert().equals(alert) && c.state().equals(state)
        && includes(c.labels(), match)).map(StateChange::at).findFirst();
  }

  private Optional<Instant> firstNotification(String alert, Map<String, String> match, Instant since, String status) {
    return receiver.notifications().stream().filter(n -> !n.received().isBefore(since))
        .filter(n -> n.alerts().stream().anyMatch(a -> a.name().equals(alert) && a.status().equals(status)
            && includes(a.labels(), match)))
        .map(WebhookReceiver.Notification::received).findFirst();
  }

  private static boolean includes(Map<String, String> labels, Map<String, String> match) {
    return match.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
