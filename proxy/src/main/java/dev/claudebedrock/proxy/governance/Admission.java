package dev.claudebedrock.proxy.governance;

import dev.claudebedrock.proxy.core.AttributeKey;
import java.util.List;

/**
 * What admission left for the end of a request: the rate-limit ticket to settle (null when no
 * limit applied) and the budgets its cost counts against.
 */
record Admission(RateTicket ticket, List<BudgetScope> budgets) {
  static final AttributeKey<Admission> KEY = AttributeKey.named("governance-admission");
}
