package dev.claudebedrock.proxy.openai;

import dev.claudebedrock.proxy.config.ImageFetchConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Fetches one image from an http(s) URL a client named, within the operator's bounds: the name resolved off the event
 * loop, every address it resolved to checked by the {@link AddressGuard}, the connection made to the address checked
 * (the URL's host still names the server for {@code Host}, SNI and the certificate), redirects followed by hand and
 * each one checked again, the whole within the timeout, the body within the size cap and of an image type Claude
 * reads. Every refusal is a 400 naming the request field, worded for the client (never the URL's path or query,
 * which may hold a token).
 */
final class ImageFetcher {
  /** A fetched image. */
  record Image(String mediaType, byte[] bytes) {}

  private final Vertx vertx;
  private final ImageFetchConfig config;
  private final AddressGuard guard;

  ImageFetcher(Vertx vertx, ImageFetchConfig config) {
    this.vertx = vertx;
    this.config = config;
    this.guard = new AddressGuard(config.allowedNetworks());
  }

  /** The image at {@code url}; fails with the 400 to answer, about {@code param}. */
  Future<Image> fetch(String url, String param) {
    long timeoutMs = config.timeout().toMillis();
    HttpClient client = vertx.createHttpClient(new HttpClientOptions()
        .setKeepAlive(false)
        .setConnectTimeout((int) timeoutMs)
        .setDecompressionSupported(false)
        .setMaxHeaderSize(16 * 1024)
        .setVerifyHost(true));
    Promise<Image> result = Promise.promise();
    long timer = vertx.setTimer(timeoutMs, id -> result.tryFail(Invalid.field(param,
        "fetching the image took longer than " + timeoutMs + " ms (openai.image_fetch.timeout_ms)")));
    try {
      follow(client, new URI(url), 0, param, result);
    } catch (URISyntaxException e) {
      result.tryFail(Invalid.field(param, "not a valid URL"));
    }
    return result.future().onComplete(done -> {
      vertx.cancelTimer(timer);
      client.close(); // also ends a fetch the timeout cut short
    });
  }

  private void follow(HttpClient client, URI uri, int redirects, String param, Promise<Image> result) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      result.tryFail(Invalid.field(param, redirects == 0 ? "expected an http(s) URL"
          : "the image URL redirected to a URL that is not http(s)"));
      return;
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      result.tryFail(Invalid.field(param, "not a valid URL: it names no host"));
      return;
    }
    if (uri.getRawUserInfo() != null) {
      result.tryFail(Invalid.field(param, "URLs with credentials in them are not fetched"));
      return;
    }
    String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    boolean tls = scheme.equals("https");
    int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
    vertx.executeBlocking(() -> InetAddress.getAllByName(name), false).onComplete(resolved -> {
      if (result.future().isComplete()) {
        return;
      }
      if (resolved.failed()) {
        result.tryFail(Invalid.field(param, "the image URL's host " + host + " could not be resolved"));
        return;
      }
      for (InetAddress address : resolved.result()) {
        String refusal = guard.refusal(address);
        if (refusal != null) {
          result.tryFail(Invalid.field(param, "the image URL's host " + host + " resolves to " + refusal
              + ", which the gateway does not fetch from"));
          return;
        }
      }
      InetAddress checked = resolved.result()[0];
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      RequestOptions options = new RequestOptions()
          .setMethod(HttpMethod.GET)
          .setServer(SocketAddress.inetSocketAddress(port, checked.getHostAddress()))
          .setHost(name)
          .setPort(port)
          .setSsl(tls)
          .setURI(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery())
          .setFollowRedirects(false)
          .putHeader("accept", String.join(", ", ImageParts.MEDIA_TYPES.stream().sorted().toList()));
      client.request(options).compose(request -> request.send()).onComplete(sent -> {
        if (sent.failed()) {
          result.tryFail(Invalid.field(param, "the image could not be fetched from " + host + " ("
              + sent.cause().getClass().getSimpleName() + ")"));
          return;
        }
        answered(client, uri, sent.result(), redirects, param, result);
      });
    });
  }

  private void answered(HttpClient client, URI uri, HttpClientResponse response, int redirects, String param,
      Promise<Image> result) {
    int status = response.statusCode();
    String location = response.getHeader("location");
    if (status >= 300 && status < 400 && location != null) {
      response.request().reset();
      if (redirects >= config.maxRedirects()) {
        result.tryFail(Invalid.field(param, "the image URL redirected more than " + config.maxRedirects()
            + " times (openai.image_fetch.max_redirects)"));
        return;
      }
      try {
        follow(client, uri.resolve(new URI(location)), redirects + 1, param, result);
      } catch (URISyntaxException | IllegalArgumentException e) {
        result.tryFail(Invalid.field(param, "the image URL redirected to an invalid URL"));
      }
      return;
    }
    if (status != 200) {
      response.request().reset();
      result.tryFail(Invalid.field(param, "the image URL answered HTTP " + status));
      return;
    }
    String type = response.getHeader("content-type");
    String mediaType = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!ImageParts.MEDIA_TYPES.contains(mediaType)) {
      response.request().reset();
      result.tryFail(Invalid.field(param, "the image URL answered with content type \""
          + (mediaType.length() > 64 ? mediaType.substring(0, 64) : mediaType) + "\"; expected one of "
          + ImageParts.MEDIA_TYPES.stream().sorted().toList()));
      return;
    }
    String length = response.getHeader("content-length");
    if (length != null && length.strip().matches("\\d{1,18}") && Long.parseLong(length.strip()) > config.maxBytes()) {
      response.request().reset();
      result.tryFail(tooLarge(param));
      return;
    }
    Buffer body = Buffer.buffer();
    response.handler(chunk -> {
      if (result.future().isComplete()) {
        return;
      }
      if (body.length() + chunk.length() > config.maxBytes()) {
        result.tryFail(tooLarge(param));
        response.request().reset();
        return;
      }
      body.appendBuffer(chunk);
    });
    response.exceptionHandler(failure -> result.tryFail(Invalid.field(param,
        "the connection broke while the image was read (" + failure.getClass().getSimpleName() + ")")));
    response.endHandler(v -> result.tryComplete(new Image(mediaType, body.getBytes())));
  }

  private RuntimeException tooLarge(String param) {
    return Invalid.field(param, "the image is larger than " + config.maxBytes()
        + " bytes (openai.image_fetch.max_bytes)");
  }
}
