package dev.claudebedrock.proxy.bedrock;

import dev.claudebedrock.proxy.config.ModelEntry;
import dev.claudebedrock.proxy.config.ModelsConfig;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
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
  private final Set<String> knownIds;

  public ModelCatalog(ModelsConfig config, String region) {
    this.config = config;
    this.geoPrefix = GeoPrefix.resolve(config.geoPrefix(), region);
    Set<String> ids = new HashSet<>();
    for (ModelEntry entry : config.entries().values()) {
      ids.add(entry.bedrockId());
      ids.add(ModelIds.foundationModelId(entry.bedrockId()));
    }
    this.knownIds = Set.copyOf(ids);
  }

  /**
   * Whether a name is one the table knows: a served name or alias, a table entry's Bedrock id or
   * ARN, or that model's foundation id with or without a geo prefix. A closed set, however many
   * names clients invent: what may become a metric label.
   */
  public boolean isKnown(String name) {
    if (config.entries().containsKey(canonicalName(name)) || knownIds.contains(name)) {
      return true;
    }
    return !name.startsWith("arn:") && knownIds.contains(ModelIds.foundationModelId(name));
  }

  /** The geo prefix added to foundation-model ids in the default region ({@code ""} for none). */
  public String geoPrefix() {
    return geoPrefix;
  }

  /** Resolves a client's model name for the default region; empty when it names nothing Bedrock could serve. */
  public Optional<ResolvedModel> resolve(String name) {
    return resolve(name, geoPrefix, null);
  }

  /**
   * Resolves a client's model name for a deployment: foundation-model ids get that deployment's geo
   * prefix, or the prefix of a profile that its control plane listed ({@code profiles}, may be null).
   */
  public Optional<ResolvedModel> resolve(String name, String geo, InferenceProfileCatalog profiles) {
    ModelEntry entry = config.entries().get(canonicalName(name));
    if (entry != null) {
      String id = toProfile(entry.bedrockId(), geo, profiles);
      String countId = entry.countTokensId().isEmpty() ? countTokensId(id) : entry.countTokensId();
      return Optional.of(new ResolvedModel(name, id, countId));
    }
    if (ModelIds.isBedrockId(name)) {
      return Optional.of(new ResolvedModel(name, name, countTokensId(name)));
    }
    if (CLAUDE_NAME.matcher(name).matches()) {
      String base = "anthropic." + name + (DATED.matcher(name).matches() ? "-v1:0" : "");
      return Optional.of(new ResolvedModel(name, toProfile(base, geo, profiles), base));
    }
    return Optional.empty();
  }

  /** The table's name for a model name or alias ({@code sonnet} → {@code claude-sonnet-5-5}); others unchanged. */
  public String canonicalName(String name) {
    return config.aliases().getOrDefault(name, name);
  }

  /** The models listed by {@code GET /v1/models}. */
  public Collection<ModelEntry> served() {
    return config.entries().values();
  }

  /** A served model by name or alias. */
  public Optional<ModelEntry> find(String name) {
    return Optional.ofNullable(config.entries().get(canonicalName(name)));
  }

  private static String toProfile(String id, String geo, InferenceProfileCatalog profiles) {
    boolean foundationModel = !id.startsWith("arn:") && ModelIds.foundationModelId(id).equals(id);
    if (!foundationModel) {
      return id;
    }
    if (profiles != null) {
      Optional<String> listed = profiles.choose(id, geo);
      if (listed.isPresent()) {
        return listed.get();
      }
    }
    return geo.isEmpty() ? id : geo + "." + id;
  }

  private static String countTokensId(String bedrockId) {
    return ModelIds.isApplicationProfile(bedrockId) ? "" : ModelIds.foundationModelId(bedrockId);
  }
}
