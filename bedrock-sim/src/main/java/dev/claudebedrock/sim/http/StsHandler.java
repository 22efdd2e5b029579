package dev.claudebedrock.sim.http;

import dev.claudebedrock.sim.auth.Credentials;
import dev.claudebedrock.sim.errors.BedrockError;
import dev.claudebedrock.sim.errors.ErrorType;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * STS GetCallerIdentity (query protocol: a form body, an XML answer), so that a client can check its credentials
 * against the simulator the way it would against AWS.
 */
final class StsHandler implements OperationHandler {
  private static final String VERSION = "2011-06-15";

  private final Credentials credentials;

  StsHandler(Credentials credentials) {
    this.credentials = credentials;
  }

  @Override
  public void handle(Exchange exchange) {
    Map<String, String> form = QueryParams.parse(new String(exchange.body(), StandardCharsets.UTF_8));
    String action = form.get("Action");
    if (action == null) {
      throw BedrockError.of(ErrorType.VALIDATION, "Request is missing Action");
    }
    if (!action.equals("GetCallerIdentity") || !VERSION.equals(form.get("Version"))) {
      throw BedrockError.of(ErrorType.VALIDATION,
          "Could not find operation " + action + " for version " + form.get("Version"));
    }
    String xml = "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/" + VERSION + "/\">\n"
        + "  <GetCallerIdentityResult>\n"
        + "    <Arn>arn:aws:iam::" + credentials.accountId() + ":user/bedrock-sim</Arn>\n"
        + "    <UserId>" + Xml.escape(userId()) + "</UserId>\n"
        + "    <Account>" + credentials.accountId() + "</Account>\n"
        + "  </GetCallerIdentityResult>\n"
        + "  <ResponseMetadata>\n    <RequestId>" + exchange.requestId() + "</RequestId>\n  </ResponseMetadata>\n"
        + "</GetCallerIdentityResponse>\n";
    Delivery.send(exchange, new Delivery.Response(200, "text/xml", xml.getBytes(StandardCharsets.UTF_8), Map.of()), 0,
        null);
  }

  // IAM user ids start with AIDA; derive a stable one from the access key id.
  private String userId() {
    String key = credentials.accessKeyId();
    return "AIDA" + (key.length() > 4 ? key.substring(4) : key);
  }
}
