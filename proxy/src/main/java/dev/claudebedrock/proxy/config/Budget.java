package dev.claudebedrock.proxy.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * A spending limit in US dollars over a UTC calendar window.
 *
 * @param usd the most the window may cost
 * @param period the window
 * @param alertAtPercent the share of {@code usd} at which an alert fires, once per window
 */
public record Budget(double usd, BudgetPeriod period, int alertAtPercent) {
  /** The alert threshold when none is given. */
  public static final int DEFAULT_ALERT_PERCENT = 80;

  private static final Set<String> FIELDS = Set.of("usd", "period", "alert_at_percent");

  public Budget {
    if (!(usd >= 0) || Double.isInfinite(usd)) {
      throw new IllegalArgumentException("budget.usd must be a number of dollars, 0 or more");
    }
    if (alertAtPercent < 1 || alertAtPercent > 100) {
      throw new IllegalArgumentException("budget.alert_at_percent must be an integer from 1 to 100");
    }
  }

  /**
   * Reads {@code {"usd": number, "period": "day"|"week"|"month", "alert_at_percent"?: 1..100}}; null for a JSON
   * null. Throws {@link IllegalArgumentException} naming the field at fault.
   */
  public static Budget fromJson(JsonNode json) {
    if (json == null || json.isNull()) {
      return null;
    }
    PolicyFields.requireObject(json, "budget", FIELDS);
    JsonNode usd = json.get("usd");
    if (usd == null || !usd.isNumber()) {
      throw new IllegalArgumentException("budget.usd: a number of dollars is required");
    }
    JsonNode period = json.get("period");
    if (period == null || !period.isTextual()) {
      throw new IllegalArgumentException("budget.period: one of \"day\", \"week\", \"month\" is required");
    }
    BudgetPeriod parsedPeriod;
    try {
      parsedPeriod = BudgetPeriod.of(period.asText());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "budget.period: \"" + period.asText() + "\" is not one of \"day\", \"week\", \"month\"");
    }
    int alert = DEFAULT_ALERT_PERCENT;
    JsonNode alertNode = json.get("alert_at_percent");
    if (alertNode != null && !alertNode.isNull()) {
      if (!alertNode.isIntegralNumber()) {
        throw new IllegalArgumentException("budget.alert_at_percent must be an integer from 1 to 100");
      }
      alert = alertNode.asInt();
    }
    return new Budget(usd.asDouble(), parsedPeriod, alert);
  }

  /** The JSON form {@link #fromJson} reads. */
  public ObjectNode toJson() {
    return JsonNodeFactory.instance.objectNode().put("usd", usd).put("period", period.word())
        .put("alert_at_percent", alertAtPercent);
  }
}
