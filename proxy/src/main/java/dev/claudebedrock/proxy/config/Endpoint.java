package dev.claudebedrock.proxy.config;

import java.net.URI;
import java.util.Locale;

/**
 * An upstream base URL: scheme, host, port and an optional path prefix, fixed by the operator.
 * Nothing a client sends can change it.
 *
 * @param setting which setting gave it, for messages that must not show the host itself (e.g.
 *     {@code aws.control_plane_endpoint, from environment variable AWS_ENDPOINT_URL_BEDROCK}); empty when unknown
 */
public record Endpoint(boolean tls, String host, int port, String basePath, String setting) {

  /** An endpoint whose setting is not recorded. */
  public Endpoint(boolean tls, String host, int port, String basePath) {
    this(tls, host, port, basePath, "");
  }

  /** The same URL, noting which setting gave it. */
  public Endpoint withSetting(String setting) {
    return new Endpoint(tls, host, port, basePath, setting);
  }

  /** Parses {@code http(s)://host[:port][/prefix]}; throws {@link IllegalArgumentException} otherwise. */
  public static Endpoint parse(String url) {
    URI uri;
    try {
      uri = URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a URL", e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("scheme must be http or https");
    }
    if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("expected scheme://host[:port][/path] only");
    }
    boolean tls = scheme.equals("https");
    int port = uri.getPort() > 0 ? uri.getPort() : (tls ? 443 : 80);
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return new Endpoint(tls, uri.getHost(), port, path);
  }

  /** The regional Bedrock Runtime endpoint. */
  public static Endpoint bedrockRuntime(String region) {
    return new Endpoint(true, "bedrock-runtime." + region + "." + dnsSuffix(region), 443, "");
  }

  /** The regional endpoint of Bedrock's native Messages API, {@code https://bedrock-mantle.<region>.api.aws/anthropic}. */
  public static Endpoint bedrockMantle(String region) {
    return new Endpoint(true, "bedrock-mantle." + region + ".api.aws", 443, "/anthropic");
  }

  /** The regional Bedrock control-plane endpoint (inference profiles). */
  public static Endpoint bedrockControlPlane(String region) {
    return new Endpoint(true, "bedrock." + region + "." + dnsSuffix(region), 443, "");
  }

  /** The regional STS endpoint. */
  public static Endpoint sts(String region) {
    return new Endpoint(true, "sts." + region + "." + dnsSuffix(region), 443, "");
  }

  private static String dnsSuffix(String region) {
    return region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
  }

  /** Whether the port is the scheme's default (443 for https, 80 for http). */
  public boolean defaultPort() {
    return tls ? port == 443 : port == 80;
  }

  /** {@code Host} header value: the port is omitted when it is the scheme's default. */
  public String authority() {
    return defaultPort() ? host : host + ":" + port;
  }

  /** The URL text, e.g. for logs. */
  public String url() {
    return (tls ? "https://" : "http://") + authority() + basePath;
  }

  @Override
  public String toString() {
    return url();
  }
}
