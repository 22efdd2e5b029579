package dev.claudebedrock.proxy.config;

import java.time.LocalDate;
import java.util.Map;

/**
 * The built-in price of every model of {@link DefaultModels}, in US dollars per million tokens on
 * Bedrock's global cross-region profile: input, 5-minute cache write, 1-hour cache write, cache read,
 * output. From the 4.5 generation on, Bedrock charges geographic ({@code us.}, {@code eu.}, ...) and
 * in-region endpoints 10% more than global ones; older models cost the same everywhere. Models newer
 * than Anthropic's published list are priced as the published model of their tier. Operators
 * override any of it under {@code pricing.models}.
 */
public final class DefaultPrices {
  private DefaultPrices() {}

  private static final int GEO_PREMIUM = 10;

  /** Prices by the model table's client names. */
  public static final Map<String, ModelPrice> PRICES = Map.ofEntries(
      price("claude-opus-5-5", "2026-09-01", 5, 25, GEO_PREMIUM),
      price("claude-sonnet-5-5", "2026-09-01", 3, 15, GEO_PREMIUM),
      price("claude-haiku-5-5", "2026-09-01", 1, 5, GEO_PREMIUM),
      price("claude-opus-4-8", "2026-05-01", 5, 25, GEO_PREMIUM),
      price("claude-opus-4-6", "2026-02-05", 5, 25, GEO_PREMIUM),
      price("claude-sonnet-4-6", "2026-02-17", 3, 15, GEO_PREMIUM),
      price("claude-opus-4-5-20251101", "2025-11-01", 5, 25, GEO_PREMIUM),
      price("claude-sonnet-4-5-20250929", "2025-09-29", 3, 15, GEO_PREMIUM),
      price("claude-haiku-4-5-20251001", "2025-10-01", 1, 5, GEO_PREMIUM),
      price("claude-opus-4-1-20250805", "2025-08-05", 15, 75, 0),
      price("claude-opus-4-20250514", "2025-05-14", 15, 75, 0),
      price("claude-sonnet-4-20250514", "2025-05-14", 3, 15, 0),
      price("claude-3-7-sonnet-20250219", "2025-02-19", 3, 15, 0),
      price("claude-3-5-haiku-20241022", "2024-10-22", 0.8, 4, 0),
      price("claude-3-5-sonnet-20241022", "2024-10-22", 3, 15, 0));

  /** The geographic premium of a model's built-in price (0 for a model the table does not price). */
  public static int geoPremium(String model) {
    ModelPrice price = PRICES.get(DefaultModels.ALIASES.getOrDefault(model, model));
    return price == null ? 0 : price.geoPremiumPercent();
  }

  // Bedrock prices prompt caching as Anthropic does: a 5-minute write at 1.25 times the input price,
  // a 1-hour write at twice it, a read at a tenth.
  private static Map.Entry<String, ModelPrice> price(String model, String from, double input, double output,
      int geoPremium) {
    return Map.entry(model, new ModelPrice(LocalDate.parse(from), input, input * 1.25, input * 2, input * 0.1,
        output, geoPremium));
  }
}
