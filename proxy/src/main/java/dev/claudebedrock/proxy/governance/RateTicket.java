package dev.claudebedrock.proxy.governance;

import java.util.List;

/**
 * What an admitted request holds until it ends: the scopes it counted against, the minute it was
 * admitted in, the input tokens it was charged on admission, and where it was counted.
 */
public record RateTicket(List<RateScope> scopes, long minute, long estimatedInput, boolean shared) {}
