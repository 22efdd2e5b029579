package dev.claudebedrock.proxy.bedrock;

import dev.claudebedrock.proxy.config.ModelEntry;
import dev.claudebedrock.proxy.config.ModelsConfig;
import java.util.Collection;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Maps the model names clients send to Bedrock ids: configured and built-in names and aliases
 * first, Bedrock ids and ARNs unchanged, and any other {@code claude-…} name by Bedrock's naming
 * rule, so a model released tomorrow works before the table knows it.
 */
public final class ModelCatalog {
  private static final Pattern CLAUDE_NAME = Pattern.compile("claude-[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern DATED = Pattern.compile(".*-\\d{8}");

  private final ModelsConfig config;
  private final String geoPrefix;

  public ModelCatalog(ModelsConfig config, String region) {
    this.config = config;
    this.geoPrefix = GeoPrefix.resolve(config.geoPrefix(), region);
  }

  /** The geo prefix added to foundation-model ids ({@code ""} for none). */
  public String geoPrefix() {
    return geoPrefix;
  }

  /** Resolves a client's model name; empty when it names nothing Bedrock could serve. */
  public Optional<ResolvedModel> resolve(String name) {
    String canonical = config.aliases().getOrDefault(name, name);
    ModelEntry entry = config.entries().get(canonical);
    if (entry != null) {
      String id = withGeoPrefix(entry.bedrockId());
      String countId = entry.countTokensId().isEmpty() ? countTokensId(id) : entry.countTokensId();
      return Optional.of(new ResolvedModel(name, id, countId));
    }
    if (ModelIds.isBedrockId(name)) {
      return Optional.of(new ResolvedModel(name, name, countTokensId(name)));
    }
    if (CLAUDE_NAME.matcher(name).matches()) {
      String base = "anthropic." + name + (DATED.matcher(name).matches() ? "-v1:0" : "");
      return Optional.of(new ResolvedModel(name, withGeoPrefix(base), base));
    }
    return Optional.empty();
  }

  /** The models listed by {@code GET /v1/models}. */
  public Collection<ModelEntry> served() {
    return config.entries().values();
  }

  /** A served model by name or alias. */
  public Optional<ModelEntry> find(String name) {
    return Optional.ofNullable(config.entries().get(config.aliases().getOrDefault(name, name)));
  }

  private String withGeoPrefix(String id) {
    boolean foundationModel = !id.startsWith("arn:") && ModelIds.foundationModelId(id).equals(id);
    return foundationModel && !geoPrefix.isEmpty() ? geoPrefix + "." + id : id;
  }

  private static String countTokensId(String bedrockId) {
    return ModelIds.isApplicationProfile(bedrockId) ? "" : ModelIds.foundationModelId(bedrockId);
  }
}
