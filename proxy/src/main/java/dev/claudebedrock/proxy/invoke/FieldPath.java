package dev.claudebedrock.proxy.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A field to remove from a request body, written like {@code context_management},
 * {@code messages[].output_config} or {@code messages[].content[].cache_control.scope}:
 * {@code []} walks every element of an array (on the last step it names the whole field).
 */
public final class FieldPath {
  private final String text;
  private final List<Step> steps;

  private FieldPath(String text, List<Step> steps) {
    this.text = text;
    this.steps = steps;
  }

  /** Parses a path (validated by the configuration already). */
  public static FieldPath parse(String text) {
    List<Step> steps = java.util.Arrays.stream(text.split("\\."))
        .map(part -> part.endsWith("[]")
            ? new Step(part.substring(0, part.length() - 2), true)
            : new Step(part, false))
        .toList();
    return new FieldPath(text, steps);
  }

  /** Removes the field wherever the path reaches it; returns whether anything was removed. */
  public boolean removeFrom(JsonNode root) {
    return remove(root, 0);
  }

  private boolean remove(JsonNode node, int index) {
    if (!(node instanceof ObjectNode object)) {
      return false;
    }
    Step step = steps.get(index);
    if (index == steps.size() - 1) {
      return object.remove(step.name()) != null;
    }
    JsonNode child = object.get(step.name());
    if (child == null) {
      return false;
    }
    if (!step.each()) {
      return remove(child, index + 1);
    }
    boolean removed = false;
    if (child.isArray()) {
      for (JsonNode element : child) {
        removed |= remove(element, index + 1);
      }
    }
    return removed;
  }

  /** How many steps the path has. */
  int size() {
    return steps.size();
  }

  /** The field name of step {@code index}. */
  String name(int index) {
    return steps.get(index).name();
  }

  /** Whether step {@code index} walks every element of an array. */
  boolean each(int index) {
    return steps.get(index).each();
  }

  @Override
  public String toString() {
    return text;
  }

  private record Step(String name, boolean each) {}
}
