package dev.claudebedrock.proxy.invoke;

import dev.claudebedrock.proxy.core.JsonScan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link FieldPath}s of the policy as a tree of field names, for {@link JsonScan}: at the top level every member
 * is reported (the rewrite edits several of them), below it only the members a path ends at, and only the values a
 * path goes through are walked into. The ids of the paths ending at a member say which paths found it.
 */
final class PathSelector implements JsonScan.Selector {
  private final boolean topLevel;
  private final Map<String, List<Integer>> ends = new HashMap<>();
  private final Map<String, PathSelector> objects = new HashMap<>();
  private final Map<String, PathSelector> arrays = new HashMap<>();

  private PathSelector(boolean topLevel) {
    this.topLevel = topLevel;
  }

  /** The selector of a list of paths; a path's id is its index in the list. */
  static PathSelector of(List<FieldPath> paths) {
    PathSelector root = new PathSelector(true);
    for (int id = 0; id < paths.size(); id++) {
      FieldPath path = paths.get(id);
      PathSelector node = root;
      int last = path.size() - 1;
      for (int step = 0; step < last; step++) {
        node = (path.each(step) ? node.arrays : node.objects)
            .computeIfAbsent(path.name(step), name -> new PathSelector(false));
      }
      node.ends.computeIfAbsent(path.name(last), name -> new ArrayList<>()).add(id);
    }
    return root;
  }

  /** The ids of the paths that end at the member {@code name} of an object this selector applies to. */
  List<Integer> pathsEndingAt(String name) {
    return ends.getOrDefault(name, List.of());
  }

  @Override
  public boolean reports(String name) {
    return topLevel || ends.containsKey(name);
  }

  @Override
  public JsonScan.Selector intoObject(String name) {
    return objects.get(name);
  }

  @Override
  public JsonScan.Selector intoArray(String name) {
    return arrays.get(name);
  }
}
