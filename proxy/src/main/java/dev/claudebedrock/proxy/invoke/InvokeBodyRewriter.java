package dev.claudebedrock.proxy.invoke;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.config.BedrockPolicyConfig;
import dev.claudebedrock.proxy.core.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Rewrites an Anthropic Messages body into a Bedrock InvokeModel body (ARCHITECTURE.md, "The
 * InvokeModel body"): {@code model} and {@code stream} removed, {@code anthropic_version} set, betas
 * moved into {@code anthropic_beta} through the {@link BetaPolicy}, and the fields Bedrock would
 * refuse removed: those of betas that are not forwarded, and first-party-only ones. Everything else
 * passes untouched, unknown fields included, so new API features need no code change.
 */
public final class InvokeBodyRewriter {
  /** The version Bedrock requires in the body. */
  public static final String BEDROCK_VERSION = "bedrock-2023-05-31";

  private static final String CONTEXT_MANAGEMENT_BETA = "context-management-2025-06-27";
  private static final String COMPACT_BETA = "compact-2026-01-12";

  private final BetaPolicy betas;
  private final List<BetaFields> betaFields;
  private final List<FieldPath> alwaysDropped;

  public InvokeBodyRewriter(BedrockPolicyConfig config) {
    this.betas = new BetaPolicy(config);
    this.betaFields = config.betaFields().entrySet().stream()
        .map(e -> new BetaFields(e.getKey(), e.getValue().stream().map(FieldPath::parse).toList()))
        .toList();
    this.alwaysDropped = config.dropFields().stream().map(FieldPath::parse).toList();
  }

  /**
   * Rewrites the body in place and serialises it.
   *
   * @param body the client's JSON body (modified)
   * @param betaHeaders every {@code anthropic-beta} header value
   */
  public Rewrite rewrite(ObjectNode body, List<String> betaHeaders) {
    body.remove("model");
    body.remove("stream");
    BetaPolicy.Decision decision = betas.decide(betaHeaders, body.remove("anthropic_beta"));
    List<String> droppedFields = dropFieldsOfUnforwardedBetas(body, decision);
    for (FieldPath path : alwaysDropped) {
      if (path.removeFrom(body)) {
        droppedFields.add(path.toString());
      }
    }
    body.put("anthropic_version", BEDROCK_VERSION);
    putBetas(body, decision);
    try {
      return new Rewrite(Json.MAPPER.writeValueAsBytes(body), decision, List.copyOf(droppedFields));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed JSON tree always serialises", e);
    }
  }

  /**
   * Applies the policy to a body already in Bedrock's shape (the pass-through): the betas filtered,
   * the fields of dropped betas removed, and an Anthropic API version replaced by the one Bedrock
   * requires (the Anthropic SDKs' Bedrock backends copy their {@code anthropic-version} header into
   * the body). Returns what was changed; the body is untouched when nothing was.
   */
  public List<String> applyBedrockPolicy(ObjectNode body) {
    JsonNode requested = body.get("anthropic_beta");
    BetaPolicy.Decision decision = betas.decide(List.of(), requested);
    List<String> changed = dropFieldsOfUnforwardedBetas(body, decision);
    if (requested != null && (!decision.dropped().isEmpty() || requested.size() != decision.forwarded().size())) {
      body.remove("anthropic_beta");
      putBetas(body, decision);
      changed.addAll(decision.dropped());
    }
    JsonNode version = body.get("anthropic_version");
    if (version != null && !BEDROCK_VERSION.equals(version.asText())) {
      body.put("anthropic_version", BEDROCK_VERSION);
      changed.add("anthropic_version " + version.asText());
    }
    return changed;
  }

  private List<String> dropFieldsOfUnforwardedBetas(ObjectNode body, BetaPolicy.Decision decision) {
    List<String> droppedFields = new ArrayList<>();
    for (BetaFields rule : betaFields) {
      if (!decision.forwarded().contains(rule.beta())) {
        for (FieldPath path : rule.fields()) {
          if (path.removeFrom(body)) {
            droppedFields.add(path.toString());
          }
        }
      }
    }
    if (removeUnforwardedContextEdits(body, decision.forwarded())) {
      droppedFields.add("context_management");
    }
    return droppedFields;
  }

  private static void putBetas(ObjectNode body, BetaPolicy.Decision decision) {
    if (!decision.forwarded().isEmpty()) {
      ArrayNode array = body.putArray("anthropic_beta");
      decision.forwarded().forEach(array::add);
    }
  }

  /**
   * Keeps the context-management edits whose beta is forwarded ({@code compact_*} edits need the
   * compaction beta, the others the context-management beta) and drops the field when none is left.
   * Returns whether anything was removed.
   */
  private static boolean removeUnforwardedContextEdits(ObjectNode body, List<String> forwarded) {
    JsonNode cm = body.get("context_management");
    if (cm == null) {
      return false;
    }
    boolean removed = false;
    if (cm instanceof ObjectNode object && object.get("edits") instanceof ArrayNode edits) {
      for (Iterator<JsonNode> it = edits.iterator(); it.hasNext();) {
        String type = it.next().path("type").asText("");
        String needed = type.startsWith("compact_") ? COMPACT_BETA : CONTEXT_MANAGEMENT_BETA;
        if (!forwarded.contains(needed)) {
          it.remove();
          removed = true;
        }
      }
      if (!edits.isEmpty()) {
        return removed;
      }
    }
    body.remove("context_management");
    return true;
  }

  /**
   * A rewritten body.
   *
   * @param bytes the InvokeModel body to send
   * @param betas which betas were forwarded and which dropped
   * @param droppedFields paths of the fields removed (for debug logs)
   */
  public record Rewrite(byte[] bytes, BetaPolicy.Decision betas, List<String> droppedFields) {}

  private record BetaFields(String beta, List<FieldPath> fields) {
    BetaFields {
      fields = List.copyOf(fields);
    }
  }
}
