package dev.claudebedrock.proxy.doctor;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The Java runtime can speak TLS to AWS: a default TLS context, elliptic-curve key exchange and a
 * trust store with certificate authorities. A runtime trimmed too far (jlink) fails here first.
 */
final class RuntimeCheck {
  private RuntimeCheck() {}

  static void run(boolean tlsNeeded, Report report) {
    String java = "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")";
    try {
      SSLContext context = SSLContext.getDefault();
      List<String> protocols = Arrays.asList(context.getSupportedSSLParameters().getProtocols());
      KeyPairGenerator.getInstance("EC").generateKeyPair();
      KeyPairGenerator.getInstance("X25519").generateKeyPair();
      int authorities = trustedAuthorities();
      String tls = protocols.contains("TLSv1.3") ? "TLS 1.3"
          : protocols.contains("TLSv1.2") ? "TLS 1.2" : "no TLS 1.2+";
      String detail = java + "; " + tls + ", " + authorities + " trusted certificate authorities";
      if (tlsNeeded && authorities == 0) {
        report.fail("Java runtime", detail, List.of(
            "The trust store is empty, so no AWS certificate can be verified: run the image's runtime, or point "
                + "-Djavax.net.ssl.trustStore at a store with the public CAs (and your TLS-inspecting proxy's CA, if any)."));
      } else {
        report.ok("Java runtime", detail);
      }
    } catch (GeneralSecurityException | RuntimeException | LinkageError e) {
      report.fail("Java runtime", java + " cannot set up TLS: " + e, List.of(
          "The runtime lacks a security module (java.base, jdk.crypto.ec, java.naming): rebuild the image from the "
              + "project's Dockerfile, or run the jar on a full JDK 21+."));
    }
  }

  private static int trustedAuthorities() throws GeneralSecurityException {
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init((KeyStore) null);
    int count = 0;
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509TrustManager x509) {
        count += x509.getAcceptedIssuers().length;
      }
    }
    return count;
  }
}
