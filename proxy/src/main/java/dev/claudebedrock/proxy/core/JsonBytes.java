package dev.claudebedrock.proxy.core;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A JSON document's bytes where they already are, so that parsing, scanning and splicing read a received body without
 * copying it first: a slice of one array, or the arrays a body arrived in, in order (a body received in several
 * chunks is never joined into one array on the request path).
 *
 * <p>Positions are relative to the document's start whatever its layout. {@link #parser()} and {@link #tree} read
 * the bytes in place; {@link #copy} gives them to a splice. {@link #array()} and {@link #offset()}
 * are for readers that need one array: a document in several arrays is copied into one the first time (and kept).
 */
public final class JsonBytes {
  private final int length;
  /** The arrays, their start in each and their lengths; one entry for a contiguous document. */
  private final byte[][] arrays;
  private final int[] offsets;
  /** Where each array's bytes start in the document; one more entry: the length. */
  private final int[] starts;
  private byte[] joined;

  /**
   * A slice of an array.
   *
   * @param array the array holding the bytes
   * @param offset where the document starts in it
   * @param length how many bytes it has
   */
  public JsonBytes(byte[] array, int offset, int length) {
    this(new byte[][] {array}, new int[] {offset}, new int[] {0, length});
  }

  private JsonBytes(byte[][] arrays, int[] offsets, int[] starts) {
    this.arrays = arrays;
    this.offsets = offsets;
    this.starts = starts;
    this.length = starts[starts.length - 1];
  }

  /** A whole array. */
  public static JsonBytes of(byte[] bytes) {
    return new JsonBytes(bytes, 0, bytes.length);
  }

  /**
   * The readable bytes of a buffer where they lie: its own array, or the arrays of the buffers it is made of (a
   * composite of the chunks a body arrived in); a copy only for bytes off the heap.
   */
  public static JsonBytes of(Buffer buffer) {
    ByteBuf bytes = ((BufferInternal) buffer).getByteBuf();
    if (bytes.hasArray()) {
      return new JsonBytes(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), bytes.readableBytes());
    }
    if (bytes.nioBufferCount() > 1) {
      ByteBuffer[] parts = bytes.nioBuffers();
      byte[][] arrays = new byte[parts.length][];
      int[] offsets = new int[parts.length];
      int[] starts = new int[parts.length + 1];
      int count = 0;
      for (ByteBuffer part : parts) {
        if (!part.hasArray()) {
          return of(buffer.getBytes());
        }
        if (part.remaining() > 0) {
          arrays[count] = part.array();
          offsets[count] = part.arrayOffset() + part.position();
          starts[count + 1] = starts[count] + part.remaining();
          count++;
        }
      }
      if (count > 0) {
        return new JsonBytes(Arrays.copyOf(arrays, count), Arrays.copyOf(offsets, count),
            Arrays.copyOf(starts, count + 1));
      }
    }
    return of(buffer.getBytes());
  }

  /** How many bytes the document has. */
  public int length() {
    return length;
  }

  /** Whether the document lies in one array ({@link #array()} is then its own, not a copy). */
  public boolean contiguous() {
    return arrays.length == 1;
  }

  /** The array holding the document: its own when contiguous, else a copy made once and kept. */
  public byte[] array() {
    if (contiguous()) {
      return arrays[0];
    }
    if (joined == null) {
      byte[] out = new byte[length];
      copy(0, out, 0, length);
      joined = out;
    }
    return joined;
  }

  /** Where the document starts in {@link #array()}. */
  public int offset() {
    return contiguous() ? offsets[0] : 0;
  }

  /** The byte at a position. */
  public byte at(int position) {
    if (contiguous()) {
      return arrays[0][offsets[0] + position];
    }
    int part = part(position);
    return arrays[part][offsets[part] + position - starts[part]];
  }

  /** Copies {@code count} bytes from {@code position} into {@code out} at {@code to}. */
  public void copy(int position, byte[] out, int to, int count) {
    check(position, count);
    int from = position;
    int left = count;
    for (int part = part(position); left > 0; part++) {
      int n = Math.min(left, starts[part + 1] - from);
      System.arraycopy(arrays[part], offsets[part] + from - starts[part], out, to, n);
      from += n;
      to += n;
      left -= n;
    }
  }

  /** A streaming parser over the whole document, reading it in place (byte offsets relative to its start). */
  public JsonParser parser() throws IOException {
    return parser(0, length);
  }

  /** A streaming parser over the bytes from {@code start} to {@code end}. */
  public JsonParser parser(int start, int end) throws IOException {
    check(start, end - start);
    int part = part(start);
    if (contiguous() || end <= starts[part + 1]) {
      return Json.MAPPER.getFactory().createParser(arrays[part], offsets[part] + start - starts[part], end - start);
    }
    return Json.MAPPER.getFactory().createParser(new Stream(start, end));
  }

  /** The bytes from {@code start} to {@code end} read as a tree, as {@code ObjectMapper.readTree} reads them. */
  public JsonNode tree(int start, int end) throws IOException {
    check(start, end - start);
    int part = part(start);
    if (contiguous() || end <= starts[part + 1]) {
      return Json.MAPPER.readTree(arrays[part], offsets[part] + start - starts[part], end - start);
    }
    return Json.MAPPER.readTree(new Stream(start, end));
  }

  /** Which array holds the byte at {@code position} (the last one for the position just past the end). */
  private int part(int position) {
    if (contiguous()) {
      return 0;
    }
    int found = Arrays.binarySearch(starts, position);
    int part = found >= 0 ? found : -found - 2;
    return Math.min(part, arrays.length - 1);
  }

  private void check(int position, int count) {
    if (position < 0 || count < 0 || position + count > length) {
      throw new IndexOutOfBoundsException(position + " + " + count + " outside 0.." + length);
    }
  }

  /** The bytes of a range, read array by array where they lie (a parser copies them into its own buffer). */
  private final class Stream extends InputStream {
    private int position;
    private final int end;

    Stream(int start, int end) {
      this.position = start;
      this.end = end;
    }

    @Override
    public int read() {
      return position < end ? at(position++) & 0xff : -1;
    }

    @Override
    public int read(byte[] out, int to, int count) {
      if (count == 0) {
        return 0;
      }
      if (position >= end) {
        return -1;
      }
      int part = part(position);
      int n = Math.min(Math.min(count, end - position), starts[part + 1] - position);
      System.arraycopy(arrays[part], offsets[part] + position - starts[part], out, to, n);
      position += n;
      return n;
    }

    @Override
    public int available() {
      return end - position;
    }
  }

  @Override
  public String toString() {
    return "JsonBytes[" + length + " bytes in " + arrays.length + (arrays.length == 1 ? " array]" : " arrays]");
  }
}
