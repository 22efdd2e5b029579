package dev.claudebedrock.proxy.governance;

import dev.claudebedrock.proxy.config.Limits;

/**
 * One set of rate limits a request counts against: its key's, its team's or the organization's.
 *
 * @param kind {@code key}, {@code team} or {@code organization} (the metrics' {@code scope} label)
 * @param id the key's or team's id, {@code org} for the organization
 * @param limits the limits
 */
public record RateScope(String kind, String id, Limits limits) {}
