package dev.claudebedrock.sim.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.claudebedrock.sim.models.ResolvedModel;
import dev.claudebedrock.sim.reply.Completion;
import dev.claudebedrock.sim.reply.MessageJson;
import dev.claudebedrock.sim.stream.EventStreamFraming;
import dev.claudebedrock.sim.stream.Padding;
import dev.claudebedrock.sim.stream.StreamSession;
import dev.claudebedrock.sim.stream.Timing;
import dev.claudebedrock.sim.validation.JsonBodies;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/** InvokeModel and InvokeModelWithResponseStream: resolve, validate, generate, then answer as JSON or as a stream. */
final class ModelInvocationHandler implements OperationHandler {
  private final SimulatorServices services;

  ModelInvocationHandler(SimulatorServices services) {
    this.services = services;
  }

  @Override
  public void handle(Exchange exchange) {
    ResolvedModel model = services.catalog().resolveForInvoke(exchange.modelId());
    ContentTypes.requireJson(exchange);
    ObjectNode body = JsonBodies.parseObject(exchange.body());
    services.validator().validate(body);
    Completion completion = services.replies().complete(body, model.model());
    Timing timing = services.timing().get();
    if (exchange.operation().streaming()) {
      StreamSession session = new StreamSession(exchange.vertx(), exchange.response(), exchange.requestId(), completion,
          timing, exchange.fault(), new EventStreamFraming(Padding.forBody(exchange.body())), exchange.startNanos(),
          exchange);
      exchange.whenCancelled(session::cancel);
      session.start();
      return;
    }
    Delivery.Response response = new Delivery.Response(200, ContentTypes.JSON, MessageJson.render(completion),
        Map.of());
    Delivery.send(exchange, response, timing.nanosUntilComplete(completion.outputTokens()), http -> http
        .putHeader("X-Amzn-Bedrock-Invocation-Latency",
            String.valueOf(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - exchange.startNanos())))
        .putHeader("X-Amzn-Bedrock-Input-Token-Count", String.valueOf(completion.usage().inputTokens()))
        .putHeader("X-Amzn-Bedrock-Output-Token-Count", String.valueOf(completion.outputTokens()))
        .putHeader("X-Amzn-Bedrock-Cache-Read-Input-Token-Count", String.valueOf(completion.usage().cacheReadTokens()))
        .putHeader("X-Amzn-Bedrock-Cache-Write-Input-Token-Count",
            String.valueOf(completion.usage().cacheCreationTokens())));
  }
}
