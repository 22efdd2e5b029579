package dev.claudebedrock.proxy.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.proxy.core.ApiError;
import dev.claudebedrock.proxy.core.ErrorType;
import dev.claudebedrock.proxy.core.StreamEvent;
import dev.claudebedrock.proxy.server.Reply;
import org.junit.jupiter.api.Test;

/** How the gateway's own answers look to OpenAI clients. */
class OpenAiDialectTest {
  private final OpenAiDialect dialect = OpenAiDialect.INSTANCE;

  @Test
  void anErrorIsTheOpenAiErrorObjectWithItsStatusAndHeaders() {
    Reply.Complete reply = dialect.errorReply(ApiError.of(ErrorType.RATE_LIMIT, "Slow down")
        .withHeader("retry-after", "7"), "req_1");

    assertThat(reply.status()).isEqualTo(429);
    assertThat(reply.headers().get("retry-after")).isEqualTo("7");
    assertThat(reply.headers().get("content-type")).isEqualTo("application/json");
    assertThat(reply.body().toString()).isEqualTo(
        "{\"error\":{\"message\":\"Slow down\",\"type\":\"rate_limit_error\",\"param\":null,"
            + "\"code\":\"rate_limit_exceeded\"}}");
  }

  @Test
  void overloadedIsA503ForOpenAiClients() {
    assertThat(dialect.errorReply(ApiError.of(ErrorType.OVERLOADED, "busy"), "req_1").status()).isEqualTo(503);
  }

  @Test
  void onlyTheGatewaysOwnFieldErrorsNameAParam() {
    ApiError own = ApiError.of(ErrorType.INVALID_REQUEST, "messages[0].content: Field required");
    ApiError bedrocks = own.withHeader("x-bedrock-error-type", "ValidationException");

    assertThat(OpenAiDialect.body(own).at("/error/param").asText()).isEqualTo("messages[0].content");
    assertThat(OpenAiDialect.body(bedrocks).at("/error/param").isNull()).isTrue();
    assertThat(OpenAiDialect.body(ApiError.of(ErrorType.INVALID_REQUEST, "The request body is not valid JSON: x"))
        .at("/error/param").isNull()).isTrue();
  }

  @Test
  void chunksAreDataLinesAndAStreamEndsWithDoneUnlessItFailed() {
    assertThat(dialect.event(StreamEvent.of("content_block_delta", "{\"a\":1}")).toString())
        .isEqualTo("data: {\"a\":1}\n\n");
    assertThat(dialect.end().toString()).isEqualTo("data: [DONE]\n\n");
    assertThat(dialect.ping().toString()).startsWith(":");
    assertThat(dialect.error(ApiError.of(ErrorType.API, "broke"), "req_1").toString())
        .isEqualTo("data: {\"error\":{\"message\":\"broke\",\"type\":\"server_error\",\"param\":null,"
            + "\"code\":\"server_error\"}}\n\n");
  }

  @Test
  void structuredOutputIsForClaudeFourPointFiveAndLater() {
    assertThat(StructuredOutputs.supported("us.anthropic.claude-sonnet-4-5-20250929-v1:0")).isTrue();
    assertThat(StructuredOutputs.supported("global.anthropic.claude-opus-5-5")).isTrue();
    assertThat(StructuredOutputs.supported("anthropic.claude-opus-4-6-v1")).isTrue();
    assertThat(StructuredOutputs.supported("anthropic.claude-opus-4-1-20250805-v1:0")).isFalse();
    assertThat(StructuredOutputs.supported("anthropic.claude-sonnet-4-20250514-v1:0")).isFalse();
    assertThat(StructuredOutputs.supported("us.anthropic.claude-3-5-haiku-20241022-v1:0")).isFalse();
    assertThat(StructuredOutputs.supported(
        "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc")).isTrue();
  }
}
