package dev.claudebedrock.sim.http;

import dev.claudebedrock.sim.Operation;
import dev.claudebedrock.sim.control.ControlApi;
import dev.claudebedrock.sim.errors.BedrockError;
import dev.claudebedrock.sim.errors.ErrorType;
import dev.claudebedrock.sim.faults.Fault;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request path, top to bottom: route on the raw path, read the body, record, authenticate, take a scripted
 * fault, then hand over to the operation. Any {@link BedrockError} on the way becomes the answer.
 */
final class RequestDispatcher implements Handler<HttpServerRequest> {
  /** Bedrock's InvokeModel body limit. */
  static final long MAX_BODY_BYTES = 25_000_000;
  private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);

  private final Vertx vertx;
  private final SimulatorServices services;
  private final Map<Operation, OperationHandler> handlers = new EnumMap<>(Operation.class);

  RequestDispatcher(Vertx vertx, SimulatorServices services) {
    this.vertx = vertx;
    this.services = services;
    ModelInvocationHandler invocation = new ModelInvocationHandler(services);
    InferenceProfilesHandler profiles = new InferenceProfilesHandler(services);
    handlers.put(Operation.INVOKE_MODEL, invocation);
    handlers.put(Operation.INVOKE_MODEL_WITH_RESPONSE_STREAM, invocation);
    handlers.put(Operation.COUNT_TOKENS, new CountTokensHandler(services));
    handlers.put(Operation.LIST_INFERENCE_PROFILES, profiles);
    handlers.put(Operation.GET_INFERENCE_PROFILE, profiles);
    handlers.put(Operation.MESSAGES, new MantleMessagesHandler(services));
    handlers.put(Operation.MESSAGES_COUNT_TOKENS, new MantleCountTokensHandler(services));
    handlers.put(Operation.GET_CALLER_IDENTITY, new StsHandler(services.authenticator().credentials()));
  }

  @Override
  public void handle(HttpServerRequest request) {
    long start = System.nanoTime();
    RawTarget target = RawTarget.of(request.uri());
    if (services.controlApi() != null && target.path().startsWith(ControlApi.PREFIX)) {
      services.controlApi().handle(request, target.path());
      return;
    }
    Route route = Route.match(request.method(), target.path());
    BodyReader.read(request, MAX_BODY_BYTES).onComplete(read -> {
      if (read.succeeded()) {
        answer(new Exchange(vertx, request, target, route, read.result().getBytes(), start, services.recorder()));
      } else if (read.cause() instanceof BodyReader.TooLarge) {
        refuseTooLarge(new Exchange(vertx, request, target, route, new byte[0], start, services.recorder()));
      }
      // Any other failure means the client went away while sending; there is nobody to answer.
    });
  }

  private void answer(Exchange exchange) {
    try {
      if (exchange.route() == null) {
        throw BedrockError.of(ErrorType.UNKNOWN_OPERATION);
      }
      services.authenticator().authenticate(exchange.authRequest());
      Optional<Fault> fault = takeFault(exchange);
      if (fault.isPresent()) {
        exchange.fault(fault.get());
        if (fault.get() instanceof Fault.HttpError error) {
          throw ScriptedErrors.toError(error, exchange.modelId());
        }
      }
      handlers.get(exchange.operation()).handle(exchange);
    } catch (BedrockError error) {
      ErrorResponses.send(exchange, error);
    } catch (RuntimeException bug) {
      LOG.error("Unexpected failure answering {} {}", exchange.operation().awsName(), exchange.requestId(), bug);
      ErrorResponses.send(exchange, BedrockError.of(ErrorType.INTERNAL_SERVER));
    }
  }

  private Optional<Fault> takeFault(Exchange exchange) {
    if (!services.faults().hasPending()) {
      return Optional.empty(); // the common case: spare the model lookup
    }
    String baseModel = exchange.modelId() != null
        ? services.catalog().find(exchange.modelId()).map(resolved -> resolved.model().id()).orElse(null)
        : null;
    return services.faults().take(exchange.operation(), exchange.modelId(), baseModel);
  }

  private static void refuseTooLarge(Exchange exchange) {
    BedrockError error = BedrockError.validation("1 validation error detected: Value at 'body' failed to satisfy "
        + "constraint: Member must have length less than or equal to " + MAX_BODY_BYTES);
    // The rest of the body is never read, so the connection cannot be reused.
    exchange.closeAfterResponse();
    ErrorResponses.send(exchange, error);
  }
}
