package dev.claudebedrock.proxy.doctor;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * What to do about the errors AWS answers when the credentials, the region or the network are wrong.
 * They are the same for STS and Bedrock, and the same for every model, so they are reported once.
 */
final class Advice {
  private static final Pattern EXPECTED_REGION = Pattern.compile("Expected scope: \\d{8}/([a-z0-9-]+)/");

  private Advice() {}

  /** Fix steps for an AWS error caused by the caller's credentials or region, or empty for other errors. */
  static Optional<List<String>> forAuthError(String code, String message, String region) {
    String type = code.toLowerCase(Locale.ROOT);
    String text = message == null ? "" : message;
    if (text.contains("scoped to a valid region") || text.contains("scoped to correct region")) {
      Matcher expected = EXPECTED_REGION.matcher(text);
      String want = expected.find() ? expected.group(1) : "";
      return Optional.of(List.of(
          "Requests are signed for region " + region + ", but the endpoint serves "
              + (want.isEmpty() ? "another region" : want) + ".",
          "Set AWS_REGION to " + (want.isEmpty() ? "the endpoint's region" : want) + ", or point BEDROCK_ENDPOINT and "
              + "AWS_ENDPOINT_URL_STS at the endpoints of " + region + "."));
    }
    if (text.contains("Signature expired") || type.contains("requesttimetooskewed") || text.contains("too skewed")) {
      return Optional.of(List.of("The clock of this host is off by more than 5 minutes: synchronise it (NTP)."));
    }
    if (type.startsWith("expiredtoken")) {
      return Optional.of(List.of(
          "The temporary credentials have expired: refresh them (aws sso login, assume the role again, rotate the "
              + "secret), or give the gateway a role it refreshes itself (IRSA, ECS task role, instance profile)."));
    }
    if (type.startsWith("unrecognizedclient") || type.equals("invalidclienttokenid")) {
      return Optional.of(List.of(
          "AWS does not know this access key id: it was deleted or deactivated, or belongs to another partition.",
          "Create a new access key (or use a role) and update AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or their "
              + "_FILE secrets."));
    }
    if (type.startsWith("invalidsignature") || type.equals("signaturedoesnotmatch")
        || type.startsWith("incompletesignature")) {
      return Optional.of(List.of(
          "The secret access key does not belong to the access key id: check AWS_SECRET_ACCESS_KEY (or the file "
              + "named by AWS_SECRET_ACCESS_KEY_FILE) and that the session token, if any, belongs to the same keys."));
    }
    if (type.startsWith("missingauthenticationtoken")) {
      return Optional.of(List.of("The request reached AWS unsigned: give the gateway AWS credentials."));
    }
    return Optional.empty();
  }

  /** What a failure to reach an endpoint means, and what to check. */
  static List<String> forConnectionFailure(Throwable failure, String endpoint, String variable) {
    if (causedBy(failure, UnknownHostException.class)) {
      return List.of("The host of " + endpoint + " does not resolve: check the container's DNS, or the private DNS of "
          + "your VPC endpoint; " + variable + " replaces the endpoint.");
    }
    if (causedBy(failure, SSLException.class)) {
      return List.of("TLS with " + endpoint + " failed: a TLS-inspecting proxy needs its CA in the Java trust store; "
          + "a VPC endpoint needs its AWS DNS name or a certificate for the name you use.");
    }
    if (causedBy(failure, ConnectException.class) || causedBy(failure, HttpTimeoutException.class)
        || causedBy(failure, SocketTimeoutException.class)) {
      return List.of("No connection to " + endpoint + ": check the network path (security groups, NACLs, routes, "
          + "a VPC endpoint, or an HTTPS proxy given to Java with JAVA_TOOL_OPTIONS=-Dhttps.proxyHost=… "
          + "-Dhttps.proxyPort=…); " + variable + " replaces the endpoint.");
    }
    return List.of("Check that " + endpoint + " is reachable from this host; " + variable + " replaces the endpoint.");
  }

  /** One line describing a failure, without stack traces or the wrappers of asynchronous calls. */
  static String describe(Throwable failure) {
    Throwable shown = failure;
    while ((shown instanceof CompletionException || shown instanceof ExecutionException) && shown.getCause() != null) {
      shown = shown.getCause();
    }
    String message = shown.getMessage();
    return shown.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message.strip());
  }

  private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }
}
