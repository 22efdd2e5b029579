package dev.claudebedrock.proxy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The package rules catch what they are for: a fixture in the test sources
 * ({@code dev.claudebedrock.archfixture}) imports back from a lower layer into a higher one and reads
 * a request's facts from a stage, and each rule refuses it, naming the offending classes.
 */
class PackageRulesTest {
  private static final String FIXTURE = "dev.claudebedrock.archfixture";
  private static final JavaClasses CLASSES = new ClassFileImporter().importPackages(FIXTURE);

  @Test
  void aBackImportBreaksTheLayering() {
    assertThatThrownBy(() -> PackageRules.layering(FIXTURE).check(CLASSES))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("archfixture.core.Vocabulary")
        .hasMessageContaining("archfixture.server.Front");
  }

  @Test
  void aBackImportMakesACycle() {
    assertThatThrownBy(() -> PackageRules.noCycles(FIXTURE).check(CLASSES))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Cycle detected");
  }

  @Test
  void aStageThatReadsTheFactsIsRefused() {
    assertThatThrownBy(() -> PackageRules.factsAreWrittenNotRead(FIXTURE).check(CLASSES))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("archfixture.gateway.Deciding");
  }
}
