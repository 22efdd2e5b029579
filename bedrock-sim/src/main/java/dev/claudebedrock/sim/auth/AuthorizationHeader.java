package dev.claudebedrock.sim.auth;

import dev.claudebedrock.sim.errors.BedrockError;
import dev.claudebedrock.sim.errors.ErrorType;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed {@code AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…} header.
 *
 * @param accessKeyId   the access key id of the credential scope
 * @param date          scope date {@code yyyyMMdd}
 * @param region        scope region
 * @param service       scope service
 * @param terminator    scope terminator, {@code aws4_request} when well-formed
 * @param signedHeaders the signed header names, in the order given
 * @param signature     hex signature
 */
public record AuthorizationHeader(String accessKeyId, String date, String region, String service, String terminator,
    List<String> signedHeaders, String signature) {
  /** The SigV4 algorithm name that starts the header. */
  public static final String ALGORITHM = "AWS4-HMAC-SHA256";

  /** The credential scope {@code date/region/service/terminator}. */
  public String scope() {
    return date + "/" + region + "/" + service + "/" + terminator;
  }

  /** Parses the header value or throws IncompleteSignatureException naming what is missing. */
  public static AuthorizationHeader parse(String value) {
    String rest = value.substring(ALGORITHM.length()).trim();
    String credential = null;
    String signedHeaders = null;
    String signature = null;
    for (String part : rest.split(",")) {
      String item = part.trim();
      int eq = item.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String key = item.substring(0, eq).trim();
      String val = item.substring(eq + 1).trim();
      switch (key) {
        case "Credential" -> credential = val;
        case "SignedHeaders" -> signedHeaders = val;
        case "Signature" -> signature = val;
        default -> {} // AWS ignores unknown parameters
      }
    }
    List<String> missing = new ArrayList<>();
    if (credential == null) {
      missing.add("Authorization header requires 'Credential' parameter.");
    }
    if (signedHeaders == null) {
      missing.add("Authorization header requires 'SignedHeaders' parameter.");
    }
    if (signature == null) {
      missing.add("Authorization header requires 'Signature' parameter.");
    }
    if (!missing.isEmpty()) {
      throw BedrockError.of(ErrorType.INCOMPLETE_SIGNATURE, String.join(" ", missing));
    }
    String[] scope = credential.split("/", -1);
    if (scope.length != 5 || scope[0].isEmpty()) {
      throw BedrockError.of(ErrorType.INCOMPLETE_SIGNATURE, "Credential must have exactly 5 slash-delimited elements, "
          + "e.g. keyid/date/region/service/term, got '" + credential + "'");
    }
    List<String> headers = List.of(signedHeaders.split(";"));
    return new AuthorizationHeader(scope[0], scope[1], scope[2], scope[3], scope[4], headers, signature);
  }

  /** The header with its signature removed, safe to record or log. */
  public static String redact(String value) {
    int sig = value.indexOf("Signature=");
    if (sig < 0) {
      return value;
    }
    String kept = value.substring(0, sig).trim();
    return kept.endsWith(",") ? kept.substring(0, kept.length() - 1) : kept;
  }
}
