package dev.claudebedrock.proxy.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * What one model costs per million tokens from a date on, in US dollars, on Bedrock's global
 * cross-region profile; geographic and in-region endpoints add {@code geoPremiumPercent}.
 *
 * @param from the first UTC day these prices apply
 * @param input uncached input tokens
 * @param cacheWrite5m input tokens written to the 5-minute prompt cache
 * @param cacheWrite1h input tokens written to the 1-hour prompt cache
 * @param cacheRead input tokens read from the prompt cache
 * @param output output tokens (thinking included)
 * @param geoPremiumPercent what a geographic ({@code us.}, {@code eu.}, ...) or in-region call costs more
 */
public record ModelPrice(LocalDate from, double input, double cacheWrite5m, double cacheWrite1h, double cacheRead,
    double output, int geoPremiumPercent) {
  private static final Set<String> FIELDS = Set.of("from", "input", "cache_write_5m", "cache_write_1h", "cache_read",
      "output", "geo_premium_percent");

  public ModelPrice {
    for (double price : new double[] {input, cacheWrite5m, cacheWrite1h, cacheRead, output}) {
      if (!(price >= 0) || Double.isInfinite(price)) {
        throw new IllegalArgumentException("prices must be numbers of dollars per million tokens, 0 or more");
      }
    }
    if (geoPremiumPercent < 0 || geoPremiumPercent > 1000) {
      throw new IllegalArgumentException("geo_premium_percent must be an integer from 0 to 1000");
    }
  }

  /**
   * Reads {@code {from, input, output, cache_write_5m?, cache_write_1h?, cache_read?, geo_premium_percent?}};
   * cache prices left out follow Bedrock's ratios to the input price (1.25, 2 and 0.1).
   */
  public static ModelPrice fromJson(JsonNode json, int defaultGeoPremium) {
    PolicyFields.requireObject(json, "price", FIELDS);
    LocalDate from = LocalDate.EPOCH;
    JsonNode date = json.get("from");
    if (date != null && !date.isNull()) {
      try {
        from = LocalDate.parse(date.asText());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("from must be a date written YYYY-MM-DD");
      }
    }
    double input = number(json, "input", Double.NaN);
    double output = number(json, "output", Double.NaN);
    if (Double.isNaN(input) || Double.isNaN(output)) {
      throw new IllegalArgumentException("input and output prices are required");
    }
    JsonNode premium = json.get("geo_premium_percent");
    if (premium != null && !premium.isIntegralNumber()) {
      throw new IllegalArgumentException("geo_premium_percent must be an integer from 0 to 1000");
    }
    return new ModelPrice(from, input, number(json, "cache_write_5m", input * 1.25),
        number(json, "cache_write_1h", input * 2), number(json, "cache_read", input * 0.1), output,
        premium == null ? defaultGeoPremium : premium.asInt());
  }

  private static double number(JsonNode json, String field, double fallback) {
    JsonNode value = json.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isNumber()) {
      throw new IllegalArgumentException(field + " must be a number of dollars per million tokens");
    }
    return value.asDouble();
  }
}
