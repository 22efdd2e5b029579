package dev.claudebedrock.proxy.reload;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.core.Json;
import java.time.Instant;
import java.util.List;

/**
 * What one reload of the configuration did.
 *
 * @param success whether the new configuration serves now (else the running one still does)
 * @param trigger what asked for it: {@code file}, {@code SIGHUP}, {@code admin-api}
 * @param source where the configuration was read from
 * @param message what was wrong (empty on success); never a secret's value
 * @param restartOnly the keys the new configuration changes that only a restart can (the reason for a refusal)
 * @param at when it finished
 */
public record ReloadOutcome(boolean success, String trigger, String source, String message, List<String> restartOnly,
    Instant at) {

  public ReloadOutcome {
    restartOnly = List.copyOf(restartOnly);
  }

  /** A reload that applied. */
  public static ReloadOutcome applied(String trigger, String source) {
    return new ReloadOutcome(true, trigger, source, "", List.of(), Instant.now());
  }

  /** A reload that was refused: the running configuration keeps serving. */
  public static ReloadOutcome refused(String trigger, String source, String message, List<String> restartOnly) {
    return new ReloadOutcome(false, trigger, source, message, restartOnly, Instant.now());
  }

  /** The {@code result} label of {@code gateway_config_reload_total}. */
  public String result() {
    return success ? "success" : "failure";
  }

  /** As the admin API shows it. */
  public ObjectNode toJson() {
    ObjectNode json = Json.MAPPER.createObjectNode().put("result", result()).put("trigger", trigger)
        .put("source", source).put("at", at.toString());
    if (!success) {
      json.put("error", message);
      json.putArray("restart_only_keys").addAll(restartOnly.stream().map(Json.MAPPER.getNodeFactory()::textNode)
          .toList());
    }
    return json;
  }
}
