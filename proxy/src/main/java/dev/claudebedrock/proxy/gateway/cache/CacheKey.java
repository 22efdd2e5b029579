package dev.claudebedrock.proxy.gateway.cache;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.core.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

/**
 * The exact-match key of a request: SHA-256 over a canonical form of everything that shapes the
 * answer — the body with its keys sorted at every level (model, messages, system, tools, sampling
 * parameters, thinking, {@code stream}, unknown fields too) and the betas, sorted — leaving out
 * {@code metadata}, which carries session ids that change on every run. Keys are partitioned by
 * client unless the operator shares the cache.
 */
public final class CacheKey {
  private CacheKey() {}

  /** The key of a request body and its {@code anthropic-beta} header values, in a partition. */
  public static String of(String partition, ObjectNode body, List<String> betaHeaders) {
    ByteArrayOutputStream canonical = new ByteArrayOutputStream(1024);
    try (JsonGenerator out = Json.MAPPER.getFactory().createGenerator(canonical)) {
      out.writeStartObject();
      out.writeFieldName("betas");
      out.writeStartArray();
      for (String beta : sortedBetas(betaHeaders)) {
        out.writeString(beta);
      }
      out.writeEndArray();
      out.writeFieldName("body");
      writeSorted(out, body, true);
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return partition + ":" + HexFormat.of().formatHex(sha256(canonical.toByteArray()));
  }

  private static void writeSorted(JsonGenerator out, JsonNode node, boolean topLevel) throws IOException {
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      out.writeStartObject();
      for (String name : names) {
        if (topLevel && name.equals("metadata")) {
          continue;
        }
        out.writeFieldName(name);
        writeSorted(out, object.get(name), false);
      }
      out.writeEndObject();
    } else if (node.isArray()) {
      out.writeStartArray();
      for (JsonNode item : node) {
        writeSorted(out, item, false);
      }
      out.writeEndArray();
    } else {
      out.writeTree(node);
    }
  }

  private static TreeSet<String> sortedBetas(List<String> headers) {
    TreeSet<String> betas = new TreeSet<>();
    for (String header : headers) {
      for (String beta : header.split(",")) {
        if (!beta.isBlank()) {
          betas.add(beta.strip());
        }
      }
    }
    return betas;
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
