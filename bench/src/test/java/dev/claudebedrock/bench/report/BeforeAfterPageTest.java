package dev.claudebedrock.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The before/after section goes into the benchmark page once, is replaced by the next one, and can be found. */
class BeforeAfterPageTest {
  private static final String PAGE = "# Benchmarks\n\nfigures\n";

  @Test
  void aPageWithoutTheSectionGetsItAppended() {
    String page = BeforeAfterPage.placeInto(PAGE, "first comparison\n");

    assertThat(page).startsWith(PAGE.stripTrailing() + "\n\n" + BeforeAfterPage.BEGIN + "\n## Before and after\n\n")
        .endsWith("first comparison\n" + BeforeAfterPage.END + "\n");
  }

  @Test
  void aSecondComparisonReplacesTheFirstAndLeavesTheRestOfThePage() {
    String once = BeforeAfterPage.placeInto(PAGE, "first comparison");
    String twice = BeforeAfterPage.placeInto(once + "\ntrailing text\n", "second comparison");

    assertThat(twice).contains("second comparison", "trailing text", "figures").doesNotContain("first comparison");
    assertThat(twice.split(BeforeAfterPage.BEGIN, -1)).hasSize(2);
  }

  @Test
  void theKeptBlockIsTheSectionWithItsMarkersAndNothingWithoutThem() {
    String page = BeforeAfterPage.placeInto(PAGE, "a comparison");

    assertThat(BeforeAfterPage.keptBlock(page)).hasValueSatisfying(block -> assertThat(block)
        .startsWith(BeforeAfterPage.BEGIN).contains("a comparison").endsWith(BeforeAfterPage.END + "\n"));
    assertThat(BeforeAfterPage.keptBlock(PAGE)).isEmpty();
  }
}
