package dev.claudebedrock.proxy.server;

import dev.claudebedrock.proxy.core.Identity;

/** The credentials clients may present, looked up without waiting on anything. */
public interface Credentials {

  /** The identity a presented token stands for (it may be expired or revoked), or null when it is none of ours. */
  Identity find(String token);

  /** Whether no credential is configured at all. */
  boolean isEmpty();

  /** How many credentials are configured or stored now (expired and revoked ones included). */
  int count();
}
