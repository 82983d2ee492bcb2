package io.ringkv.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Whom a gossip round talks to (Cassandra's rule, as DESIGN.md describes it): one random live peer;
 * now and then an unreachable one, to notice that it recovered (more often the more there are); and
 * a seed now and then, so that seeds hear of everything and no group of nodes can drift into a
 * logical partition of its own. A node that knows no live peer talks to a seed.
 */
final class PeerSelection {

  private PeerSelection() {}

  /**
   * @param live peer addresses of the live peers (this node excluded)
   * @param unreachable peer addresses of the peers that look down
   * @param seeds seed addresses (this node excluded)
   * @return the addresses to gossip with this round, without repeats
   */
  static List<String> choose(List<String> live, List<String> unreachable, List<String> seeds, Random random) {
    List<String> targets = new ArrayList<>(3);
    String liveTarget = live.isEmpty() ? null : pick(live, random);
    if (liveTarget != null) {
      targets.add(liveTarget);
    }
    if (!unreachable.isEmpty() && random.nextDouble() < unreachable.size() / (live.size() + 1.0)) {
      addOnce(targets, pick(unreachable, random));
    }
    if (!seeds.isEmpty() && (liveTarget == null || !seeds.contains(liveTarget))) {
      boolean seedRound =
          live.size() < seeds.size()
              || random.nextDouble() < seeds.size() / (double) (live.size() + unreachable.size());
      if (seedRound) {
        addOnce(targets, pick(seeds, random));
      }
    }
    return targets;
  }

  private static String pick(List<String> from, Random random) {
    return from.get(random.nextInt(from.size()));
  }

  private static void addOnce(List<String> targets, String address) {
    if (!targets.contains(address)) {
      targets.add(address);
    }
  }
}
