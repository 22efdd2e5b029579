package dev.claudebedrock.proxy.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.proxy.core.Json;
import java.util.Locale;
import java.util.Set;

/**
 * An {@code image_url} content part as an Anthropic {@code image} block. Bedrock takes images only inline (base64),
 * so a {@code data:} URL is converted, and an http(s) URL is refused unless the operator lets the gateway fetch it
 * ({@code openai.image_fetch.enabled}): then its block has a {@code url} source until {@link FetchImageUrls} puts the
 * fetched image in its place.
 */
final class ImageParts {
  /** The image types Claude reads. */
  static final Set<String> MEDIA_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");

  private ImageParts() {}

  /** Puts a fetched image in the place of a block's {@code url} source. */
  static void inline(ObjectNode block, String mediaType, byte[] image) {
    ObjectNode source = block.putObject("source");
    source.put("type", "base64");
    source.put("media_type", mediaType);
    source.put("data", java.util.Base64.getEncoder().encodeToString(image));
  }

  /** The image block for a part at {@code where} ({@code messages[0].content[1]}). */
  static ObjectNode block(JsonNode part, String where, boolean fetchUrls) {
    JsonNode imageUrl = part.get("image_url");
    JsonNode url = imageUrl == null ? null : imageUrl.isTextual() ? imageUrl : imageUrl.get("url");
    if (url == null || !url.isTextual() || url.asText().isBlank()) {
      throw Invalid.field(where + ".image_url.url", "Field required: a data: URL of the image");
    }
    String text = url.asText();
    String lower = text.substring(0, Math.min(text.length(), 8)).toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      if (!fetchUrls) {
        throw Invalid.field(where + ".image_url.url", "this gateway does not fetch images from URLs (its operator can"
            + " allow it with openai.image_fetch.enabled); send the image inline as a data: URL"
            + " (data:image/png;base64,...)");
      }
      ObjectNode block = Json.MAPPER.createObjectNode();
      block.put("type", "image");
      block.putObject("source").put("type", "url").put("url", text);
      return block;
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
