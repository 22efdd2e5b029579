package dev.claudebedrock.proxy.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Price overrides: per model name (or alias), one price or a list of prices with the dates they take
 * effect, on top of the built-in table; and what a model the table does not know is priced as.
 *
 * @param models overrides by model name, each list in the order written
 * @param unknownModelsPricedAs the model whose prices apply to a model with no price (never free, so a new
 *     model name cannot slip past a budget)
 */
public record PricingConfig(Map<String, List<ModelPrice>> models, String unknownModelsPricedAs) {

  public PricingConfig {
    models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
  }

  static PricingConfig read(ConfigSection s) {
    Map<String, List<ModelPrice>> models = new LinkedHashMap<>();
    JsonNode tree = s.node("models").orElse(null);
    if (tree != null && !tree.isObject()) {
      throw s.invalid("models", tree.toString(), "a mapping of model names to prices");
    }
    if (tree != null) {
      for (Map.Entry<String, JsonNode> entry : tree.properties()) {
        List<ModelPrice> prices = new ArrayList<>();
        JsonNode value = entry.getValue();
        try {
          if (value.isArray()) {
            for (JsonNode item : value) {
              prices.add(ModelPrice.fromJson(item, DefaultPrices.geoPremium(entry.getKey())));
            }
          } else {
            prices.add(ModelPrice.fromJson(value, DefaultPrices.geoPremium(entry.getKey())));
          }
        } catch (IllegalArgumentException e) {
          throw s.invalid("models." + entry.getKey(), value.toString(), e.getMessage());
        }
        models.put(entry.getKey(), List.copyOf(prices));
      }
    }
    PricingConfig config = new PricingConfig(models, s.string("unknown_models_priced_as", "claude-opus-4-1-20250805"));
    s.finish();
    return config;
  }
}
