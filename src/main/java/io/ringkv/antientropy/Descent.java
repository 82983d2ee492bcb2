package io.ringkv.antientropy;

import java.util.Arrays;

/**
 * The caller's side of comparing two replicas' trees of a partition, top down: compare the roots;
 * wherever two nodes differ, compare their children next; stop at the leaves or when nothing
 * differs. Only differing subtrees are entered, so one differing key costs {@code 1 + 2 × depth}
 * comparisons however many keys agree. Pure: the caller fetches the hashes of {@link #frontier()}
 * on both sides (batched, a level at a time) and hands them to {@link #compare}.
 */
final class Descent {

  private final int depth;
  private int level;
  private int[] frontier = {0};
  private int[] differingLeaves = new int[0];
  private boolean done;
  private long comparisons;

  /** @param depth the level of the leaves to stop at (the shallower of the two trees) */
  Descent(int depth) {
    this.depth = depth;
  }

  /** The level of the leaves it stops at. */
  int depth() {
    return depth;
  }

  /** The level of the nodes to compare next. */
  int level() {
    return level;
  }

  /** The nodes of {@link #level()} to compare next, in increasing order. */
  int[] frontier() {
    return frontier.clone();
  }

  boolean done() {
    return done;
  }

  /** Once done: the leaves (nodes of level {@code depth}) whose hashes differ, in increasing order. */
  int[] differingLeaves() {
    return differingLeaves.clone();
  }

  /** How many pairs of hashes were compared so far. */
  long comparisons() {
    return comparisons;
  }

  /**
   * Compares the frontier's hashes and moves down to the children of those that differ.
   *
   * @param local this replica's hashes of {@link #frontier()}, in the same order
   * @param remote the other replica's hashes of {@link #frontier()}, in the same order
   */
  void compare(long[] local, long[] remote) {
    if (done) {
      throw new IllegalStateException("the comparison is over");
    }
    if (local.length != frontier.length || remote.length != frontier.length) {
      throw new IllegalArgumentException(
          "expected " + frontier.length + " hashes a side, got " + local.length + " and " + remote.length);
    }
    comparisons += frontier.length;
    int[] differing = differing(local, remote);
    if (level == depth) {
      differingLeaves = differing;
      done = true;
    } else if (differing.length == 0) {
      done = true;
    } else {
      frontier = childrenOf(differing);
      level++;
    }
  }

  private int[] differing(long[] local, long[] remote) {
    int[] differing = new int[frontier.length];
    int count = 0;
    for (int i = 0; i < frontier.length; i++) {
      if (local[i] != remote[i]) {
        differing[count++] = frontier[i];
      }
    }
    return Arrays.copyOf(differing, count);
  }

  private static int[] childrenOf(int[] parents) {
    int[] children = new int[parents.length * 2];
    for (int i = 0; i < parents.length; i++) {
      children[2 * i] = 2 * parents[i];
      children[2 * i + 1] = 2 * parents[i] + 1;
    }
    return children;
  }
}
