package dev.claudebedrock.proxy.governance;

import dev.claudebedrock.proxy.config.Budget;

/**
 * One budget a request spends from: its key's, its team's or the organization's.
 *
 * @param kind {@code key}, {@code team} or {@code organization}
 * @param id the key's or team's id, {@code org} for the organization
 * @param name what logs and metrics call it (the key's or team's name, {@code organization})
 * @param budget the budget
 */
public record BudgetScope(String kind, String id, String name, Budget budget) {}
