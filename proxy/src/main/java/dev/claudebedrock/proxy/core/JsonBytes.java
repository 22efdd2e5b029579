package dev.claudebedrock.proxy.core;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * A JSON document's bytes where they already are, a slice of an array, so that parsing, scanning and splicing read
 * a received body without copying it first.
 *
 * @param array the array holding the bytes
 * @param offset where the document starts in it
 * @param length how many bytes it has
 */
public record JsonBytes(byte[] array, int offset, int length) {
  /** A whole array. */
  public static JsonBytes of(byte[] bytes) {
    return new JsonBytes(bytes, 0, bytes.length);
  }

  /** The readable bytes of a buffer: its own array when it has one, a copy only when it lives off the heap. */
  public static JsonBytes of(Buffer buffer) {
    ByteBuf bytes = ((BufferInternal) buffer).getByteBuf();
    if (bytes.hasArray()) {
      return new JsonBytes(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), bytes.readableBytes());
    }
    return of(buffer.getBytes());
  }

  /** The byte at a position relative to {@link #offset}. */
  public byte at(int position) {
    return array[offset + position];
  }
}
