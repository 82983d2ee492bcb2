package io.ringkv.antientropy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.replication.LocalReplica;
import io.ringkv.replication.ObjectRef;
import io.ringkv.storage.InMemoryPartitionedStore;
import io.ringkv.version.ClockPruning;
import io.ringkv.version.ConflictMode;
import io.ringkv.version.SiblingSet;
import io.ringkv.version.VersionVector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.RepeatedTest;

/**
 * A tree kept current write by write must equal a tree rebuilt from the store: every path of
 * {@link LocalReplica} reports its changes, and a build racing with writes loses none of them.
 */
class PartitionTreesTest {

  private static final int DEPTH = 8;

  /** One change through the replica: a client write or delete, a merge from another replica, a purge. */
  enum Op { WRITE, DELETE, MERGE_FOREIGN, PURGE }

  record Step(Op op, int key) {}

  @Property(tries = 200)
  void aTreeKeptByEveryChangeEqualsATreeRebuiltFromTheStore(@ForAll("steps") List<Step> steps) {
    InMemoryPartitionedStore store = new InMemoryPartitionedStore();
    PartitionTrees kept = new PartitionTrees(1, DEPTH);
    kept.build(store, 0);
    LocalReplica replica = new LocalReplica(store, ClockPruning.shared(), kept);

    long now = 1;
    for (Step step : steps) {
      apply(replica, step, now++);
    }

    assertSameTree(kept, rebuilt(store));
  }

  @RepeatedTest(5)
  void aBuildRacingWithWritesEndsEqualToARebuildAfterThem() throws Exception {
    InMemoryPartitionedStore store = new InMemoryPartitionedStore();
    PartitionTrees trees = new PartitionTrees(1, DEPTH);
    LocalReplica replica = new LocalReplica(store, ClockPruning.shared(), trees);
    for (int key = 0; key < 20_000; key++) {
      apply(replica, new Step(Op.WRITE, key), 1);
    }
    AtomicBoolean building = new AtomicBoolean(true);
    List<Thread> writers = new ArrayList<>();
    for (int writer = 0; writer < 3; writer++) {
      Random random = new Random(writer);
      Thread thread = new Thread(() -> {
        long now = 2;
        // Keep writing for a while after the build too, so some writes land in every phase.
        for (int extra = 0; building.get() || extra < 2_000; extra += building.get() ? 0 : 1) {
          apply(replica, new Step(Op.values()[random.nextInt(4)], random.nextInt(2_000)), now++);
        }
      });
      thread.start();
      writers.add(thread);
    }

    trees.build(store, 0);
    building.set(false);
    for (Thread writer : writers) {
      writer.join();
    }

    assertSameTree(trees, rebuilt(store));
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> step = net.jqwik.api.Combinators.combine(
        Arbitraries.of(Op.class), Arbitraries.integers().between(0, 15)).as(Step::new);
    return step.list().ofMaxSize(60);
  }

  private static void apply(LocalReplica replica, Step step, long now) {
    ObjectRef object = new ObjectRef("b", ("key-" + step.key()).getBytes(StandardCharsets.UTF_8), 0);
    switch (step.op()) {
      case WRITE, DELETE -> {
        VersionVector context = replica.read(object).context();
        replica.coordinate(
            object,
            new LocalReplica.ClientWrite(context, ("v" + now).getBytes(StandardCharsets.UTF_8), "text/plain",
                step.op() == Op.DELETE, ConflictMode.SIBLINGS),
            "a", now);
      }
      case MERGE_FOREIGN -> replica.merge(
          object,
          SiblingSet.empty().coordinate("other-" + now, VersionVector.empty(), new byte[] {1}, "text/plain", false,
              now, ConflictMode.SIBLINGS),
          ConflictMode.SIBLINGS);
      case PURGE -> replica.removeTombstone(object, replica.read(object).digest());
    }
  }

  private static PartitionTrees rebuilt(InMemoryPartitionedStore store) {
    PartitionTrees rebuilt = new PartitionTrees(1, DEPTH);
    rebuilt.build(store, 0);
    return rebuilt;
  }

  private static void assertSameTree(PartitionTrees actual, PartitionTrees expected) {
    assertThat(Trees.allHashes(actual.tree(0))).isEqualTo(Trees.allHashes(expected.tree(0)));
    assertThat(actual.tree(0).keys()).isEqualTo(expected.tree(0).keys());
    assertThat(actual.tree(0).tombstones()).isEqualTo(expected.tree(0).tombstones());
  }
}
