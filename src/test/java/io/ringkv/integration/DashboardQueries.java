package io.ringkv.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PromQL of every panel of a Grafana dashboard JSON, with Grafana's template variables
 * replaced by values a plain Prometheus query accepts, so the dashboard can be checked without
 * Grafana.
 */
final class DashboardQueries {

  /** One target of one panel. */
  record PanelQuery(String panel, String refId, String promql) {
    @Override
    public String toString() {
      return "\"" + panel + "\" " + refId + ": " + promql;
    }
  }

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{?(\\w+)}?");

  private DashboardQueries() {}

  /**
   * @param values a value for every variable the queries use (an unknown one fails, so a new
   *     dashboard variable cannot slip past the check)
   */
  static List<PanelQuery> of(Path dashboard, Map<String, String> values) throws IOException {
    JsonNode root = new ObjectMapper().readTree(dashboard.toFile());
    List<PanelQuery> queries = new ArrayList<>();
    collect(root.path("panels"), values, queries);
    return queries;
  }

  private static void collect(JsonNode panels, Map<String, String> values, List<PanelQuery> into) {
    for (JsonNode panel : panels) {
      collect(panel.path("panels"), values, into); // panels inside collapsed rows
      for (JsonNode target : panel.path("targets")) {
        String expr = target.path("expr").asText("");
        if (!expr.isBlank()) {
          into.add(new PanelQuery(panel.path("title").asText(), target.path("refId").asText(), substitute(expr, values)));
        }
      }
    }
  }

  private static String substitute(String expr, Map<String, String> values) {
    Matcher matcher = VARIABLE.matcher(expr);
    StringBuilder substituted = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      if (value == null) {
        throw new IllegalArgumentException("no value for the dashboard variable $" + matcher.group(1) + " in " + expr);
      }
      matcher.appendReplacement(substituted, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(substituted);
    return substituted.toString();
  }
}
