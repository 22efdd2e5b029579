package dev.claudebedrock.bench.jmh;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Inputs the micro-benchmarks share: a Claude Code-sized request body and a small one. */
final class Inputs {
  private Inputs() {}

  /** A ~50 KB Messages request as Claude Code sends it (system prompt, tools, history). */
  static byte[] claudeCodeRequest() {
    try (InputStream in = Inputs.class.getResourceAsStream("/claude-code-messages-request.json")) {
      if (in == null) {
        throw new IllegalStateException("claude-code-messages-request.json is missing from the bench jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A one-line request. */
  static byte[] smallRequest() {
    return """
        {"model":"claude-sonnet-5-5","max_tokens":256,"messages":[{"role":"user","content":"Say hello"}]}"""
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
