package io.ringkv.integration;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** What a node's admin endpoints say, for tests that check where data and hints are. */
final class AdminProbe {

  /** A key's owners and fallbacks, in preference-list order. */
  record Placement(List<String> primaries, List<String> fallbacks) {}

  private final HttpKv kv;

  AdminProbe(HttpKv kv) {
    this.kv = kv;
  }

  Placement placement(String url, String bucket, String key) throws Exception {
    var response =
        kv.send(
            HttpMethod.GET,
            url + "/admin/preference-list?bucket=" + HttpKv.encode(bucket) + "&key=" + HttpKv.encode(key),
            null,
            null);
    JsonArray nodes = response.json().getJsonArray("nodes");
    List<String> primaries = new ArrayList<>();
    List<String> fallbacks = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      JsonObject node = nodes.getJsonObject(i);
      (node.getString("role").equals("primary") ? primaries : fallbacks).add(node.getString("id"));
    }
    return new Placement(primaries, fallbacks);
  }

  /** The values a node stores itself for a key (its partition store only, never its hints). */
  List<String> localValues(String url, String bucket, String key) throws Exception {
    var response =
        kv.send(HttpMethod.GET, url + "/admin/local/" + HttpKv.encode(bucket) + "/" + HttpKv.encode(key), null, null);
    if (response.status() == 404) {
      return List.of();
    }
    JsonArray siblings = response.json().getJsonArray("siblings");
    List<String> values = new ArrayList<>();
    for (int i = 0; i < siblings.size(); i++) {
      values.add(new String(Base64.getDecoder().decode(siblings.getJsonObject(i).getString("value")), StandardCharsets.UTF_8));
    }
    values.sort(String::compareTo);
    return values;
  }

  /** Whether the node at {@code url} sees {@code nodeId} down (its failure detector's view). */
  boolean seesDown(String url, String nodeId) throws Exception {
    JsonArray members = kv.send(HttpMethod.GET, url + "/admin/members", null, null).json().getJsonArray("members");
    for (int i = 0; i < members.size(); i++) {
      JsonObject member = members.getJsonObject(i);
      if (member.getString("id").equals(nodeId)) {
        return member.getString("state").equals("down");
      }
    }
    return true;
  }

  /** {@code /admin/hints}: {"pending": n, "byTarget": {...}}. */
  JsonObject hints(String url) throws Exception {
    return kv.send(HttpMethod.GET, url + "/admin/hints", null, null).json();
  }

  long pendingHints(String url) throws Exception {
    return hints(url).getLong("pending");
  }

  /** The sum of a counter or gauge's samples in the node's Prometheus scrape. */
  double metric(String url, String name) throws Exception {
    double sum = 0;
    for (String line : scrape(url).split("\n")) {
      if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  /** The node's Prometheus scrape, as text. */
  String scrape(String url) throws Exception {
    return kv.send(HttpMethod.GET, url + "/metrics", null, null).body().toString();
  }
}
