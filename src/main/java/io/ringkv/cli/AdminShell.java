package io.ringkv.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The {@code admin} commands' work: one call to a node's {@code /admin} endpoints (DESIGN.md Part
 * B, "Admin JSON shapes") and its answer printed for an operator.
 */
final class AdminShell {

  /** Partition owners per line of the ring grid. */
  private static final int RING_COLUMNS = 16;

  private final NodeHttp node;
  private final Terminal terminal;
  private final PrintWriter out;

  AdminShell(NodeHttp node, Terminal terminal) {
    this.node = node;
    this.terminal = terminal;
    this.out = terminal.out();
  }

  /** The members as this node sees them, one row each, like {@code nodetool status}. */
  int status() throws NodeUnreachableException {
    return show("/admin/members", this::printMembers);
  }

  /** The owner of every partition, {@value #RING_COLUMNS} to a line, then pending transfers. */
  int ring() throws NodeUnreachableException {
    return show("/admin/ring", this::printRing);
  }

  int hints() throws NodeUnreachableException {
    return show("/admin/hints", this::printHints);
  }

  int join(String seed) throws NodeUnreachableException {
    NodeAnswer answer = node.postJson("/admin/join", new JsonObject().put("seed", seed).encode());
    return accepted(answer, "join requested: the node joins the cluster through " + seed);
  }

  int leave() throws NodeUnreachableException {
    return accepted(
        node.post("/admin/leave"),
        "leave requested: the node hands its partitions over, then leaves");
  }

  int repair() throws NodeUnreachableException {
    NodeAnswer answer = node.post("/admin/repair");
    if (answer.status() == 404) {
      return terminal.fail("repair is not available on this node yet", ExitCode.FAILED);
    }
    return accepted(answer, "repair started");
  }

  private int accepted(NodeAnswer answer, String message) {
    if (!answer.succeeded()) {
      return terminal.refused(answer);
    }
    out.println(message);
    answer.json().ifPresent(details -> out.println(details.encodePrettily()));
    return ExitCode.OK;
  }

  private int show(String path, Consumer<JsonObject> printer) throws NodeUnreachableException {
    NodeAnswer answer = node.get(path, Map.of());
    if (!answer.succeeded()) {
      return terminal.refused(answer);
    }
    Optional<JsonObject> json = answer.json();
    if (json.isEmpty()) {
      return terminal.fail(
          "the node's answer to " + path + " is not a JSON object", ExitCode.FAILED);
    }
    printer.accept(json.get());
    return ExitCode.OK;
  }

  private void printMembers(JsonObject answer) {
    List<JsonObject> members = objects(answer.getJsonArray("members", new JsonArray()));
    long partitions = members.stream().mapToLong(m -> m.getLong("partitions", 0L)).sum();
    TextTable table =
        new TextTable(
            "ID", "ADDRESS", "RACK", "STATE", "MEMBERSHIP", "PARTITIONS", "KEYS", "BYTES", "HINTS");
    for (JsonObject member : members) {
      table.row(
          text(member, "id"),
          text(member, "peerAddress"),
          text(member, "rack"),
          text(member, "state"),
          text(member, "membership"),
          share(member.getLong("partitions"), partitions),
          text(member, "keys"),
          bytes(member.getLong("bytes")),
          text(member, "hints"));
    }
    table.printTo(out);
    long up = members.stream().filter(m -> "up".equals(m.getString("state"))).count();
    out.println();
    out.println(members.size() + " members: " + up + " up, " + (members.size() - up) + " down");
  }

  private void printRing(JsonObject ring) {
    List<JsonObject> partitions =
        objects(ring.getJsonArray("partitions", new JsonArray())).stream()
            .sorted(Comparator.comparingInt(p -> p.getInteger("partition", 0)))
            .toList();
    out.println("partitions: " + ring.getValue("partitionCount", partitions.size()));
    printOwnerGrid(partitions);
    printOwnerCounts(partitions);
    printPendingTransfers(objects(ring.getJsonArray("pendingTransfers", new JsonArray())));
  }

  private void printHints(JsonObject hints) {
    out.println("pending hints: " + hints.getValue("pending", 0));
    JsonObject byTarget = hints.getJsonObject("byTarget", new JsonObject());
    if (!byTarget.isEmpty()) {
      TextTable table = new TextTable("TARGET", "HINTS");
      new TreeMap<>(byTarget.getMap())
          .forEach((target, count) -> table.row(target, String.valueOf(count)));
      table.printTo(out);
    }
  }

  private void printOwnerGrid(List<JsonObject> partitions) {
    int width = partitions.stream().mapToInt(p -> text(p, "owner").length()).max().orElse(1);
    int labelWidth = String.valueOf(Math.max(0, partitions.size() - 1)).length();
    for (int first = 0; first < partitions.size(); first += RING_COLUMNS) {
      StringBuilder line = new StringBuilder(String.format("%" + labelWidth + "d:", first));
      for (JsonObject partition :
          partitions.subList(first, Math.min(first + RING_COLUMNS, partitions.size()))) {
        line.append(' ').append(String.format("%-" + width + "s", text(partition, "owner")));
      }
      out.println(line.toString().stripTrailing());
    }
  }

  private void printOwnerCounts(List<JsonObject> partitions) {
    Map<String, Integer> owned = new TreeMap<>();
    partitions.forEach(p -> owned.merge(text(p, "owner"), 1, Integer::sum));
    StringBuilder line = new StringBuilder("owned:");
    owned.forEach((owner, count) -> line.append(' ').append(owner).append('=').append(count));
    out.println(line);
  }

  private void printPendingTransfers(List<JsonObject> transfers) {
    if (transfers.isEmpty()) {
      out.println("pending transfers: none");
      return;
    }
    out.println("pending transfers: " + transfers.size());
    TextTable table = new TextTable("PARTITION", "FROM", "TO");
    transfers.forEach(t -> table.row(text(t, "partition"), text(t, "from"), text(t, "to")));
    table.printTo(out);
  }

  private static List<JsonObject> objects(JsonArray array) {
    return array.stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast).toList();
  }

  /** A field as text, or "-" when the node did not send it. */
  private static String text(JsonObject object, String field) {
    Object value = object.getValue(field);
    return value == null ? "-" : String.valueOf(value);
  }

  private static String share(Long partitions, long total) {
    if (partitions == null) {
      return "-";
    }
    if (total == 0) {
      return String.valueOf(partitions);
    }
    return String.format(Locale.ROOT, "%d (%.1f%%)", partitions, 100.0 * partitions / total);
  }

  /** Bytes in binary units, as operators read disk sizes. */
  static String bytes(Long bytes) {
    if (bytes == null) {
      return "-";
    }
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    double size = bytes;
    int unit = 0;
    while (size >= 1024 && unit < units.length - 1) {
      size /= 1024;
      unit++;
    }
    return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", size, units[unit]);
  }
}
