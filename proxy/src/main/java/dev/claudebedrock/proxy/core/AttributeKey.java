package dev.claudebedrock.proxy.core;

/** A typed key for what one stage leaves on an {@link Exchange} for later stages. */
public final class AttributeKey<T> {
  private final String name;

  private AttributeKey(String name) {
    this.name = name;
  }

  /** A new key; identity is the key object, the name is for debugging. */
  public static <T> AttributeKey<T> named(String name) {
    return new AttributeKey<>(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
