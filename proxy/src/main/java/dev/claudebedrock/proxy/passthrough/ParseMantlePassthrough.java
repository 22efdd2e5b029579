package dev.claudebedrock.proxy.passthrough;

import dev.claudebedrock.proxy.bedrock.BedrockCall;
import dev.claudebedrock.proxy.bedrock.Operation;
import dev.claudebedrock.proxy.bedrock.ResolvedModel;
import dev.claudebedrock.proxy.config.UpstreamApi;
import dev.claudebedrock.proxy.core.MessagesRequest;
import dev.claudebedrock.proxy.gateway.Plan;
import dev.claudebedrock.proxy.gateway.Target;
import dev.claudebedrock.proxy.gateway.Targets;
import dev.claudebedrock.proxy.server.Exchange;
import dev.claudebedrock.proxy.server.Interceptor;
import dev.claudebedrock.proxy.server.ReadBody;
import dev.claudebedrock.proxy.server.Reply;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pass-through to Bedrock's native Messages API ({@code /mantle/v1/messages} and its {@code count_tokens}): the
 * call the gateway makes for a parsed request, to the configured endpoint of the first target with
 * {@code api: mantle} (else the default target's, by default the region's), with the body byte for byte as the
 * client sent it and a fresh header set the gateway signs. The query string ({@code ?beta=true}) stays behind.
 */
public final class ParseMantlePassthrough implements Interceptor {
  private final Target target;
  private final Operation operation;

  /** @param operation {@link Operation#MESSAGES} or {@link Operation#MESSAGES_COUNT_TOKENS} */
  public ParseMantlePassthrough(Targets targets, Operation operation) {
    this.target = targets.all().stream().filter(t -> t.api() == UpstreamApi.MANTLE).findFirst()
        .orElse(targets.defaultTarget());
    this.operation = operation;
  }

  @Override
  public Future<Reply> intercept(Chain chain) {
    Exchange exchange = chain.exchange();
    MessagesRequest request = exchange.get(MessagesRequest.KEY);
    String model = request.model();
    exchange.put(BedrockCall.MANTLE_KEY, new BedrockCall(operation, "POST", null,
        towardsMantle(exchange.request().headers()), exchange.get(ReadBody.BODY)));
    exchange.put(Plan.KEY, new Plan(new ResolvedModel(model, model, model), "passthrough",
        List.of(new Plan.Step(target, model, model))));
    exchange.facts().bedrockModel(model).routeChoice("passthrough");
    return chain.proceed();
  }

  /**
   * What describes the call: content type, accept, the API's version and betas, Bedrock options. The client's
   * credentials, host, hop-by-hop and compression headers never leave the gateway.
   */
  static MultiMap towardsMantle(MultiMap client) {
    MultiMap upstream = HttpHeaders.headers();
    for (Map.Entry<String, String> header : client) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (name.equals("content-type") || name.equals("accept") || name.equals("anthropic-version")
          || name.equals("anthropic-beta") || name.startsWith("x-amzn-bedrock-")) {
        upstream.add(name, header.getValue());
      }
    }
    return upstream;
  }
}
