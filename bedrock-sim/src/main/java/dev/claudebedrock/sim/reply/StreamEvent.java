package dev.claudebedrock.sim.reply;

/**
 * One Anthropic stream event, as JSON.
 *
 * @param json   the event JSON
 * @param tokens output tokens generated before it can be sent (0 for framing events); drives pacing
 */
public record StreamEvent(byte[] json, int tokens) {
}
