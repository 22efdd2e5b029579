package dev.claudebedrock.proxy.config;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Bedrock pass-through ({@code /bedrock/**}) for clients speaking Bedrock themselves, such as
 * Claude Code with {@code CLAUDE_CODE_USE_BEDROCK=1}.
 *
 * @param enabled whether the routes exist
 * @param applyPolicy filter the body's {@code anthropic_beta} (and the fields of dropped betas) like
 *     the Messages front, so Bedrock never answers "invalid beta flag", and put the
 *     {@code anthropic_version} Bedrock requires in place of an Anthropic API version
 * @param modelOverrides model ids replaced in the path, e.g. a profile id by an application
 *     inference profile ARN for cost allocation
 * @param inferenceProfiles where the inference-profile listing comes from
 * @param accountId the AWS account in the ARNs of catalog answers
 */
public record PassthroughConfig(
    boolean enabled,
    boolean applyPolicy,
    Map<String, String> modelOverrides,
    InferenceProfiles inferenceProfiles,
    String accountId) {
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern MODEL_ID = Pattern.compile("[a-zA-Z0-9_.:/-]{1,2048}");

  /** Where {@code GET /bedrock/inference-profiles[/{id}]} is answered from. */
  public enum InferenceProfiles implements ConfigWord {
    /** {@code forward}: the Bedrock control plane. */
    FORWARD("forward"),
    /** {@code catalog}: the gateway's own model table (no AWS call, no start-up wait). */
    CATALOG("catalog");

    private final String word;

    InferenceProfiles(String word) {
      this.word = word;
    }

    @Override
    public String word() {
      return word;
    }
  }

  public PassthroughConfig {
    modelOverrides = Map.copyOf(modelOverrides);
  }

  static PassthroughConfig read(ConfigSection s) {
    Map<String, String> overrides = s.stringMap("model_overrides", Map.of());
    overrides.forEach((from, to) -> {
      if (!MODEL_ID.matcher(from).matches() || !MODEL_ID.matcher(to).matches()) {
        throw s.invalid("model_overrides", from + ": " + to, "Bedrock model ids, inference-profile ids or ARNs");
      }
    });
    PassthroughConfig config = new PassthroughConfig(
        s.bool("enabled", true),
        s.bool("apply_policy", true),
        overrides,
        s.choice("inference_profiles", InferenceProfiles.FORWARD),
        s.string("account_id", ""));
    if (!config.accountId().isEmpty() && !ACCOUNT.matcher(config.accountId()).matches()) {
      throw s.invalid("account_id", config.accountId(), "a 12-digit AWS account id");
    }
    if (config.inferenceProfiles() == InferenceProfiles.CATALOG && config.accountId().isEmpty()) {
      throw s.invalid("account_id", "",
          "the 12-digit AWS account id, needed in the ARNs when inference_profiles is catalog");
    }
    s.finish();
    return config;
  }
}
