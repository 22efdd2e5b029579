package dev.claudebedrock.bench.overload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.claudebedrock.bench.cli.OverloadCommand;
import dev.claudebedrock.bench.report.Machine;
import dev.claudebedrock.bench.run.TestRepository;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The overload curve for a few seconds against real processes, so the measurement cannot rot: at twice the capacity
 * the gateway refuses with 529 (never another failure), readiness says 503 while it does and comes back after.
 * No latency is compared with any bound: timings belong to the measurement.
 */
class OverloadCurveSmokeTest {
  @TempDir
  Path work;

  @Test
  void twiceTheCapacityIsShedWith529sAndTheGatewayRecovers() throws Exception {
    OverloadCurve.Result result = OverloadCurve.run(TestRepository.tools(), OverloadPlan.quick(), work,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    assertThat(result.legs()).hasSize(OverloadPlan.LOADS.length);
    for (LegResult leg : result.legs()) {
      assertThat(leg.otherErrors()).as("failures other than 529 at %s×: %s", leg.load(), leg.result().errorSamples())
          .isZero();
      assertThat(leg.result().completed()).as("admitted at %s×", leg.load()).isPositive();
    }
    LegResult overloaded = result.legs().get(2);
    assertThat(overloaded.load()).isEqualTo(2.0);
    assertThat(overloaded.refusals().count()).as("529s at twice the capacity").isPositive();
    assertThat(overloaded.notReady()).as("/health/ready 503s at twice the capacity").isPositive();
    assertThat(result.recovery().isNegative()).as("readiness came back").isFalse();

    ByteArrayOutputStream table = new ByteArrayOutputStream();
    OverloadCommand.print(result, Machine.describe(TestRepository.root(), Optional.empty()), true,
        new PrintStream(table, true, StandardCharsets.UTF_8));
    assertThat(table.toString(StandardCharsets.UTF_8)).contains("| 2× |", "Admitted p99 at 2× capacity");
  }
}
