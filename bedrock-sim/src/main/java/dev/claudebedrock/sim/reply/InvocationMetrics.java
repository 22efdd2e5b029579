package dev.claudebedrock.sim.reply;

/**
 * The {@code amazon-bedrock-invocationMetrics} Bedrock adds to the last stream event.
 *
 * @param inputTokenCount           uncached input tokens
 * @param outputTokenCount          output tokens
 * @param invocationLatencyMs       from request arrival to the last event
 * @param firstByteLatencyMs        from request arrival to the first event
 * @param cacheReadInputTokenCount  input tokens read from the cache
 * @param cacheWriteInputTokenCount input tokens written to the cache
 */
public record InvocationMetrics(int inputTokenCount, int outputTokenCount, long invocationLatencyMs,
    long firstByteLatencyMs,
    int cacheReadInputTokenCount, int cacheWriteInputTokenCount) {}
