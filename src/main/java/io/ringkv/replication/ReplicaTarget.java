package io.ringkv.replication;

/**
 * One node a request goes to, and in which role: a primary holds the key in its own partition
 * store; a fallback stands in for a primary that is down and keeps what it receives as a hint for
 * that owner (sloppy quorum, Dynamo §4.6).
 *
 * @param node the node called
 * @param hintedFor the primary a fallback stands in for; null for a primary
 */
public record ReplicaTarget(String node, String hintedFor) {

  /** The two roles of riak_core's annotated preference lists. */
  public enum Role {
    PRIMARY,
    FALLBACK
  }

  public static ReplicaTarget primary(String node) {
    return new ReplicaTarget(node, null);
  }

  public static ReplicaTarget fallback(String node, String hintedFor) {
    return new ReplicaTarget(node, hintedFor);
  }

  public Role role() {
    return hintedFor == null ? Role.PRIMARY : Role.FALLBACK;
  }

  public boolean isPrimary() {
    return hintedFor == null;
  }

  /** The owner a copy stored here belongs to: the node itself, or the primary it stands in for. */
  public String owner() {
    return hintedFor == null ? node : hintedFor;
  }

  @Override
  public String toString() {
    return isPrimary() ? node : node + " (for " + hintedFor + ")";
  }
}
