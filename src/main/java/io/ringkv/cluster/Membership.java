package io.ringkv.cluster;

import java.util.Locale;

/**
 * Where a node stands in the cluster, as the paper's explicit membership changes move it: a node
 * asks to join, the claimant makes it a member, it asks to leave, the claimant lets it go. Only
 * these steps change the ring; being down never does.
 *
 * <p>The order of the constants is the order a node passes through them within one incarnation,
 * which makes the gossip merge a plain maximum.
 */
public enum Membership {
  JOINING,
  MEMBER,
  LEAVING,
  LEFT;

  /** The lower-case name of the admin JSON ({@code "joining"}, {@code "member"}, ...). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The wire code: 1 joining, 2 member, 3 leaving, 4 left. */
  int code() {
    return ordinal() + 1;
  }

  static Membership ofCode(int code) {
    if (code < 1 || code > values().length) {
      throw new IllegalArgumentException("unknown membership code " + code);
    }
    return values()[code - 1];
  }
}
