package io.ringkv.handoff;

import io.ringkv.cluster.HandoffProgress;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * What this node has received of the current ownership change, on disk: per partition the last
 * key merged (the cursor a pull resumes after) and whether it is complete. Saved after every page,
 * after the page's keys are merged, so a receiver killed at any moment resumes where its data
 * ends; keys merged twice do no harm (merging is idempotent).
 */
final class TransferProgress {

  private final Path file;
  private long version;
  private final BitSet done = new BitSet();
  private final Map<Integer, byte[]> cursors = new HashMap<>();

  private TransferProgress(Path file) {
    this.file = file;
  }

  /** Reads the progress saved in {@code file}, if any (blocking). */
  static TransferProgress load(Path file) {
    TransferProgress progress = new TransferProgress(file);
    if (!Files.exists(file)) {
      return progress;
    }
    try {
      JsonObject json = new JsonObject(Files.readString(file));
      progress.version = json.getLong("version", 0L);
      json.getJsonArray("done", new JsonArray()).forEach(partition -> progress.done.set((Integer) partition));
      json.getJsonObject("cursors", new JsonObject())
          .forEach(cursor -> progress.cursors.put(
              Integer.parseInt(cursor.getKey()), Base64.getDecoder().decode((String) cursor.getValue())));
      return progress;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read handoff progress from " + file, e);
    }
  }

  /** Starts over when the change is another than the one the progress belongs to. */
  synchronized void beginChange(long ringVersion) {
    if (version != ringVersion) {
      version = ringVersion;
      done.clear();
      cursors.clear();
    }
  }

  synchronized long version() {
    return version;
  }

  synchronized boolean isDone(int partition) {
    return done.get(partition);
  }

  /** The last key merged from the partition, or null to start from the beginning. */
  synchronized byte[] cursor(int partition) {
    return cursors.get(partition);
  }

  synchronized void advance(long ringVersion, int partition, byte[] lastKey) {
    if (version == ringVersion) {
      cursors.put(partition, lastKey);
    }
  }

  synchronized void complete(long ringVersion, int partition) {
    if (version == ringVersion) {
      done.set(partition);
      cursors.remove(partition);
    }
  }

  /** What gossip should say about this node's progress. */
  synchronized HandoffProgress snapshot() {
    return new HandoffProgress(version, done);
  }

  /** Writes the progress to disk (blocking), replacing the previous file atomically. */
  void save() {
    String json;
    synchronized (this) {
      JsonObject cursorsJson = new JsonObject();
      cursors.forEach((partition, key) -> cursorsJson.put(partition.toString(), Base64.getEncoder().encodeToString(key)));
      JsonArray doneJson = new JsonArray();
      done.stream().forEach(doneJson::add);
      json = new JsonObject().put("version", version).put("done", doneJson).put("cursors", cursorsJson).encode();
    }
    write(json);
  }

  private synchronized void write(String json) {
    try {
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(temporary, json);
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save handoff progress to " + file, e);
    }
  }
}
