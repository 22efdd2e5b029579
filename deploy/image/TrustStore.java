import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collections;

/**
 * Writes a PKCS12 trust store holding the running JDK's certificate authorities plus every
 * certificate of the given PEM files, for the Maven steps of an image build behind a
 * TLS-inspecting proxy. Run as a source file: {@code java TrustStore.java OUT PEM...}.
 */
public final class TrustStore {
  private static final char[] PASSWORD = "changeit".toCharArray();

  private TrustStore() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: java TrustStore.java OUT.p12 CERTIFICATES.pem...");
      System.exit(2);
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    Path jdkCertificates = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
    KeyStore jdk = KeyStore.getInstance(jdkCertificates.toFile(), PASSWORD);
    for (String alias : Collections.list(jdk.aliases())) {
      if (jdk.isCertificateEntry(alias)) {
        store.setCertificateEntry(alias, jdk.getCertificate(alias));
      }
    }
    int added = 0;
    CertificateFactory x509 = CertificateFactory.getInstance("X.509");
    for (int i = 1; i < args.length; i++) {
      try (InputStream in = Files.newInputStream(Path.of(args[i]))) {
        for (Certificate certificate : x509.generateCertificates(in)) {
          store.setCertificateEntry("extra-" + added++, certificate);
        }
      }
    }
    try (OutputStream out = Files.newOutputStream(Path.of(args[0]))) {
      store.store(out, PASSWORD);
    }
    System.out.println("Build trust store: " + jdk.size() + " JDK certificate authorities and " + added + " extra");
  }
}
