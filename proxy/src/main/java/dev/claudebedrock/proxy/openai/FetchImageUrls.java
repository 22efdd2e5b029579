package dev.claudebedrock.proxy.openai;

import dev.claudebedrock.proxy.config.ImageFetchConfig;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.Interceptor;
import dev.claudebedrock.proxy.server.Reply;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/**
 * Fetches the images a Chat Completions request names by http(s) URL (only when the operator allows it:
 * {@code openai.image_fetch}) and puts them inline in the Messages request, as Bedrock takes images only inline. All
 * of a request's images are fetched at once; any one refused or failing answers the request with its 400.
 */
public final class FetchImageUrls implements Interceptor {
  private final ImageFetcher fetcher;
  private final int maxImages;

  public FetchImageUrls(Vertx vertx, ImageFetchConfig config) {
    this.fetcher = new ImageFetcher(vertx, config);
    this.maxImages = config.maxImages();
  }

  @Override
  public Future<Reply> intercept(Chain chain) {
    Exchange exchange = chain.exchange();
    List<RemoteImage> images = exchange.get(ChatRequest.KEY).remoteImages();
    if (images.isEmpty()) {
      return chain.proceed();
    }
    if (images.size() > maxImages) {
      return Future.failedFuture(Invalid.field(images.get(maxImages).param(), "more than " + maxImages
          + " images to fetch from URLs in one request (openai.image_fetch.max_images)"));
    }
    List<Future<ImageFetcher.Image>> fetches = new ArrayList<>(images.size());
    for (RemoteImage image : images) {
      fetches.add(fetcher.fetch(image.url(), image.param()));
    }
    return Future.all(fetches).compose(all -> {
      for (int i = 0; i < images.size(); i++) {
        ImageFetcher.Image image = fetches.get(i).result();
        ImageParts.inline(images.get(i).block(), image.mediaType(), image.bytes());
      }
      return chain.proceed();
    });
  }
}
