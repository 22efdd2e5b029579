package dev.claudebedrock.proxy.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.core.Json;
import java.util.Locale;
import java.util.Set;

/**
 * An {@code image_url} content part as an Anthropic {@code image} block. Bedrock takes images only inline (base64),
 * so a {@code data:} URL is converted and an http(s) URL is refused: the gateway does not fetch from addresses a
 * client names.
 */
final class ImageParts {
  /** The image types Claude reads. */
  static final Set<String> MEDIA_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");

  private ImageParts() {}

  /** The image block for a part at {@code where} ({@code messages[0].content[1]}). */
  static ObjectNode block(JsonNode part, String where) {
    JsonNode imageUrl = part.get("image_url");
    JsonNode url = imageUrl == null ? null : imageUrl.isTextual() ? imageUrl : imageUrl.get("url");
    if (url == null || !url.isTextual() || url.asText().isBlank()) {
      throw Invalid.field(where + ".image_url.url", "Field required: a data: URL of the image");
    }
    String text = url.asText();
    String lower = text.substring(0, Math.min(text.length(), 8)).toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      throw Invalid.field(where + ".image_url.url", "this gateway does not fetch images from URLs; send the image"
          + " inline as a data: URL (data:image/png;base64,...)");
    }
    if (!lower.startsWith("data:")) {
      throw Invalid.field(where + ".image_url.url", "expected a data: URL (data:image/png;base64,...)");
    }
    int comma = text.indexOf(',');
    String header = comma < 0 ? "" : text.substring(5, comma).toLowerCase(Locale.ROOT);
    if (comma < 0 || !header.endsWith(";base64")) {
      throw Invalid.field(where + ".image_url.url", "expected a base64 data: URL (data:image/png;base64,...)");
    }
    String mediaType = header.substring(0, header.length() - ";base64".length());
    if (!MEDIA_TYPES.contains(mediaType)) {
      throw Invalid.field(where + ".image_url.url", "image type \"" + mediaType + "\" is not supported; use one of "
          + MEDIA_TYPES.stream().sorted().toList());
    }
    ObjectNode block = Json.MAPPER.createObjectNode();
    block.put("type", "image");
    ObjectNode source = block.putObject("source");
    source.put("type", "base64");
    source.put("media_type", mediaType);
    source.put("data", text.substring(comma + 1));
    return block;
  }
}
