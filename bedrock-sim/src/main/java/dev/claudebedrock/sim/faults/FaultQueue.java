package dev.claudebedrock.sim.faults;

import dev.claudebedrock.sim.Operation;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Optional;

/**
 * Scripted faults waiting for requests. A request takes the first script (in the order scripted) that matches it
 * and applies to its operation; a script is removed once it has been taken {@code times} times.
 */
public final class FaultQueue {
  private final LinkedList<Pending> pending = new LinkedList<>();
  // Read without the lock so that a simulator with nothing scripted pays nothing per request.
  private volatile boolean empty = true;

  /** Appends scripts, in order. */
  public void script(FaultScript... scripts) {
    script(List.of(scripts));
  }

  /** Appends scripts, in order. */
  public synchronized void script(List<FaultScript> scripts) {
    for (FaultScript script : scripts) {
      pending.add(new Pending(script));
    }
    empty = pending.isEmpty();
  }

  /** Drops every pending script. */
  public synchronized void clear() {
    pending.clear();
    empty = true;
  }

  /** The scripts still pending, each with the number of times it has left. */
  public synchronized List<FaultScript> pending() {
    List<FaultScript> out = new ArrayList<>(pending.size());
    for (Pending p : pending) {
      out.add(p.script.times(p.remaining));
    }
    return out;
  }

  /** Whether any script is pending; a cheap check for callers that would otherwise prepare a {@link #take}. */
  public boolean hasPending() {
    return !empty;
  }

  /** Takes the fault for a request, if one is scripted for it. */
  public Optional<Fault> take(Operation operation, String modelId, String baseModelId) {
    if (empty) {
      return Optional.empty();
    }
    synchronized (this) {
      for (Iterator<Pending> it = pending.iterator(); it.hasNext();) {
        Pending p = it.next();
        FaultScript script = p.script;
        if (script.fault().appliesTo(operation) && script.match().matches(operation, modelId, baseModelId)) {
          if (--p.remaining == 0) {
            it.remove();
            empty = pending.isEmpty();
          }
          return Optional.of(script.fault());
        }
      }
      return Optional.empty();
    }
  }

  private static final class Pending {
    private final FaultScript script;
    private int remaining;

    private Pending(FaultScript script) {
      this.script = script;
      this.remaining = script.times();
    }
  }
}
