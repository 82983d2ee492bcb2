package io.ringkv.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code get}, {@code put} and {@code delete} commands' work: one HTTP call to a node (the
 * contract of DESIGN.md Part B, "HTTP API") and its answer printed for a person.
 *
 * <p>A value is printed after a header block, like an HTTP message, so that a multi-line value
 * cannot be mistaken for the context:
 *
 * <pre>
 * context: a85hYGBgzGDKBVIcqU/...
 * content-type: text/plain
 *
 * hello
 * </pre>
 *
 * Siblings (a 300 answer) are numbered, each with its content type.
 */
final class KeyValueShell {

  private final NodeHttp node;
  private final Terminal terminal;
  private final PrintWriter out;

  KeyValueShell(NodeHttp node, Terminal terminal) {
    this.node = node;
    this.terminal = terminal;
    this.out = terminal.out();
  }

  /**
   * @param r the read quorum, 0 for the bucket's default
   * @param context sent along when not null (the node may ignore it on a read)
   * @param json print the node's JSON form of the answer instead of the text form
   */
  int get(KeyPath key, int r, String context, boolean json) throws NodeUnreachableException {
    Map<String, String> headers = new LinkedHashMap<>();
    putIfPresent(headers, NodeAnswer.CONTEXT_HEADER, context);
    if (json) {
      headers.put("Accept", "application/json");
    }
    NodeAnswer answer = node.get(key.path() + quorum("r", r), headers);
    if (answer.status() == 404) {
      return notFound(key, answer);
    }
    if (answer.status() != 200 && answer.status() != 300) {
      return terminal.refused(answer);
    }
    if (json) {
      out.println(answer.json().map(JsonObject::encodePrettily).orElseGet(answer::text));
      return ExitCode.OK;
    }
    return answer.status() == 300 ? printSiblings(answer) : printValue(answer);
  }

  /**
   * @param contentType stored with the value
   * @param context the context of the read this write supersedes, or null for a blind write
   * @param w the write quorum, 0 for the bucket's default
   */
  int put(KeyPath key, byte[] value, String contentType, String context, int w)
      throws NodeUnreachableException {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", contentType);
    putIfPresent(headers, NodeAnswer.CONTEXT_HEADER, context);
    NodeAnswer answer = node.put(key.path() + quorum("w", w), headers, value);
    if (!answer.succeeded()) {
      return terminal.refused(answer);
    }
    out.println("stored " + key + " (" + value.length + " bytes, " + contentType + ")");
    answer.context().ifPresent(stored -> out.println("context: " + stored));
    return ExitCode.OK;
  }

  /**
   * Deletes what the context covers. Without one, reads the key first and deletes what that read
   * saw. (A node does the same for any delete without a context; the shell reads for itself so
   * that it can say what it deleted, or that nothing was there, which a 204 does not tell.)
   *
   * @param context the context of the read this delete supersedes, or null to read it now
   * @param w the write quorum, 0 for the bucket's default
   */
  int delete(KeyPath key, String context, int w) throws NodeUnreachableException {
    if (context != null && !context.isEmpty()) {
      return delete(key, context, w, "deleted " + key);
    }
    NodeAnswer read = node.get(key.path(), Map.of("Accept", "application/json"));
    if (read.status() == 404) {
      return notFound(key, read);
    }
    if (read.status() != 200 && read.status() != 300) { // 300: siblings, in JSON as asked
      return terminal.refused(read);
    }
    Optional<String> seen = read.context();
    if (seen.isEmpty()) {
      return terminal.notRingkv(read); // every ringkv read answers with a context
    }
    int siblings = read.json().map(json -> json.getJsonArray("siblings", new JsonArray()).size()).orElse(0);
    String what = siblings == 1 ? "the value" : "the " + siblings + " siblings";
    return delete(key, seen.get(), w, "deleted " + key + ": " + what + " read just before (context " + seen.get() + ")");
  }

  private int delete(KeyPath key, String context, int w, String done) throws NodeUnreachableException {
    NodeAnswer answer =
        node.delete(key.path() + quorum("w", w), Map.of(NodeAnswer.CONTEXT_HEADER, context));
    if (answer.status() == 404) {
      return notFound(key, answer);
    }
    if (!answer.succeeded()) {
      return terminal.refused(answer);
    }
    out.println(done);
    return ExitCode.OK;
  }

  /** A 404: the key's, if a ringkv node said so; else whatever answered was no ringkv node. */
  private int notFound(KeyPath key, NodeAnswer answer) {
    if (!answer.keyNotFound()) {
      return terminal.notRingkv(answer);
    }
    String tombstone =
        answer.context().map(context -> " (deleted; context: " + context + ")").orElse("");
    return terminal.fail("not found: " + key + tombstone, ExitCode.FAILED);
  }

  private int printValue(NodeAnswer answer) {
    printContext(answer);
    out.println("content-type: " + answer.contentType());
    out.println();
    out.println(PrintableValue.of(answer.body(), answer.contentType()));
    return ExitCode.OK;
  }

  private int printSiblings(NodeAnswer answer) {
    List<MultipartMixed.Part> siblings;
    try {
      siblings = MultipartMixed.parse(answer.contentType(), answer.body());
    } catch (IllegalArgumentException malformed) {
      return terminal.fail("unreadable 300 answer: " + malformed.getMessage(), ExitCode.FAILED);
    }
    printContext(answer);
    out.println(
        "siblings: "
            + siblings.size()
            + " (concurrent writes: put with this context to resolve them)");
    for (int i = 0; i < siblings.size(); i++) {
      MultipartMixed.Part sibling = siblings.get(i);
      out.println();
      out.println("[" + (i + 1) + "] content-type: " + sibling.contentType());
      out.println(PrintableValue.of(sibling.body(), sibling.contentType()));
    }
    return ExitCode.OK;
  }

  private void printContext(NodeAnswer answer) {
    out.println("context: " + answer.context().orElse("-"));
  }

  private static String quorum(String name, int value) {
    return value > 0 ? "?" + name + "=" + value : "";
  }

  private static void putIfPresent(Map<String, String> headers, String name, String value) {
    if (value != null && !value.isEmpty()) {
      headers.put(name, value);
    }
  }

  /** A bucket and key, and their path on the node's HTTP API. */
  record KeyPath(String bucket, String key) {

    String path() {
      return "/buckets/" + percentEncoded(bucket) + "/keys/" + percentEncoded(key);
    }

    @Override
    public String toString() {
      return bucket + "/" + key;
    }

    /** Every byte of the UTF-8 form but the unreserved characters of RFC 3986 as %XX. */
    private static String percentEncoded(String segment) {
      StringBuilder encoded = new StringBuilder();
      for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
        char c = (char) (b & 0xff);
        if ((c >= 'a' && c <= 'z')
            || (c >= 'A' && c <= 'Z')
            || (c >= '0' && c <= '9')
            || "-._~".indexOf(c) >= 0) {
          encoded.append(c);
        } else {
          encoded.append('%').append(String.format("%02X", (int) c));
        }
      }
      return encoded.toString();
    }
  }
}
