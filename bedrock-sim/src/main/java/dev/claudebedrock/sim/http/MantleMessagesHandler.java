package dev.claudebedrock.sim.http;

import dev.claudebedrock.sim.reply.Completion;
import dev.claudebedrock.sim.reply.MessageJson;
import dev.claudebedrock.sim.stream.SseFraming;
import dev.claudebedrock.sim.stream.StreamSession;
import dev.claudebedrock.sim.stream.Timing;
import java.util.Map;

/**
 * {@code POST /anthropic/v1/messages}, Bedrock's native Messages API: the same replies as InvokeModel, answered as
 * the Anthropic API answers them (a Message, or server-sent events when the body asks for a stream).
 */
final class MantleMessagesHandler implements OperationHandler {
  private static final SseFraming SSE = new SseFraming();

  private final SimulatorServices services;

  MantleMessagesHandler(SimulatorServices services) {
    this.services = services;
  }

  @Override
  public void handle(Exchange exchange) {
    MantleBodies request = MantleBodies.read(exchange, services, false);
    Completion completion = services.replies().complete(request.invoke(), request.model().model());
    Timing timing = services.timing().get();
    if (request.stream()) {
      StreamSession session = new StreamSession(exchange.vertx(), exchange.response(), exchange.requestId(), completion,
          timing, exchange.fault(), SSE, exchange.startNanos(), exchange);
      exchange.whenCancelled(session::cancel);
      session.start();
      return;
    }
    Delivery.Response response = new Delivery.Response(200, ContentTypes.JSON, MessageJson.render(completion),
        Map.of("request-id", exchange.requestId()));
    Delivery.send(exchange, response, timing.nanosUntilComplete(completion.outputTokens()), null);
  }
}
