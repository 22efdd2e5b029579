package dev.claudebedrock.proxy.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Fetching {@code image_url} parts with an http(s) URL in the OpenAI front door (docs/openai.md "Images from URLs"):
 * off unless the operator turns it on, and then bounded in size, time, redirects and count, never to a loopback,
 * link-local, private, unspecified or multicast address unless one of {@code allowed_networks} holds it.
 *
 * @param enabled whether the gateway fetches http(s) image URLs at all (else they are a 400)
 * @param maxBytes the largest image accepted, in bytes
 * @param timeout how long fetching one image may take, redirects included
 * @param maxRedirects how many redirects one image may follow, each re-checked
 * @param maxImages how many images one request may ask the gateway to fetch
 * @param allowedNetworks CIDR ranges (e.g. an internal image host's {@code 10.1.2.0/24}) exempt from the address guard
 */
public record ImageFetchConfig(boolean enabled, int maxBytes, Duration timeout, int maxRedirects, int maxImages,
    List<String> allowedNetworks) {
  /** Off. */
  public static final ImageFetchConfig OFF = new ImageFetchConfig(false, 5 * 1024 * 1024, Duration.ofSeconds(10), 3,
      8, List.of());

  public ImageFetchConfig {
    allowedNetworks = List.copyOf(allowedNetworks);
  }

  static ImageFetchConfig read(ConfigSection s) {
    boolean enabled = s.bool("enabled", false);
    int maxBytes = s.integer("max_bytes", OFF.maxBytes(), 1024, 32 * 1024 * 1024);
    Duration timeout = s.duration("timeout_ms", (int) OFF.timeout().toMillis(), 100, 120_000, ChronoUnit.MILLIS);
    int maxRedirects = s.integer("max_redirects", OFF.maxRedirects(), 0, 10);
    int maxImages = s.integer("max_images", OFF.maxImages(), 1, 100);
    List<String> networks = s.strings("allowed_networks", List.of());
    for (String network : networks) {
      if (!isCidr(network)) {
        throw s.invalid("allowed_networks", network, "CIDR ranges such as 10.1.2.0/24 or fd00:1::/64");
      }
    }
    s.finish();
    return new ImageFetchConfig(enabled, maxBytes, timeout, maxRedirects, maxImages, networks);
  }

  private static boolean isCidr(String text) {
    int slash = text.indexOf('/');
    String address = slash < 0 ? "" : text.substring(0, slash);
    // Only literal addresses: a name here would be looked up in DNS.
    if (!address.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
      return false;
    }
    try {
      int bits = Integer.parseInt(text.substring(slash + 1));
      return bits >= 0 && bits <= InetAddress.getByName(address).getAddress().length * 8;
    } catch (NumberFormatException | UnknownHostException e) {
      return false;
    }
  }
}
