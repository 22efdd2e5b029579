package dev.claudebedrock.proxy.bedrock;

import io.netty.buffer.ByteBuf;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * AWS Signature Version 4 for a request whose body is in memory, as AWS services other than S3
 * verify it and AWS's SDK signs: the path URI-encoded once more, the payload hash sent and signed,
 * every header signed.
 *
 * <p>It runs on every upstream call, so it does only that: one pass over the headers, the payload
 * hash, and one HMAC with a signing key derived once per day and secret (each thread keeps a {@link Mac} keyed
 * with it), the request time formatted once per second.
 */
public final class SigV4Signer {
  private static final String ALGORITHM = "AWS4-HMAC-SHA256";
  private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
      .withZone(ZoneOffset.UTC);
  /** Headers proxies and clients may change on the way; AWS's own signers leave them out too. */
  private static final Set<String> UNSIGNED = Set.of("connection", "x-amzn-trace-id", "user-agent", "expect");
  private static final HexFormat HEX = HexFormat.of();
  private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
    try {
      return Mac.getInstance("HmacSHA256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK always has HmacSHA256", e);
    }
  });
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  });

  private static final ThreadLocal<KeyedMac> SIGNING_MAC = ThreadLocal.withInitial(() -> {
    try {
      return new KeyedMac(Mac.getInstance("HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK always has HmacSHA256", e);
    }
  });

  private final String region;
  private final String service;
  private final Clock clock;
  private volatile SigningKey signingKey;
  private volatile Stamp stamp;

  public SigV4Signer(String region, String service, Clock clock) {
    this.region = region;
    this.service = service;
    this.clock = clock;
  }

  /** Adds {@code host}, {@code x-amz-date}, {@code x-amz-content-sha256}, the session token if any, and {@code authorization}. */
  public void sign(SignableRequest request, AwsCredentials credentials) {
    MultiMap headers = request.headers();
    Stamp stamp = stamp();
    String amzDate = stamp.amzDate();
    String date = stamp.date();
    headers.set("host", request.endpoint().authority());
    headers.set("x-amz-date", amzDate);
    String payloadHash = payloadHash(request.body());
    headers.set("x-amz-content-sha256", payloadHash);
    if (credentials instanceof AwsSessionCredentials session) {
      headers.set("x-amz-security-token", session.sessionToken());
    } else {
      headers.remove("x-amz-security-token");
    }
    headers.remove("authorization");

    TreeMap<String, List<String>> signed = new TreeMap<>();
    for (Map.Entry<String, String> header : headers) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (!UNSIGNED.contains(name)) {
        signed.computeIfAbsent(name, n -> new ArrayList<>(1)).add(header.getValue());
      }
    }
    String signedHeaders = String.join(";", signed.keySet());
    String canonical = canonicalRequest(request.method(), request.wirePath(), signed, signedHeaders, payloadHash);

    String scope = date + '/' + region + '/' + service + "/aws4_request";
    String stringToSign = ALGORITHM + '\n' + amzDate + '\n' + scope + '\n' + HEX.formatHex(sha256(canonical));
    byte[] signature = signingMac(signingKey(credentials.secretAccessKey(), date))
        .doFinal(stringToSign.getBytes(StandardCharsets.UTF_8));
    headers.set("authorization", ALGORITHM + " Credential=" + credentials.accessKeyId() + '/' + scope
        + ", SignedHeaders=" + signedHeaders + ", Signature=" + HEX.formatHex(signature));
  }

  private static String canonicalRequest(String method, String wirePath, TreeMap<String, List<String>> signed,
      String signedHeaders, String payloadHash) {
    int query = wirePath.indexOf('?');
    StringBuilder canonical = new StringBuilder(512)
        .append(method).append('\n')
        .append(canonicalUri(query < 0 ? wirePath : wirePath.substring(0, query))).append('\n')
        .append(query < 0 ? "" : canonicalQuery(wirePath.substring(query + 1))).append('\n');
    for (Map.Entry<String, List<String>> header : signed.entrySet()) {
      canonical.append(header.getKey()).append(':');
      List<String> values = header.getValue();
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          canonical.append(',');
        }
        appendTrimmed(canonical, values.get(i));
      }
      canonical.append('\n');
    }
    return canonical.append('\n').append(signedHeaders).append('\n').append(payloadHash).toString();
  }

  /** The raw path encoded once more, keeping {@code /}: {@code :} becomes {@code %3A}, {@code %2F} becomes {@code %252F}. */
  static String canonicalUri(String rawPath) {
    return rawPath.isEmpty() ? "/" : encode(rawPath, true);
  }

  /** Parameters percent-decoded, re-encoded strictly, sorted by name then value. */
  static String canonicalQuery(String rawQuery) {
    List<String[]> pairs = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      if (!pair.isEmpty()) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        pairs.add(new String[] {encode(decode(name), false), encode(decode(value), false)});
      }
    }
    pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
    StringBuilder out = new StringBuilder(rawQuery.length() + 16);
    for (String[] pair : pairs) {
      if (!out.isEmpty()) {
        out.append('&');
      }
      out.append(pair[0]).append('=').append(pair[1]);
    }
    return out.toString();
  }

  /** The request time, formatted once per second rather than once per request. */
  private Stamp stamp() {
    long second = clock.instant().getEpochSecond();
    Stamp stamp = this.stamp;
    if (stamp == null || stamp.second() != second) {
      String amzDate = AMZ_DATE.format(Instant.ofEpochSecond(second));
      stamp = new Stamp(second, amzDate, amzDate.substring(0, 8));
      this.stamp = stamp;
    }
    return stamp;
  }

  private SigningKey signingKey(String secret, String date) {
    SigningKey key = signingKey;
    if (key == null || !key.date().equals(date) || !key.secret().equals(secret)) {
      byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
      k = hmac(k, region);
      k = hmac(k, service);
      key = new SigningKey(secret, date, hmac(k, "aws4_request"));
      signingKey = key;
    }
    return key;
  }

  /**
   * This thread's HMAC already keyed with the signing key: {@code doFinal} leaves a {@link Mac} ready for the next
   * message under the same key, so the key is set up once per thread and key, not once per request.
   */
  private static Mac signingMac(SigningKey key) {
    KeyedMac keyed = SIGNING_MAC.get();
    if (keyed.key != key) {
      try {
        keyed.mac.init(new SecretKeySpec(key.key(), "HmacSHA256"));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("an HMAC key of any length is valid", e);
      }
      keyed.key = key;
    }
    return keyed.mac;
  }

  /**
   * The body's SHA-256 read where its bytes lie: a body made of slices (a spliced one: the client's bytes and the
   * edits') is hashed slice by slice, never joined into one buffer first.
   */
  private static String payloadHash(Buffer body) {
    MessageDigest digest = SHA256.get();
    if (body != null) {
      ByteBuf bytes = ((BufferInternal) body).getByteBuf();
      if (bytes.nioBufferCount() == 1) {
        digest.update(bytes.nioBuffer());
      } else {
        for (ByteBuffer slice : bytes.nioBuffers()) {
          digest.update(slice);
        }
      }
    }
    return HEX.formatHex(digest.digest());
  }

  private static byte[] sha256(String text) {
    return SHA256.get().digest(text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] hmac(byte[] key, String data) {
    Mac mac = HMAC.get();
    try {
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("an HMAC key of any length is valid", e);
    }
    return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
  }

  /** Trims the value and collapses runs of spaces inside it to one, as the canonical form wants. */
  private static void appendTrimmed(StringBuilder out, String value) {
    int start = 0;
    int end = value.length();
    while (start < end && Character.isWhitespace(value.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(value.charAt(end - 1))) {
      end--;
    }
    boolean space = false;
    for (int i = start; i < end; i++) {
      char c = value.charAt(i);
      if (Character.isWhitespace(c)) {
        space = true;
      } else {
        if (space) {
          out.append(' ');
          space = false;
        }
        out.append(c);
      }
    }
  }

  /** RFC 3986 encoding of every UTF-8 byte but the unreserved characters (and {@code /} when asked). */
  static String encode(String value, boolean keepSlash) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 16);
    for (byte raw : bytes) {
      int b = raw & 0xff;
      if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
          || b == '-' || b == '_' || b == '.' || b == '~' || (keepSlash && b == '/')) {
        out.append((char) b);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /** Percent-decodes as UTF-8; {@code +} stays itself (it is not a space outside forms); a broken escape stays raw. */
  private static String decode(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return raw;
    }
  }

  private record SigningKey(String secret, String date, byte[] key) {}

  private record Stamp(long second, String amzDate, String date) {}

  /** A thread's signing HMAC and the key it was last initialised with (compared by identity). */
  private static final class KeyedMac {
    private final Mac mac;
    private SigningKey key;

    KeyedMac(Mac mac) {
      this.mac = mac;
    }
  }
}
