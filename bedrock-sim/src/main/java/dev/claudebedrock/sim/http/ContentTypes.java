package dev.claudebedrock.sim.http;

import dev.claudebedrock.sim.errors.BedrockError;

import java.util.Locale;

/** The body media types the JSON operations accept. */
final class ContentTypes {
  static final String JSON = "application/json";

  private ContentTypes() {}

  /** Refuses a body declared as anything but JSON with a 400 ValidationException; no Content-Type is taken as JSON. */
  static void requireJson(Exchange exchange) {
    String declared = exchange.firstHeader("content-type");
    if (declared == null) {
      return;
    }
    int semicolon = declared.indexOf(';');
    String mediaType = (semicolon < 0 ? declared : declared.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    if (!mediaType.equals(JSON)) {
      throw BedrockError
          .validation("The provided content type '" + declared + "' is not supported. Use application/json.");
    }
  }
}
