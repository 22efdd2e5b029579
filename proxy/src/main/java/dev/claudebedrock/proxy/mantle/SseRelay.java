package dev.claudebedrock.proxy.mantle;

import dev.claudebedrock.proxy.bedrock.BedrockError;
import dev.claudebedrock.proxy.bedrock.SseDecoder;
import dev.claudebedrock.proxy.core.EventJson;
import dev.claudebedrock.proxy.core.StreamEvent;
import dev.claudebedrock.proxy.gateway.BedrockErrorMapping;
import dev.claudebedrock.proxy.gateway.MessagesEventRelay;
import dev.claudebedrock.proxy.server.Exchange;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;

/**
 * Relays the native Messages API's server-sent events as Messages events, one for one, as they arrive. Events pass
 * byte for byte except {@code message_start}, which carries the model name the client asked for (as on InvokeModel);
 * usage and stop reasons are read on the way for accounting, and an {@code error} event becomes the gateway's error
 * of the same kind, mapped as InvokeModel's exception frames are.
 */
public final class SseRelay extends MessagesEventRelay implements SseDecoder.Listener {
  private final SseDecoder decoder = new SseDecoder(this);

  public SseRelay(HttpClientResponse upstream, String clientModel, BedrockErrorMapping errors, Exchange exchange) {
    super(upstream, clientModel, errors, exchange);
  }

  @Override
  protected boolean decode(Buffer bytes) {
    return decoder.feed(bytes);
  }

  @Override
  protected String undecodable() {
    return "Bedrock sent a server-sent event larger than the gateway accepts";
  }

  @Override
  public void onEvent(String name, byte[] json) {
    relay(name.isEmpty() ? EventJson.type(json) : name, json);
  }

  @Override
  protected StreamEvent messageStop(byte[] json) {
    return event("message_stop", json);
  }

  @Override
  protected void onErrorEvent(byte[] json) {
    failWith(BedrockError.fromErrorEvent(json));
  }
}
