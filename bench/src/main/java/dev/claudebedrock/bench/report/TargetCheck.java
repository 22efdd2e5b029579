package dev.claudebedrock.bench.report;

/** One performance target (ARCHITECTURE.md, "Performance targets") beside the value measured for it. */
public record TargetCheck(String target, String measured, Verdict verdict, String note) {
  /** Whether the measurement meets the target. */
  public enum Verdict {
    MET("met"),
    MISSED("**missed**"),
    NOT_MEASURED("not measured");

    private final String label;

    Verdict(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    static Verdict of(boolean met) {
      return met ? MET : MISSED;
    }
  }
}
