package dev.claudebedrock.sim.http;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.claudebedrock.sim.Operation;
import dev.claudebedrock.sim.auth.UriEncoding;
import dev.claudebedrock.sim.errors.BedrockError;
import dev.claudebedrock.sim.errors.ErrorType;
import dev.claudebedrock.sim.models.InferenceProfile;
import dev.claudebedrock.sim.reply.JsonWriter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The control-plane ListInferenceProfiles and GetInferenceProfile operations. */
final class InferenceProfilesHandler implements OperationHandler {
  private static final String CREATED_AT = "2025-01-01T00:00:00Z";
  private static final int MAX_RESULTS = 1000;

  private final SimulatorServices services;

  InferenceProfilesHandler(SimulatorServices services) {
    this.services = services;
  }

  @Override
  public void handle(Exchange exchange) {
    byte[] json = exchange.operation() == Operation.LIST_INFERENCE_PROFILES ? list(exchange) : get(exchange);
    Delivery.send(exchange, new Delivery.Response(200, ContentTypes.JSON, json, Map.of()), 0, null);
  }

  private byte[] list(Exchange exchange) {
    Map<String, String> query = QueryParams.parse(exchange.rawQuery());
    String type = query.get("type");
    if (type != null && !type.equals(InferenceProfile.SYSTEM_DEFINED) && !type.equals(InferenceProfile.APPLICATION)) {
      throw BedrockError.validation("1 validation error detected: Value '" + type + "' at 'typeEquals' failed to "
          + "satisfy constraint: Member must satisfy enum value set: [SYSTEM_DEFINED, APPLICATION]");
    }
    int pageSize = pageSize(query.get("maxResults"));
    int offset = offset(query.get("nextToken"));
    List<InferenceProfile> all = services.catalog().profiles().list(type);
    int end = Math.min(all.size(), offset + pageSize);
    List<InferenceProfile> page = all.subList(Math.min(offset, all.size()), end);
    return JsonWriter.bytes(json -> {
      json.writeStartObject();
      json.writeArrayFieldStart("inferenceProfileSummaries");
      for (InferenceProfile profile : page) {
        writeProfile(json, profile);
      }
      json.writeEndArray();
      if (end < all.size()) {
        json.writeStringField("nextToken", token(end));
      }
      json.writeEndObject();
    });
  }

  private byte[] get(Exchange exchange) {
    String id = UriEncoding.decode(exchange.route().rawId());
    InferenceProfile profile = services.catalog().profiles().find(id).orElseThrow(
        () -> BedrockError.of(ErrorType.RESOURCE_NOT_FOUND, "The inference profile " + id + " doesn't exist."));
    return JsonWriter.bytes(json -> writeProfile(json, profile));
  }

  private static void writeProfile(JsonGenerator json, InferenceProfile profile) throws IOException {
    json.writeStartObject();
    json.writeStringField("inferenceProfileName", profile.name());
    json.writeStringField("description", profile.description());
    json.writeStringField("createdAt", CREATED_AT);
    json.writeStringField("updatedAt", CREATED_AT);
    json.writeStringField("inferenceProfileArn", profile.arn());
    json.writeArrayFieldStart("models");
    for (String modelArn : profile.modelArns()) {
      json.writeStartObject();
      json.writeStringField("modelArn", modelArn);
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeStringField("inferenceProfileId", profile.id());
    json.writeStringField("status", "ACTIVE");
    json.writeStringField("type", profile.type());
    json.writeEndObject();
  }

  private static int pageSize(String value) {
    if (value == null) {
      return MAX_RESULTS;
    }
    try {
      int size = Integer.parseInt(value);
      if (size >= 1 && size <= MAX_RESULTS) {
        return size;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw BedrockError.validation("1 validation error detected: Value '" + value + "' at 'maxResults' failed to "
        + "satisfy constraint: Member must have value between 1 and " + MAX_RESULTS);
  }

  private static String token(int offset) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static int offset(String token) {
    if (token == null) {
      return 0;
    }
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (decoded.startsWith("offset:")) {
        int offset = Integer.parseInt(decoded.substring("offset:".length()));
        if (offset >= 0) {
          return offset;
        }
      }
    } catch (IllegalArgumentException e) {
      // reported below (NumberFormatException is an IllegalArgumentException)
    }
    throw BedrockError.validation("Invalid pagination token: " + token);
  }
}
