package io.ringkv.node;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

/**
 * A node's data directory and the identity written into it.
 *
 * <p>The directory remembers which node it belongs to, so a node started on another node's data
 * is refused. It also holds an epoch, random per directory: dots are minted by the actor
 * {@code id@epoch}, so a node whose data was wiped mints new dots instead of reusing ones that
 * replicas still hold — reusing a dot for a different value would silently drop one of them.
 */
public final class DataDirectory {

  private static final String IDENTITY_FILE = "identity.properties";

  private final Path root;
  private final String nodeId;
  private final String epoch;

  private DataDirectory(Path root, String nodeId, String epoch) {
    this.root = root;
    this.nodeId = nodeId;
    this.epoch = epoch;
  }

  /**
   * Opens (creating if needed) the data directory of a node.
   *
   * @throws IllegalStateException if the directory belongs to another node
   */
  public static DataDirectory open(Path root, String nodeId) throws IOException {
    Files.createDirectories(root);
    Path identityFile = root.resolve(IDENTITY_FILE);
    Properties identity = new Properties();
    if (Files.exists(identityFile)) {
      try (Reader reader = Files.newBufferedReader(identityFile)) {
        identity.load(reader);
      }
      String owner = identity.getProperty("id");
      if (!nodeId.equals(owner)) {
        throw new IllegalStateException(
            "data directory " + root + " belongs to node '" + owner + "', not '" + nodeId + "'");
      }
      return new DataDirectory(root, nodeId, identity.getProperty("epoch"));
    }
    byte[] random = new byte[4];
    new SecureRandom().nextBytes(random);
    String epoch = HexFormat.of().formatHex(random);
    identity.setProperty("id", nodeId);
    identity.setProperty("epoch", epoch);
    try (Writer writer = Files.newBufferedWriter(identityFile)) {
      identity.store(writer, "ringkv node identity: do not edit");
    }
    return new DataDirectory(root, nodeId, epoch);
  }

  /** The name this node's dots carry. */
  public String actor() {
    return nodeId + "@" + epoch;
  }

  public Path bucketProps() {
    return root.resolve("buckets.json");
  }

  /** Where the node keeps the ring state and its membership. */
  public Path root() {
    return root;
  }

  /** Where ownership transfer keeps its progress. */
  public Path handoffProgress() {
    return root.resolve("handoff-progress.json");
  }

  /**
   * The generation of this start, saved before it is used: larger than any earlier start's, and at
   * least the current time in seconds, so that even a node whose data directory was wiped starts
   * in a generation newer than the one gossip remembers (as Cassandra's generation works).
   */
  public long nextGeneration() throws IOException {
    Path file = root.resolve("generation");
    long previous = Files.exists(file) ? Long.parseLong(Files.readString(file).trim()) : 0;
    long next = Math.max(previous + 1, System.currentTimeMillis() / 1000);
    Path temporary = root.resolve("generation.tmp");
    Files.writeString(temporary, Long.toString(next));
    Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return next;
  }
}
