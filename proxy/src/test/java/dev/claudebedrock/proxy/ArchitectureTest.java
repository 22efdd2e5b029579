package dev.claudebedrock.proxy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The gateway's classes keep the package rules of ARCHITECTURE.md. */
class ArchitectureTest {
  private static final String BASE = "dev.claudebedrock.proxy";
  /** The gateway's compiled classes, where {@code Main} was loaded from (not the test classes, not libraries). */
  private static final JavaClasses GATEWAY = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importUrl(Main.class.getProtectionDomain().getCodeSource().getLocation());

  @Test
  void eachPackageImportsOnlyTheLayersBelowIt() {
    PackageRules.layering(BASE).check(GATEWAY);
  }

  @Test
  void noPackageDependsOnItselfThroughOthers() {
    PackageRules.noCycles(BASE).check(GATEWAY);
  }

  @Test
  void onlyTheReportingListenersReadARequestsFacts() {
    PackageRules.factsAreWrittenNotRead(BASE).check(GATEWAY);
  }
}
