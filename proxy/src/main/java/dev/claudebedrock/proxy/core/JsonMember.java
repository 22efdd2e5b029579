package dev.claudebedrock.proxy.core;

/**
 * Where one member of a JSON object lies in the document's bytes (positions relative to its start), as
 * {@link JsonScan} found it: enough to remove it with its separator or replace its value without touching any other
 * byte.
 *
 * @param object which object holds it (numbered in the order the scan entered them; the top level is 0)
 * @param index its place among that object's members
 * @param prevEnd just after what precedes it: the previous member's value, or the object's opening brace
 * @param keyStart the opening quote of its name
 * @param valueStart the first byte of its value
 * @param valueEnd just after its value
 * @param nextKeyStart the opening quote of the next member's name, -1 for the last member
 */
public record JsonMember(int object, int index, int prevEnd, int keyStart, int valueStart, int valueEnd,
    int nextKeyStart) {
  /** Whether this member lies inside {@code other}'s value. */
  public boolean inside(JsonMember other) {
    return keyStart >= other.valueStart && valueEnd <= other.valueEnd;
  }
}
