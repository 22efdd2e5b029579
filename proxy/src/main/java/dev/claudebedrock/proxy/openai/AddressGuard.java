package dev.claudebedrock.proxy.openai;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which resolved addresses the gateway may fetch an image from: none that is loopback, link-local (169.254/16 with the
 * cloud metadata address, fe80::/10), private (10/8, 172.16/12, 192.168/16, fc00::/7, fec0::/10), unspecified
 * (0/8, ::), broadcast or multicast, unless an operator's allowed network holds it. Checked on the addresses a name
 * resolved to, and the connection then goes to the address checked, so a DNS answer that changes in between cannot
 * lead anywhere else.
 */
final class AddressGuard {
  private final List<Network> allowed;

  /** @param allowedNetworks CIDR ranges exempt from the guard (validated by the configuration) */
  AddressGuard(List<String> allowedNetworks) {
    List<Network> networks = new ArrayList<>();
    for (String cidr : allowedNetworks) {
      networks.add(Network.parse(cidr));
    }
    this.allowed = List.copyOf(networks);
  }

  /** Why the address is refused (e.g. {@code a private address}), or null when the gateway may connect to it. */
  String refusal(InetAddress address) {
    for (Network network : allowed) {
      if (network.contains(address)) {
        return null;
      }
    }
    byte[] bytes = address.getAddress();
    if (address.isLoopbackAddress()) {
      return "a loopback address";
    }
    if (address.isLinkLocalAddress()) {
      return "a link-local address";
    }
    if (address.isAnyLocalAddress() || bytes.length == 4 && bytes[0] == 0) {
      return "an unspecified address";
    }
    if (address.isMulticastAddress() || bytes.length == 4 && (bytes[0] & 0xff) == 255) {
      return "a multicast or broadcast address";
    }
    if (address.isSiteLocalAddress() || address instanceof Inet6Address && (bytes[0] & 0xfe) == 0xfc) {
      return "a private address";
    }
    return null;
  }

  /** A CIDR range. */
  private record Network(byte[] prefix, int bits) {
    static Network parse(String cidr) {
      int slash = cidr.indexOf('/');
      try {
        return new Network(InetAddress.getByName(cidr.substring(0, slash)).getAddress(),
            Integer.parseInt(cidr.substring(slash + 1)));
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("not a CIDR range: " + cidr, e);
      }
    }

    boolean contains(InetAddress address) {
      byte[] bytes = address.getAddress();
      if (bytes.length != prefix.length) {
        return false;
      }
      int whole = bits / 8;
      for (int i = 0; i < whole; i++) {
        if (bytes[i] != prefix[i]) {
          return false;
        }
      }
      int rest = bits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (bytes[whole] & mask) == (prefix[whole] & mask);
    }
  }
}
