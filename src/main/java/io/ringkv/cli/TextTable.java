package io.ringkv.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table with a header row, its columns padded to their widest cell. */
final class TextTable {

  private static final String GAP = "  ";

  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  TextTable(String... header) {
    this.header = List.of(header);
  }

  TextTable row(String... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException(
          "expected " + header.size() + " cells, got " + cells.length);
    }
    rows.add(List.of(cells));
    return this;
  }

  void printTo(PrintWriter out) {
    int[] widths = new int[header.size()];
    for (List<String> line : allLines()) {
      for (int column = 0; column < widths.length; column++) {
        widths[column] = Math.max(widths[column], line.get(column).length());
      }
    }
    for (List<String> line : allLines()) {
      StringBuilder text = new StringBuilder();
      for (int column = 0; column < widths.length; column++) {
        String cell = line.get(column);
        text.append(cell);
        if (column < widths.length - 1) {
          text.append(" ".repeat(widths[column] - cell.length())).append(GAP);
        }
      }
      out.println(text);
    }
  }

  private List<List<String>> allLines() {
    List<List<String>> lines = new ArrayList<>();
    lines.add(header);
    lines.addAll(rows);
    return lines;
  }
}
