package dev.claudebedrock.proxy.governance;

import dev.claudebedrock.proxy.bedrock.ModelCatalog;
import dev.claudebedrock.proxy.bedrock.ModelIds;
import dev.claudebedrock.proxy.config.DefaultPrices;
import dev.claudebedrock.proxy.config.ModelEntry;
import dev.claudebedrock.proxy.config.ModelPrice;
import dev.claudebedrock.proxy.config.PricingConfig;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a request cost: the built-in prices with the configuration's overrides, each price in effect
 * from its date, a geographic or in-region call at its premium. A model is found by its client name
 * or alias, or by the Bedrock id a pass-through call names; a model with no price is priced as
 * {@code pricing.unknown_models_priced_as}, so no model is free by accident.
 */
public final class PriceTable {
  private final Map<String, List<ModelPrice>> byName = new HashMap<>();
  private final Map<String, String> nameByFoundationId = new HashMap<>();
  private final ModelCatalog catalog;
  private final String fallback;

  public PriceTable(PricingConfig config, ModelCatalog catalog) {
    this.catalog = catalog;
    DefaultPrices.PRICES.forEach((name, price) -> byName.computeIfAbsent(name, n -> new ArrayList<>()).add(price));
    config.models().forEach(
        (name, prices) -> byName.computeIfAbsent(catalog.canonicalName(name), n -> new ArrayList<>()).addAll(prices));
    // Later dates first; at equal dates the override (added last) wins through a stable sort.
    byName.replaceAll((name, prices) -> {
      List<ModelPrice> sorted = new ArrayList<>(prices);
      java.util.Collections.reverse(sorted);
      sorted.sort(Comparator.comparing(ModelPrice::from).reversed());
      return List.copyOf(sorted);
    });
    for (ModelEntry entry : catalog.served()) {
      nameByFoundationId.put(ModelIds.foundationModelId(entry.bedrockId()), entry.name());
    }
    this.fallback = catalog.canonicalName(config.unknownModelsPricedAs());
    if (!byName.containsKey(fallback)) {
      throw new IllegalArgumentException("pricing.unknown_models_priced_as names " + fallback + ", which has no price");
    }
  }

  /** The price in effect on {@code day} for a model, by client name, alias or Bedrock id. */
  public ModelPrice price(String model, LocalDate day) {
    List<ModelPrice> prices = byName.get(catalog.canonicalName(model));
    if (prices == null) {
      String name = nameByFoundationId.get(ModelIds.foundationModelId(model));
      prices = name == null ? null : byName.get(name);
    }
    if (prices == null) {
      prices = byName.get(fallback);
    }
    for (ModelPrice price : prices) {
      if (!price.from().isAfter(day)) {
        return price;
      }
    }
    return prices.get(prices.size() - 1);
  }

  /** The cost in US dollars of {@code usage} on {@code day}, the Bedrock id deciding whether the premium applies. */
  public double cost(String model, String bedrockId, TokenUsage usage, LocalDate day) {
    ModelPrice price = price(model, day);
    double dollars = (usage.input() * price.input() + usage.cacheWrite5m() * price.cacheWrite5m()
        + usage.cacheWrite1h() * price.cacheWrite1h() + usage.cacheRead() * price.cacheRead()
        + usage.output() * price.output()) / 1_000_000.0;
    if (!ModelIds.resourceId(bedrockId).startsWith("global.")) {
      dollars *= 1 + price.geoPremiumPercent() / 100.0;
    }
    return Math.round(dollars * 1e9) / 1e9;
  }
}
