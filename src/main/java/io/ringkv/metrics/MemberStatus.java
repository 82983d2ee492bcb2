package io.ringkv.metrics;

/**
 * One member as this node sees it, for the membership gauges.
 *
 * @param id the member's node id
 * @param up liveness as this node's failure detector sees it
 * @param membership {@code "joining"}, {@code "member"} or {@code "leaving"}
 */
public record MemberStatus(String id, boolean up, String membership) {

  /** {@code "up"} or {@code "down"}, as in {@code /admin/members}. */
  public String state() {
    return up ? "up" : "down";
  }
}
