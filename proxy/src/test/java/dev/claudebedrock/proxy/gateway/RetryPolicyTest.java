package dev.claudebedrock.proxy.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.proxy.config.RetryConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {
  private final RetryPolicy policy = new RetryPolicy(new RetryConfig(3, Duration.ofSeconds(10), Duration.ofMillis(100),
      Duration.ofSeconds(1)));

  @ParameterizedTest(name = "{1} ({0}) → {2}, blame {3}")
  @CsvSource({
      "429, ThrottlingException, RETRY, NONE",
      "400, ServiceQuotaExceededException, RETRY, NONE",
      "429, ModelNotReadyException, RETRY, NONE",
      "503, ServiceUnavailableException, RETRY, TARGET",
      "500, InternalServerException, RETRY, TARGET",
      "408, ModelTimeoutException, RETRY, TARGET",
      "403, AccessDeniedException, NEXT_TARGET, NONE",
      "404, ResourceNotFoundException, NEXT_TARGET, NONE",
      "403, ExpiredTokenException, NEXT_TARGET, NONE",
      "400, ValidationException, FINAL, NONE",
      "424, ModelErrorException, FINAL, NONE",
      "502, HttpStatus502, RETRY, TARGET"})
  void classifiesBedrockErrors(int status, String type, RetryPolicy.Verdict verdict, RetryPolicy.Blame blame) {
    assertThat(RetryPolicy.verdict(status, type)).isEqualTo(verdict);
    assertThat(RetryPolicy.blame(status, type)).isEqualTo(blame);
  }

  @Test
  void backsOffWithFullJitterUnderAGrowingCeiling() {
    for (int i = 0; i < 1_000; i++) {
      assertThat(policy.backoffNanos(2, -1)).isBetween(0L, 100_000_000L);
      assertThat(policy.backoffNanos(3, -1)).isBetween(0L, 200_000_000L);
      assertThat(policy.backoffNanos(10, -1)).isBetween(0L, 1_000_000_000L);
    }
  }

  @Test
  void takesBedrocksRetryAfterHintAsTheWait() {
    assertThat(policy.backoffNanos(2, 3)).isEqualTo(3_000_000_000L);
  }

  @Test
  void noneMeansOneAttempt() {
    assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
  }
}
