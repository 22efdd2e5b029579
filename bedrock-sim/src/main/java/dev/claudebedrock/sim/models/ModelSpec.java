package dev.claudebedrock.sim.models;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One foundation model the simulated account knows.
 *
 * @param id            Bedrock base model id, e.g. {@code anthropic.claude-sonnet-4-5-20250929-v1:0}
 * @param anthropicName the name returned in the Message {@code model} field, e.g. {@code claude-sonnet-4-5-20250929}
 * @param displayName   human name used in inference-profile listings
 * @param profileOnly   whether on-demand invocation by base id is refused (newer models)
 * @param countTokens   whether CountTokens supports the model
 * @param access        whether the account has been granted access
 * @param geographies   the geo prefixes ({@code us}, {@code global}, ...) that have a system inference profile for
 *                      the model; empty for all of them (newer models often exist in a few geographies only)
 */
public record ModelSpec(String id, String anthropicName, String displayName, boolean profileOnly,
    boolean countTokens, boolean access, List<String> geographies) {

  private static final Pattern VERSION_SUFFIX = Pattern.compile("-v\\d+(:\\d+)?$");

  public ModelSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(anthropicName, "anthropicName");
    Objects.requireNonNull(displayName, "displayName");
    geographies = List.copyOf(geographies);
  }

  /** A model with system profiles in every geography. */
  public ModelSpec(String id, String anthropicName, String displayName, boolean profileOnly, boolean countTokens,
      boolean access) {
    this(id, anthropicName, displayName, profileOnly, countTokens, access, List.of());
  }

  /** Whether a system inference profile with this geo prefix exists for the model. */
  public boolean offersGeography(String geo) {
    return geographies.isEmpty() || geographies.contains(geo);
  }

  /** A model that can be invoked by its base id, with CountTokens support. */
  public static ModelSpec onDemand(String id, String anthropicName, String displayName) {
    return new ModelSpec(id, anthropicName, displayName, false, true, true);
  }

  /** A model that must be invoked through an inference profile and that CountTokens does not support. */
  public static ModelSpec profileOnly(String id, String anthropicName, String displayName) {
    return new ModelSpec(id, anthropicName, displayName, true, false, true);
  }

  /** The Anthropic name Bedrock reports for a base id: without the {@code anthropic.} prefix and version suffix. */
  public static String defaultAnthropicName(String id) {
    String name = id.startsWith("anthropic.") ? id.substring("anthropic.".length()) : id;
    return VERSION_SUFFIX.matcher(name).replaceFirst("");
  }

  /** A copy with account access granted or revoked. */
  public ModelSpec withAccess(boolean granted) {
    return new ModelSpec(id, anthropicName, displayName, profileOnly, countTokens, granted, geographies);
  }

  /** A copy with CountTokens support switched on or off. */
  public ModelSpec withCountTokens(boolean supported) {
    return new ModelSpec(id, anthropicName, displayName, profileOnly, supported, access, geographies);
  }

  /** A copy whose system profiles exist only in the given geographies. */
  public ModelSpec withGeographies(List<String> geos) {
    return new ModelSpec(id, anthropicName, displayName, profileOnly, countTokens, access, geos);
  }
}
