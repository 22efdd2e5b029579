package dev.claudebedrock.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.claudebedrock.sim.errors.ErrorType;
import dev.claudebedrock.sim.faults.Fault;
import dev.claudebedrock.sim.faults.FaultScript;
import dev.claudebedrock.sim.testing.Bodies;
import dev.claudebedrock.sim.testing.SdkClients;
import dev.claudebedrock.sim.testing.SimulatorExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.AccessDeniedException;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.InternalServerException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelErrorException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelNotReadyException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelStreamErrorException;
import software.amazon.awssdk.services.bedrockruntime.model.ModelTimeoutException;
import software.amazon.awssdk.services.bedrockruntime.model.ResourceNotFoundException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.bedrockruntime.model.ServiceUnavailableException;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;
import software.amazon.awssdk.services.bedrockruntime.model.ValidationException;

/** Every Bedrock HTTP error, scripted as a fault, reaches the SDK as its typed exception with the right status. */
class ErrorTypesSdkTest {
  @RegisterExtension
  static final SimulatorExtension SIM = new SimulatorExtension();
  private static BedrockSimulator sim;
  private static BedrockRuntimeClient client;

  @BeforeAll
  static void start() {
    sim = SIM.sim();
    client = SdkClients.runtime(sim);
  }

  @AfterAll
  static void stop() {
    client.close();
  }

  @ParameterizedTest
  @EnumSource(value = ErrorType.class, names = "UNKNOWN_OPERATION", mode = EnumSource.Mode.EXCLUDE)
  void surfacesEachErrorTypeAsTheSdkSeesIt(ErrorType type) {
    sim.faults().script(FaultScript.httpError(type, "scripted " + type.wireName()));

    BedrockRuntimeException error = invokeExpectingError();

    assertThat(error.statusCode()).isEqualTo(type.status());
    assertThat(error.awsErrorDetails().errorCode()).isEqualTo(type.wireName());
    assertThat(error.awsErrorDetails().errorMessage()).isEqualTo("scripted " + type.wireName());
    Class<?> modeled = switch (type) {
      case VALIDATION -> ValidationException.class;
      case ACCESS_DENIED -> AccessDeniedException.class;
      case RESOURCE_NOT_FOUND -> ResourceNotFoundException.class;
      case THROTTLING -> ThrottlingException.class;
      case SERVICE_QUOTA_EXCEEDED -> ServiceQuotaExceededException.class;
      case MODEL_NOT_READY -> ModelNotReadyException.class;
      case MODEL_TIMEOUT -> ModelTimeoutException.class;
      case MODEL_ERROR -> ModelErrorException.class;
      case MODEL_STREAM_ERROR -> ModelStreamErrorException.class;
      case INTERNAL_SERVER -> InternalServerException.class;
      case SERVICE_UNAVAILABLE -> ServiceUnavailableException.class;
      // Authentication errors come from the AWS front end and are not in the service model.
      default -> BedrockRuntimeException.class;
    };
    assertThat(error).isExactlyInstanceOf(modeled);
    assertThat(error.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amzn-ErrorType"))
        .contains(type.errorTypeHeader());
  }

  @Test
  void givesModelErrorItsOriginalStatusAndResourceName() {
    sim.faults().script(FaultScript.httpError(ErrorType.MODEL_ERROR));

    ModelErrorException error = (ModelErrorException) invokeExpectingError();

    assertThat(error.originalStatusCode()).isEqualTo(500);
    assertThat(error.resourceName()).isEqualTo("anthropic.claude-haiku-4-5-20251001-v1:0");
  }

  @Test
  void addsRetryAfterAndExtraHeadersWhenScripted() {
    sim.faults().script(FaultScript
        .of(new Fault.HttpError(ErrorType.THROTTLING, null, 3, Map.of("x-sim-note", "slow down"), Map.of())));

    BedrockRuntimeException error = invokeExpectingError();

    var response = error.awsErrorDetails().sdkHttpResponse();
    assertThat(response.firstMatchingHeader("Retry-After")).contains("3");
    assertThat(response.firstMatchingHeader("x-sim-note")).contains("slow down");
    assertThat(error.awsErrorDetails().errorMessage()).isEqualTo(ErrorType.THROTTLING.defaultMessage());
  }

  private static BedrockRuntimeException invokeExpectingError() {
    return catchThrowableOfType(BedrockRuntimeException.class, () -> client.invokeModel(r -> r
        .modelId("anthropic.claude-haiku-4-5-20251001-v1:0").contentType("application/json")
        .body(SdkBytes.fromUtf8String(Bodies.invoke("hello").toString()))));
  }
}
