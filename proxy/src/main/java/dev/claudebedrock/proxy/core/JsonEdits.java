package dev.claudebedrock.proxy.core;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Edits to a JSON document's bytes (members removed, values replaced, text inserted) applied in one copy into an
 * array of the result's exact size, read from wherever the document lies (one array or the chunks it arrived in):
 * every byte no edit covers (key order, spacing, number spelling, escapes, unknown
 * fields) stays as it came. Positions are relative to the document's start; edits must not overlap.
 */
public final class JsonEdits {
  private static final byte[] NOTHING = {};

  private final JsonBytes json;
  private final List<Edit> edits = new ArrayList<>();
  private final List<JsonMember> removed = new ArrayList<>();

  public JsonEdits(JsonBytes json) {
    this.json = json;
  }

  /** Removes the bytes from {@code start} to {@code end}. */
  public JsonEdits remove(int start, int end) {
    return replace(start, end, NOTHING);
  }

  /** Replaces the bytes from {@code start} to {@code end} with {@code bytes}. */
  public JsonEdits replace(int start, int end, byte[] bytes) {
    if (start < 0 || end < start || end > json.length()) {
      throw new IllegalArgumentException("edit " + start + ".." + end + " outside 0.." + json.length());
    }
    edits.add(new Edit(start, end, bytes));
    return this;
  }

  /** Inserts {@code bytes} at {@code position} (after any edit inserted there before). */
  public JsonEdits insert(int position, byte[] bytes) {
    return replace(position, position, bytes);
  }

  /** Replaces a member's value with the JSON text {@code value}. */
  public JsonEdits replaceValue(JsonMember member, byte[] value) {
    return replace(member.valueStart(), member.valueEnd(), value);
  }

  /** Removes a member with its separator, so that what is left of its object stays valid JSON. */
  public JsonEdits removeMember(JsonMember member) {
    removed.add(member);
    return this;
  }

  /** Removes each member (see {@link #removeMember}). */
  public JsonEdits removeMembers(Collection<JsonMember> members) {
    removed.addAll(members);
    return this;
  }

  /** The edited document. */
  public byte[] apply() {
    List<Edit> all = new ArrayList<>(edits);
    all.addAll(memberRemovals());
    all.sort(Comparator.comparingInt(Edit::start)); // stable: inserts at one position keep their order
    int size = json.length();
    int previousEnd = 0;
    for (Edit edit : all) {
      if (edit.start() < previousEnd) {
        throw new IllegalStateException("overlapping JSON edits at " + edit.start());
      }
      previousEnd = edit.end();
      size += edit.bytes().length - (edit.end() - edit.start());
    }
    byte[] out = new byte[size];
    int from = 0;
    int to = 0;
    for (Edit edit : all) {
      int kept = edit.start() - from;
      json.copy(from, out, to, kept);
      to += kept;
      System.arraycopy(edit.bytes(), 0, out, to, edit.bytes().length);
      to += edit.bytes().length;
      from = edit.end();
    }
    json.copy(from, out, to, json.length() - from);
    return out;
  }

  /**
   * The byte ranges of the removed members. A member after one that stays takes the comma before it along; one with
   * only removed members before it takes the comma after it instead (or nothing, when it was the last).
   */
  private List<Edit> memberRemovals() {
    List<JsonMember> members = new ArrayList<>(removed);
    members.sort(Comparator.comparingInt(JsonMember::object).thenComparingInt(JsonMember::index));
    List<Edit> ranges = new ArrayList<>(members.size());
    int object = -1;
    int leading = 0; // how many members from the object's first on are removed
    int lastIndex = -1;
    for (JsonMember member : members) {
      if (member.object() != object) {
        object = member.object();
        leading = 0;
        lastIndex = -1;
      }
      if (member.index() == lastIndex) {
        continue; // removed twice
      }
      lastIndex = member.index();
      if (member.index() == leading) {
        leading++;
        int end = member.nextKeyStart() < 0 ? member.valueEnd() : member.nextKeyStart();
        ranges.add(new Edit(member.keyStart(), end, NOTHING));
      } else {
        ranges.add(new Edit(member.prevEnd(), member.valueEnd(), NOTHING));
      }
    }
    return ranges;
  }

  /** {@code value} as a JSON string, quoted and escaped. */
  public static byte[] quoted(String value) {
    byte[] escaped = JsonStringEncoder.getInstance().quoteAsUTF8(value);
    byte[] quoted = new byte[escaped.length + 2];
    quoted[0] = '"';
    System.arraycopy(escaped, 0, quoted, 1, escaped.length);
    quoted[quoted.length - 1] = '"';
    return quoted;
  }

  private record Edit(int start, int end, byte[] bytes) {}
}
