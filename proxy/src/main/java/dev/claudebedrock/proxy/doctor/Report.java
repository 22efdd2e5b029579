package dev.claudebedrock.proxy.doctor;

import java.io.PrintStream;
import java.util.List;

/**
 * The doctor's output: one line per finding, as it is found, with the steps that fix a problem
 * indented under it, then a summary. Problems ({@link Status#FAIL}) make the exit status non-zero.
 */
final class Report {
  /** How a finding affects the verdict. */
  enum Status {
    OK(" ok "),
    WARN("warn"),
    FAIL("FAIL"),
    SKIP("skip");

    private final String tag;

    Status(String tag) {
      this.tag = tag;
    }
  }

  private final PrintStream out;
  private int problems;
  private int warnings;

  Report(PrintStream out) {
    this.out = out;
  }

  void ok(String subject, String detail) {
    add(Status.OK, subject, detail, List.of());
  }

  void warn(String subject, String detail, List<String> fixes) {
    add(Status.WARN, subject, detail, fixes);
  }

  void fail(String subject, String detail, List<String> fixes) {
    add(Status.FAIL, subject, detail, fixes);
  }

  void skip(String subject, String detail) {
    add(Status.SKIP, subject, detail, List.of());
  }

  void add(Status status, String subject, String detail, List<String> fixes) {
    if (status == Status.FAIL) {
      problems++;
    } else if (status == Status.WARN) {
      warnings++;
    }
    out.println("[" + status.tag + "] " + subject + ": " + detail);
    for (String fix : fixes) {
      out.println("       - " + fix);
    }
    out.flush();
  }

  void heading(String text) {
    out.println(text);
    out.println();
  }

  /** Prints the verdict and returns the exit status: 0 when nothing is wrong, 1 otherwise. */
  int finish() {
    out.println();
    if (problems == 0) {
      out.println(
          warnings == 0 ? "No problems found." : "No problems found; " + plural(warnings, "warning") + " above.");
    } else {
      out.println(plural(problems, "problem") + (warnings == 0 ? "" : " and " + plural(warnings, "warning"))
          + " found: see the steps under each [FAIL] line.");
    }
    out.flush();
    return problems == 0 ? 0 : 1;
  }

  int problems() {
    return problems;
  }

  private static String plural(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
