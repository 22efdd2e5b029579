package dev.claudebedrock.proxy.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made with the JDK's
 * keytool: as PEM files (nginx), a PKCS12 trust store (another JVM), and an SSLContext trusting it.
 */
public final class TestCertificates {
  public static final char[] PASSWORD = "changeit".toCharArray();

  public final Path certificatePem;
  public final Path privateKeyPem;
  public final Path trustStore;
  public final Path keyStore;

  private TestCertificates(Path dir) {
    this.certificatePem = dir.resolve("fullchain.pem");
    this.privateKeyPem = dir.resolve("privkey.pem");
    this.trustStore = dir.resolve("trust.p12");
    this.keyStore = dir.resolve("key.p12");
  }

  public static TestCertificates create(Path dir) {
    TestCertificates certificates = new TestCertificates(dir);
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    String password = new String(PASSWORD);
    keytool(dir, keytool.toString(), "-genkeypair", "-alias", "localhost", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
        "-keystore", certificates.keyStore.toString(), "-storetype", "PKCS12", "-storepass", password);
    keytool(dir, keytool.toString(), "-exportcert", "-rfc", "-alias", "localhost", "-file",
        certificates.certificatePem.toString(),
        "-keystore", certificates.keyStore.toString(), "-storepass", password);
    keytool(dir, keytool.toString(), "-importcert", "-noprompt", "-alias", "localhost", "-file",
        certificates.certificatePem.toString(),
        "-keystore", certificates.trustStore.toString(), "-storetype", "PKCS12", "-storepass", password);
    try {
      KeyStore store = load(certificates.keyStore);
      PrivateKey key = (PrivateKey) store.getKey("localhost", PASSWORD);
      String pem = "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
          + "\n-----END PRIVATE KEY-----\n";
      Files.writeString(certificates.privateKeyPem, pem, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    return certificates;
  }

  /** A TLS context that trusts exactly this certificate. */
  public SSLContext clientContext() {
    try {
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      Certificate certificate = load(keyStore).getCertificate("localhost");
      trusted.setCertificateEntry("localhost", certificate);
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyStore load(Path file) throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, PASSWORD);
    }
    return store;
  }

  private static void keytool(Path dir, String... command) {
    try {
      Process process = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor()).as(String.join(" ", command) + "\n" + output).isZero();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
