package io.ringkv.cluster;

import io.ringkv.transport.proto.RingStateMessage;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * What a node remembers of the cluster across restarts: the ring state it holds and its own
 * membership. A restarted member is ready at once with the ring it knew (gossip brings it up to
 * date), and a node that was joining keeps its incarnation, so it resumes rather than rejoins.
 * Written whole, to a temporary file renamed over the old one.
 */
public final class ClusterStateFile {

  private final Path ringFile;
  private final Path memberFile;

  /** @param directory the node's data directory */
  public ClusterStateFile(Path directory) {
    this.ringFile = directory.resolve("ring-state.bin");
    this.memberFile = directory.resolve("membership.properties");
  }

  /**
   * What was saved.
   *
   * @param ring the ring state, or null
   * @param incarnation the node's incarnation (0 when it never asked to join)
   * @param membership its membership, or null when it never asked to join
   */
  public record Saved(RingState ring, long incarnation, Membership membership) {
    public static final Saved NOTHING = new Saved(null, 0, null);
  }

  /** Reads what was saved (blocking). */
  public Saved load() {
    try {
      RingState ring =
          Files.exists(ringFile)
              ? GossipMessages.fromProto(RingStateMessage.parseFrom(Files.readAllBytes(ringFile)))
              : null;
      if (!Files.exists(memberFile)) {
        return new Saved(ring, 0, null);
      }
      Properties member = new Properties();
      try (Reader reader = Files.newBufferedReader(memberFile)) {
        member.load(reader);
      }
      return new Saved(
          ring,
          Long.parseLong(member.getProperty("incarnation", "0")),
          Membership.valueOf(member.getProperty("membership", Membership.JOINING.name())));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the cluster state in " + ringFile.getParent(), e);
    }
  }

  /** Saves the ring state and the node's membership (blocking). */
  public synchronized void save(RingState ring, long incarnation, Membership membership) throws IOException {
    if (ring != null) {
      replace(ringFile, GossipMessages.toProto(ring).toByteArray());
    }
    Properties member = new Properties();
    member.setProperty("incarnation", Long.toString(incarnation));
    member.setProperty("membership", membership.name());
    Path temporary = memberFile.resolveSibling(memberFile.getFileName() + ".tmp");
    try (Writer writer = Files.newBufferedWriter(temporary)) {
      member.store(writer, "ringkv: this node's membership");
    }
    Files.move(temporary, memberFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Forgets the ring (a node that joins another cluster). */
  public synchronized void forgetRing() throws IOException {
    Files.deleteIfExists(ringFile);
  }

  private static void replace(Path file, byte[] bytes) throws IOException {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(temporary, bytes);
    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
