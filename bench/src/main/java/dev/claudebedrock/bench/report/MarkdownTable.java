package dev.claudebedrock.bench.report;

import java.util.ArrayList;
import java.util.List;

/** A GitHub-flavoured Markdown table, built row by row. */
final class MarkdownTable {
  private final String alignment;
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  /** A table whose column {@code i} is left-aligned where {@code alignment.charAt(i)} is {@code l}, else right. */
  MarkdownTable(String alignment, String... header) {
    if (alignment.length() != header.length || !alignment.matches("[lr]+")) {
      throw new IllegalArgumentException("alignment " + alignment + " for " + header.length + " columns");
    }
    this.alignment = alignment;
    this.header = List.of(header);
  }

  MarkdownTable row(String... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException(cells.length + " cells for " + header.size() + " columns: " + List.of(cells));
    }
    rows.add(List.of(cells));
    return this;
  }

  String render() {
    StringBuilder out = new StringBuilder();
    out.append("| ").append(String.join(" | ", header)).append(" |\n|");
    for (char column : alignment.toCharArray()) {
      out.append(column == 'l' ? "---|" : "---:|");
    }
    out.append('\n');
    for (List<String> row : rows) {
      out.append("| ").append(String.join(" | ", row)).append(" |\n");
    }
    return out.toString();
  }
}
