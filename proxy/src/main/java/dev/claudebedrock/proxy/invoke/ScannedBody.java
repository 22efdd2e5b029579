package dev.claudebedrock.proxy.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ErrorType;
import dev.claudebedrock.proxy.core.JsonBytes;
import dev.claudebedrock.proxy.core.JsonMember;
import dev.claudebedrock.proxy.core.JsonScan;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Messages body as one streaming pass found it: where each top-level member lies, and each member a policy path
 * ends at, with the id of that path. Small values the policy decides on are read from their own bytes.
 */
final class ScannedBody {
  final JsonBytes json;
  final Map<String, JsonMember> top = new HashMap<>();
  final List<Found> found = new ArrayList<>();
  final JsonScan.TopObject object;

  ScannedBody(JsonBytes json, PathSelector paths) {
    this.json = json;
    try {
      this.object = JsonScan.scan(json, paths, (where, name, member) -> {
        if (member.object() == 0) {
          top.put(name, member);
        }
        for (int path : ((PathSelector) where).pathsEndingAt(name)) {
          found.add(new Found(path, member));
        }
      });
    } catch (IOException e) {
      // The front door parsed the body as one JSON object before; bytes that are not one are the client's mistake.
      throw ApiError.of(ErrorType.INVALID_REQUEST, "The request body is not a valid JSON object").exception();
    }
  }

  /** The top-level member {@code name}, or null. */
  JsonMember top(String name) {
    return top.get(name);
  }

  /** A member's value parsed on its own. */
  JsonNode value(JsonMember member) {
    try {
      return json.tree(member.valueStart(), member.valueEnd());
    } catch (IOException e) {
      throw new IllegalStateException("a scanned value is valid JSON", e);
    }
  }

  /** A member a policy path ends at. */
  record Found(int path, JsonMember member) {}
}
