package io.ringkv.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed Prometheus text exposition: its samples, for assertions on names, labels and values. */
record PrometheusText(List<Sample> samples) {

  /** One line {@code name{label="value",...} number}. */
  record Sample(String name, Map<String, String> labels, double value) {

    boolean has(String label, String value) {
      return value.equals(labels.get(label));
    }
  }

  private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})? (\\S+)");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  static PrometheusText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher matcher = LINE.matcher(line);
      if (!matcher.matches()) {
        throw new IllegalArgumentException("not a sample line: " + line);
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (matcher.group(2) != null) {
        Matcher label = LABEL.matcher(matcher.group(2));
        while (label.find()) {
          labels.put(label.group(1), label.group(2));
        }
      }
      samples.add(new Sample(matcher.group(1), labels, Double.parseDouble(matcher.group(3))));
    }
    return new PrometheusText(samples);
  }

  List<Sample> named(String name) {
    return samples.stream().filter(sample -> sample.name().equals(name)).toList();
  }

  boolean hasSeries(String namePrefix) {
    return samples.stream().anyMatch(sample -> sample.name().startsWith(namePrefix));
  }

  /** The value of the one sample of {@code name} having all of {@code labels} (name, value, ...). */
  double value(String name, String... labels) {
    List<Sample> matching =
        named(name).stream()
            .filter(
                sample -> {
                  for (int i = 0; i < labels.length; i += 2) {
                    if (!sample.has(labels[i], labels[i + 1])) {
                      return false;
                    }
                  }
                  return true;
                })
            .toList();
    if (matching.size() != 1) {
      throw new AssertionError(
          "expected one sample " + name + " " + List.of(labels) + ", found " + matching);
    }
    return matching.get(0).value();
  }
}
