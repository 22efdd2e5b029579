package dev.claudebedrock.proxy.core;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Estimates input tokens where Bedrock cannot count them. It errs high on purpose: an estimate
 * that is too low lets Claude Code skip compaction until Bedrock refuses the prompt as too long;
 * one that is too high only compacts a little early.
 *
 * <p>Rule: one token per 3 bytes of UTF-8 text anywhere in {@code system}, {@code messages} and
 * {@code tools} (tool definitions count as their JSON); 1,600 tokens per image; one token per 40
 * bytes of a base64 document (at least 1,600); 4 tokens per message; 350 tokens when tools are
 * present (the tool-use system prompt).
 *
 * <p>Two readings of the same rule: over a tree ({@link #estimate(JsonNode)}) and over the body's bytes in one
 * streaming pass that builds none ({@link #estimate(JsonBytes)}); they give the same figure for every body
 * ({@code TokenEstimatorTest}).
 */
public final class TokenEstimator {
  static final int BYTES_PER_TOKEN = 3;
  static final int IMAGE_TOKENS = 1_600;
  static final int DOCUMENT_BYTES_PER_TOKEN = 40;
  static final int PER_MESSAGE = 4;
  static final int TOOLS_OVERHEAD = 350;

  private TokenEstimator() {}

  /** The estimated input tokens of a request body. */
  public static long estimate(JsonNode body) {
    long tokens = 0;
    tokens += textTokens(body.get("system"));
    JsonNode messages = body.get("messages");
    if (messages != null && messages.isArray()) {
      for (JsonNode message : messages) {
        tokens += PER_MESSAGE + textTokens(message.get("content"));
      }
    }
    JsonNode tools = body.get("tools");
    if (tools != null && tools.isArray() && !tools.isEmpty()) {
      tokens += TOOLS_OVERHEAD + ceilDiv(utf8Length(tools.toString()), BYTES_PER_TOKEN);
    }
    return Math.max(1, tokens);
  }

  /**
   * The same estimate as {@link #estimate(JsonNode)} for a body as bytes, read in one streaming pass without a
   * tree: text measured where the parser decodes it, {@code tools} serialised as the tree would be, into a counter.
   * An {@code invalid_request_error} for a body that is not one JSON object (a parsed request's body always is).
   */
  public static long estimate(JsonBytes body) {
    Pass pass = new Pass();
    JsonRequestBody.members(body, pass);
    return Math.max(1, pass.tokens);
  }

  /** Sums the top-level members the rule reads, the parser at each one's value. */
  private static final class Pass implements JsonRequestBody.MemberReader {
    long tokens;

    @Override
    public void member(String name, JsonParser parser) throws IOException {
      JsonToken value = parser.currentToken();
      switch (name) {
        case "system" -> tokens += textTokens(parser, value);
        case "messages" -> {
          if (value == JsonToken.START_ARRAY) {
            JsonToken message;
            while ((message = parser.nextToken()) != JsonToken.END_ARRAY) {
              tokens += PER_MESSAGE + (message == JsonToken.START_OBJECT ? contentTokens(parser) : skip(parser));
            }
          }
        }
        case "tools" -> {
          if (value == JsonToken.START_ARRAY) {
            Utf8Counter counter = new Utf8Counter();
            try (JsonGenerator out = Json.MAPPER.getFactory().createGenerator(counter)) {
              out.copyCurrentStructure(parser);
            }
            if (counter.bytes > 2) { // more than "[]"
              tokens += TOOLS_OVERHEAD + ceilDiv(counter.bytes, BYTES_PER_TOKEN);
            }
          }
        }
        default -> {
          // not part of the estimate
        }
      }
    }
  }

  /** A message object's {@code content}, read to the object's end. */
  private static long contentTokens(JsonParser parser) throws IOException {
    long tokens = 0;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (name.equals("content")) {
        tokens = textTokens(parser, value);
      } else {
        parser.skipChildren();
      }
    }
    return tokens;
  }

  /** What {@link #textTokens(JsonNode)} gives for the value the parser stands at, read to its end. */
  private static long textTokens(JsonParser parser, JsonToken value) throws IOException {
    return switch (value) {
      case VALUE_NULL -> 0;
      case VALUE_STRING -> ceilDiv(utf8Length(parser), BYTES_PER_TOKEN);
      case START_ARRAY -> {
        long sum = 0;
        JsonToken item;
        while ((item = parser.nextToken()) != JsonToken.END_ARRAY) {
          sum += textTokens(parser, item);
        }
        yield sum;
      }
      case START_OBJECT -> objectTokens(parser, null);
      default -> 1;
    };
  }

  /** A member's value: one token for a number, boolean or null, its text tokens otherwise. */
  private static long memberTokens(JsonParser parser, JsonToken value, Source source) throws IOException {
    return switch (value) {
      case VALUE_STRING, START_ARRAY -> textTokens(parser, value);
      case START_OBJECT -> objectTokens(parser, source);
      default -> 1;
    };
  }

  /** What the tree's {@code source} object tells: its {@code type} and the length of its {@code data} as text. */
  private static final class Source {
    boolean object;
    String type = "";
    long dataLength;
  }

  /**
   * An object's tokens as {@link #textTokens(JsonNode)} counts them, read to its end; when it is a {@code source},
   * what {@code into} needs as well.
   */
  private static long objectTokens(JsonParser parser, Source into) throws IOException {
    String type = "";
    Source source = null;
    long sum = 0;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (name) {
        case "type" -> {
          type = value == JsonToken.VALUE_STRING ? parser.getText() : "";
          parser.skipChildren();
        }
        case "cache_control", "id" -> parser.skipChildren();
        case "source" -> {
          source = new Source();
          sum += memberTokens(parser, value, source);
        }
        case "data" -> {
          if (value == JsonToken.VALUE_STRING) {
            if (into != null) {
              into.dataLength = parser.getTextLength();
            }
            sum += textTokens(parser, value);
          } else {
            if (into != null) {
              into.dataLength = scalarTextLength(parser, value);
            }
            sum += memberTokens(parser, value, null);
          }
        }
        default -> sum += memberTokens(parser, value, null);
      }
    }
    if (into != null) {
      into.object = true;
      into.type = type;
    }
    if (source != null && source.object && source.type.equals("base64")) {
      long decoded = source.dataLength * 3L / 4;
      return type.equals("image") ? IMAGE_TOKENS : Math.max(IMAGE_TOKENS, decoded / DOCUMENT_BYTES_PER_TOKEN);
    }
    return type.equals("image") ? IMAGE_TOKENS : sum;
  }

  /** The length of a tree node's {@code asText("")} for the scalar the parser stands at (0 for a container). */
  private static int scalarTextLength(JsonParser parser, JsonToken value) throws IOException {
    return switch (value) {
      case VALUE_TRUE -> 4;
      case VALUE_FALSE -> 5;
      case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
        case INT -> NumberOutput.toString(parser.getIntValue()).length();
        case LONG -> NumberOutput.toString(parser.getLongValue()).length();
        default -> parser.getBigIntegerValue().toString().length();
      };
      case VALUE_NUMBER_FLOAT -> NumberOutput.toString(parser.getDoubleValue()).length();
      default -> 0;
    };
  }

  private static long skip(JsonParser parser) throws IOException {
    parser.skipChildren();
    return 0;
  }

  /** The UTF-8 length of the string the parser stands at, as {@code String.getBytes(UTF_8)} would make it. */
  private static long utf8Length(JsonParser parser) throws IOException {
    return utf8Length(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength(), null);
  }

  /**
   * The UTF-8 length of {@code length} chars: an unpaired surrogate counts as the one byte ({@code ?}) the JDK's
   * encoder writes for it. {@code pending}, when given, carries a high surrogate at the end over to the next call.
   */
  private static long utf8Length(char[] chars, int offset, int length, Utf8Counter pending) {
    long bytes = 0;
    int end = offset + length;
    for (int i = offset; i < end; i++) {
      char c = chars[i];
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        if (i + 1 < end) {
          if (Character.isLowSurrogate(chars[i + 1])) {
            bytes += 4;
            i++;
          } else {
            bytes++;
          }
        } else if (pending != null) {
          pending.highSurrogate = true;
        } else {
          bytes++;
        }
      } else if (Character.isLowSurrogate(c)) {
        bytes++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  /** Counts the UTF-8 bytes of what is written to it, as the tree's {@code toString()} would encode them. */
  private static final class Utf8Counter extends Writer {
    long bytes;
    boolean highSurrogate;

    @Override
    public void write(char[] chars, int offset, int length) {
      if (length == 0) {
        return;
      }
      int from = offset;
      if (highSurrogate) {
        highSurrogate = false;
        if (Character.isLowSurrogate(chars[offset])) {
          bytes += 4;
          from++;
        } else {
          bytes++;
        }
      }
      bytes += utf8Length(chars, from, offset + length - from, this);
    }

    @Override
    public void write(String text, int offset, int length) {
      write(text.substring(offset, offset + length).toCharArray(), 0, length);
    }

    @Override
    public void write(int c) {
      write(new char[] {(char) c}, 0, 1);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
      if (highSurrogate) {
        highSurrogate = false;
        bytes++;
      }
    }
  }

  private static long textTokens(JsonNode node) {
    if (node == null || node.isNull()) {
      return 0;
    }
    if (node.isTextual()) {
      return ceilDiv(utf8Length(node.asText()), BYTES_PER_TOKEN);
    }
    if (node.isArray()) {
      long sum = 0;
      for (JsonNode item : node) {
        sum += textTokens(item);
      }
      return sum;
    }
    if (node.isObject()) {
      String type = node.path("type").asText("");
      JsonNode source = node.get("source");
      if (source != null && "base64".equals(source.path("type").asText())) {
        long decoded = source.path("data").asText("").length() * 3L / 4;
        return "image".equals(type) ? IMAGE_TOKENS : Math.max(IMAGE_TOKENS, decoded / DOCUMENT_BYTES_PER_TOKEN);
      }
      if ("image".equals(type)) {
        return IMAGE_TOKENS;
      }
      long sum = 0;
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        if (!field.getKey().equals("type") && !field.getKey().equals("cache_control") && !field.getKey().equals("id")) {
          JsonNode value = field.getValue();
          sum += value.isValueNode() && !value.isTextual() ? 1 : textTokens(value);
        }
      }
      return sum;
    }
    return 1;
  }

  private static int utf8Length(String text) {
    int length = text.length();
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return text.getBytes(StandardCharsets.UTF_8).length;
      }
    }
    return length;
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
