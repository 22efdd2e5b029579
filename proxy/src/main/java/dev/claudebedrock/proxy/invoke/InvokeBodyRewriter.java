package dev.claudebedrock.proxy.invoke;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.config.BedrockPolicyConfig;
import dev.claudebedrock.proxy.core.Json;
import dev.claudebedrock.proxy.core.JsonBytes;
import dev.claudebedrock.proxy.core.JsonEdits;
import dev.claudebedrock.proxy.core.JsonMember;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

  private static final byte[] VERSION_VALUE = JsonEdits.quoted(BEDROCK_VERSION);
  private static final byte[] VERSION_MEMBER = member("anthropic_version", VERSION_VALUE);

  private final BetaPolicy betas;
  private final List<BetaFields> betaFields;
  private final List<FieldPath> alwaysDropped;
  /** Every path of the policy: the beta-gated ones, then the always-dropped ones; an id is an index here. */
  private final List<PolicyPath> paths;
  private final PathSelector selector;

  public InvokeBodyRewriter(BedrockPolicyConfig config) {
    this.betas = new BetaPolicy(config);
    this.betaFields = config.betaFields().entrySet().stream()
        .map(e -> new BetaFields(e.getKey(), e.getValue().stream().map(FieldPath::parse).toList()))
        .toList();
    this.alwaysDropped = config.dropFields().stream().map(FieldPath::parse).toList();
    List<PolicyPath> all = new ArrayList<>();
    betaFields.forEach(rule -> rule.fields().forEach(path -> all.add(new PolicyPath(path, rule.beta()))));
    alwaysDropped.forEach(path -> all.add(new PolicyPath(path, null)));
    this.paths = List.copyOf(all);
    this.selector = PathSelector.of(paths.stream().map(PolicyPath::path).toList());
  }

  /**
   * Serialises a body a front door built and rewrites it.
   *
   * @param body the JSON body (not modified)
   * @param betaHeaders every {@code anthropic-beta} header value
   */
  public Rewrite rewrite(ObjectNode body, List<String> betaHeaders) {
    try {
      return rewrite(JsonBytes.of(Json.MAPPER.writeValueAsBytes(body)), betaHeaders);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed JSON tree always serialises", e);
    }
  }

  /**
   * Rewrites the client's body by splicing: one streaming pass finds the members the policy touches, and the result
   * is the client's bytes with only those removed, replaced or added (ARCHITECTURE.md, "The InvokeModel body").
   *
   * @param body the client's JSON object, as it came
   * @param betaHeaders every {@code anthropic-beta} header value
   */
  public Rewrite rewrite(JsonBytes body, List<String> betaHeaders) {
    ScannedBody scanned = new ScannedBody(body, selector);
    JsonMember bodyBetas = scanned.top("anthropic_beta");
    BetaPolicy.Decision decision = betas.decide(betaHeaders, bodyBetas == null ? null : scanned.value(bodyBetas));
    List<String> forwarded = decision.forwarded();
    Set<String> droppedFields = new LinkedHashSet<>();
    List<JsonMember> removed = removedByPaths(scanned, forwarded, droppedFields);
    removeTop(scanned.top("model"), removed);
    removeTop(scanned.top("stream"), removed);
    Map<JsonMember, byte[]> replaced = new HashMap<>();
    JsonMember contextManagement = scanned.top("context_management");
    if (contextManagement != null && !removed.contains(contextManagement)) {
      editContextManagement(scanned, contextManagement, forwarded, removed, replaced, droppedFields);
    }
    List<byte[]> added = new ArrayList<>();
    JsonMember version = scanned.top("anthropic_version");
    if (version != null && !removed.contains(version)) {
      replaced.put(version, VERSION_VALUE);
    } else {
      added.add(VERSION_MEMBER);
    }
    if (bodyBetas != null && !removed.contains(bodyBetas)) {
      if (forwarded.isEmpty()) {
        removed.add(bodyBetas);
      } else {
        replaced.put(bodyBetas, json(forwarded));
      }
    } else if (!forwarded.isEmpty()) {
      added.add(member("anthropic_beta", json(forwarded)));
    }
    return new Rewrite(edit(scanned, removed, replaced, added), decision, List.copyOf(droppedFields));
  }

  /** The members the paths of this request's policy end at, outermost first, none inside another. */
  private List<JsonMember> removedByPaths(ScannedBody scanned, List<String> forwarded, Set<String> droppedFields) {
    List<ScannedBody.Found> found = new ArrayList<>(scanned.found);
    found.sort(Comparator.comparingInt(f -> f.member().keyStart()));
    List<JsonMember> removed = new ArrayList<>();
    JsonMember last = null;
    for (ScannedBody.Found f : found) {
      PolicyPath path = paths.get(f.path());
      if (!path.applies(forwarded) || (last != null && (f.member().equals(last) || f.member().inside(last)))) {
        continue;
      }
      removed.add(f.member());
      droppedFields.add(path.path().toString());
      last = f.member();
    }
    return removed;
  }

  /** Filters the context-management edits (a small value, edited as a tree and written back in its place). */
  private void editContextManagement(ScannedBody scanned, JsonMember member, List<String> forwarded,
      List<JsonMember> removed, Map<JsonMember, byte[]> replaced, Set<String> droppedFields) {
    ObjectNode holder = Json.MAPPER.createObjectNode();
    holder.set("context_management", scanned.value(member));
    boolean pathsInside = false;
    for (JsonMember cut : removed) {
      pathsInside |= cut.inside(member);
    }
    if (pathsInside) { // what the paths removed inside it, removed from the tree that replaces it
      paths.stream().filter(path -> path.applies(forwarded)).forEach(path -> path.path().removeFrom(holder));
      removed.removeIf(cut -> cut.inside(member));
    }
    boolean editsRemoved = removeUnforwardedContextEdits(holder, forwarded);
    if (editsRemoved) {
      droppedFields.add("context_management");
    }
    if (!holder.has("context_management")) {
      removed.add(member);
    } else if (editsRemoved || pathsInside) {
      replaced.put(member, json(holder.get("context_management")));
    }
  }

  private static void removeTop(JsonMember member, List<JsonMember> removed) {
    if (member != null && !removed.contains(member)) {
      removed.add(member);
    }
  }

  private static byte[] edit(ScannedBody scanned, List<JsonMember> removed, Map<JsonMember, byte[]> replaced,
      List<byte[]> added) {
    JsonEdits edits = new JsonEdits(scanned.json);
    for (JsonMember member : removed) {
      if (member.object() == 0 || !insideAny(member, removed, replaced.keySet())) {
        edits.removeMember(member);
      }
    }
    replaced.forEach(edits::replaceValue);
    long removedTop = removed.stream().filter(member -> member.object() == 0).distinct().count();
    boolean comma = scanned.object.members() > removedTop;
    for (byte[] member : added) {
      edits.insert(scanned.object.end(), comma ? withComma(member) : member);
      comma = true;
    }
    edits.remove(scanned.object.end() + 1, scanned.json.length()); // what follows the object, as a parser ignores it
    return edits.apply();
  }

  private static boolean insideAny(JsonMember member, List<JsonMember> removed, Set<JsonMember> replaced) {
    for (JsonMember other : removed) {
      if (other.object() == 0 && member.inside(other)) {
        return true;
      }
    }
    for (JsonMember other : replaced) {
      if (member.inside(other)) {
        return true;
      }
    }
    return false;
  }

  private static byte[] member(String name, byte[] value) {
    byte[] key = JsonEdits.quoted(name);
    byte[] out = new byte[key.length + 1 + value.length];
    System.arraycopy(key, 0, out, 0, key.length);
    out[key.length] = ':';
    System.arraycopy(value, 0, out, key.length + 1, value.length);
    return out;
  }

  private static byte[] withComma(byte[] member) {
    byte[] out = new byte[member.length + 1];
    out[0] = ',';
    System.arraycopy(member, 0, out, 1, member.length);
    return out;
  }

  private static byte[] json(Object value) {
    try {
      return Json.MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("strings and trees always serialise", e);
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

  /** A path of the policy and the beta that keeps its field, or null when the field is always dropped. */
  private record PolicyPath(FieldPath path, String beta) {
    boolean applies(List<String> forwarded) {
      return beta == null || !forwarded.contains(beta);
    }
  }

  private record BetaFields(String beta, List<FieldPath> fields) {
    BetaFields {
      fields = List.copyOf(fields);
    }
  }
}
