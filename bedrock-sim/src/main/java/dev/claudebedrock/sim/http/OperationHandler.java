package dev.claudebedrock.sim.http;

/** Answers one operation; throws {@link dev.claudebedrock.sim.errors.BedrockError} for error answers. */
interface OperationHandler {
  /** Answers an authenticated exchange. */
  void handle(Exchange exchange);
}
