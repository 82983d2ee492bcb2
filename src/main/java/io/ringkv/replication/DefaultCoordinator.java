package io.ringkv.replication;

import io.ringkv.cluster.BucketProps;
import io.ringkv.cluster.BucketRegistry;
import io.ringkv.cluster.ClusterView;
import io.ringkv.ring.PreferenceList;
import io.ringkv.ring.Ring;
import io.ringkv.version.ConflictMode;
import io.ringkv.version.ContextCodec;
import io.ringkv.version.Sibling;
import io.ringkv.version.SiblingSet;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The coordinator of every client request that reaches this node (DESIGN.md, "Coordinator").
 *
 * <p>Requests go to the first N healthy nodes of the key's preference list, the sloppy quorum of
 * Dynamo §4.6: owners that look down are stood in for by fallbacks, which keep the write as a
 * hint for them. A read is coordinated here whatever the key. A write is coordinated by a node of
 * that set, an owner whenever one is up, because the new dot names its coordinator and clocks
 * should stay as small as the replica set (Dynamo §4.4): another node forwards it, one hop.
 *
 * <p>While a partition moves ({@link ClusterView#writeRings()} gives two rings whose replica sets
 * for it differ), writes keep the strict rule of ownership transfer instead: they go to every owner
 * of both sets, need W (and PW) acks within each set, and use no fallbacks (see {@code plan}).
 * Reads always use the sloppy set of the current ring, fallbacks consulting their hints.
 */
public final class DefaultCoordinator implements Coordinator {

  private final Vertx vertx;
  private final ClusterView cluster;
  private final BucketRegistry buckets;
  private final LocalReplica local;
  private final HintedReplica hints;
  private final ReplicaCalls replicas;
  private final ReplicationOptions options;
  private final ReplicationListener listener;
  private final String actor;
  private final LongSupplier clock;

  /**
   * @param actor the name this replica's dots carry; unique per node and per data directory, so
   *     a node that lost its data cannot mint a dot it minted before
   */
  public DefaultCoordinator(
      Vertx vertx,
      ClusterView cluster,
      BucketRegistry buckets,
      LocalReplica local,
      HintedReplica hints,
      ReplicaCalls replicas,
      ReplicationOptions options,
      ReplicationListener listener,
      String actor,
      LongSupplier clock) {
    this.vertx = vertx;
    this.cluster = cluster;
    this.buckets = buckets;
    this.local = local;
    this.hints = hints;
    this.replicas = replicas;
    this.options = options;
    this.listener = listener;
    this.actor = actor;
    this.clock = clock;
  }

  @Override
  public Future<ReadResult> get(ReadCommand command) {
    return read(command).andThen(read -> {
      if (read.succeeded()) {
        listener.siblingsRead(read.result().siblings().size());
      }
    });
  }

  private Future<ReadResult> read(ReadCommand command) {
    try {
      WriteValidation.checkObject(command.bucket(), command.key());
      BucketProps props = buckets.props(command.bucket());
      int r = WriteValidation.quorum("r", command.r(), props.r(), props);
      Placement placement = place(command.bucket(), command.key(), props);
      if (placement.sloppy().targets().size() < r) {
        throw QuorumNotReachedException.beforeAsking("read", placement.sloppy().targets().size(), r);
      }
      return new GetOperation(
              vertx,
              replicas,
              listener,
              placement.object(),
              placement.sloppy(),
              r,
              props.conflict(),
              options.requestTimeoutMillis())
          .run()
          .map(ClientValues::toReadResult);
    } catch (RequestException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public Future<WriteResult> put(WriteCommand command) {
    if (command.delete() && command.context().length == 0) {
      return deleteWhatIsThere(command);
    }
    return write(command);
  }

  /**
   * A delete without a context covers no version: its tombstone would only sit beside the value
   * as a hidden sibling, and the key would stay readable after a 204. So the key is read first
   * (at the bucket's R) and the delete covers what that read saw, as Riak does for a delete
   * without a vector clock. A write the read did not see survives, as any concurrent write does.
   */
  private Future<WriteResult> deleteWhatIsThere(WriteCommand delete) {
    return read(new ReadCommand(delete.bucket(), delete.key(), 0))
        .compose(read -> write(delete.withContext(read.context())));
  }

  private Future<WriteResult> write(WriteCommand command) {
    try {
      ValidatedWrite write = validate(command);
      Placement placement = write.placement();
      String self = cluster.self().id();
      if (placement.moving()) {
        List<String> replicaNodes = placement.writeReplicas();
        if (replicaNodes.contains(self)) {
          return coordinate(write);
        }
        return forward(command, replicaNodes.stream().filter(cluster::isUp).map(ReplicaTarget::primary).toList(), 0);
      }
      SloppyPreferenceList sloppy = placement.sloppy();
      boolean awayFromHome = sloppy.primariesUp() == 0 && sloppy.targetFor(self).isPresent();
      if (sloppy.isOwner(self) || awayFromHome) {
        return coordinate(write);
      }
      return forward(command, sloppy.targets(), 0);
    } catch (RequestException e) {
      return Future.failedFuture(e);
    }
  }

  /**
   * Coordinates a write here, whatever the preference list says: the receiving end of a forward
   * must not forward again, or two nodes with different views could bounce a write forever.
   */
  public Future<WriteResult> coordinateHere(WriteCommand command) {
    try {
      return coordinate(validate(command));
    } catch (RequestException e) {
      return Future.failedFuture(e);
    }
  }

  /**
   * Hands the write to the first candidate that takes it: owners that are up come first. A
   * candidate that cannot be reached, or is not ready yet, fails fast (a refused connection) and
   * the next one is tried; one that fails slowly is not, so a hung node costs one timeout, not
   * several. A lost forward may have been applied before the failure: trying again then stores
   * the value a second time, as a sibling, as a client's own retry would.
   */
  private Future<WriteResult> forward(WriteCommand command, List<ReplicaTarget> candidates, int next) {
    if (next == candidates.size()) {
      return Future.failedFuture(
          QuorumNotReachedException.beforeAsking("write", 0, Math.max(1, command.w())));
    }
    long started = System.nanoTime();
    return replicas
        .forward(candidates.get(next).node(), command)
        .recover(
            failure ->
                worthAnotherTry(failure, started) && next + 1 < candidates.size()
                    ? forward(command, candidates, next + 1)
                    : Future.failedFuture(failure));
  }

  private boolean worthAnotherTry(Throwable failure, long startedNanos) {
    boolean notTaken =
        failure instanceof ForwardLostException
            || failure instanceof RequestException refused && refused.error() == RequestError.NOT_READY;
    long elapsedMillis = (System.nanoTime() - startedNanos) / 1_000_000;
    return notTaken && elapsedMillis < options.requestTimeoutMillis() / 2;
  }

  private Future<WriteResult> coordinate(ValidatedWrite write) {
    ObjectRef object = write.placement().object();
    WritePlan plan = plan(write.placement(), cluster.self().id());
    ReplicaTarget here = plan.here();
    // A fallback keeps no lasting state for the key (its hint goes once delivered), so it cannot
    // know which counters it used before: each write it coordinates gets an actor of its own.
    String writer = here.isPrimary() ? actor : actor + "~" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    SiblingSet stored =
        here.isPrimary()
            ? local.coordinate(object, write.clientWrite(), writer, clock.getAsLong())
            : hints.coordinate(here.hintedFor(), object, write.clientWrite(), writer, clock.getAsLong());
    ConflictMode mode = write.clientWrite().mode();
    Consumer<ReplicaTarget> lastResort = PutOperation.KEEP_NOTHING;
    if (plan.hintsHere()) {
      plan.ownersWithoutATarget().forEach(owner -> hints.merge(owner, object, stored, mode));
      lastResort = failed -> hints.merge(failed.owner(), object, stored, mode);
    }
    return new PutOperation(
            vertx,
            replicas,
            listener,
            object,
            stored,
            here,
            plan.others(),
            plan.replicaSets(),
            plan.standIns(),
            lastResort,
            write.w(),
            write.pw(),
            mode,
            write.command().returnBody(),
            options.requestTimeoutMillis())
        .run()
        .map(merged -> result(write.command(), stored, merged, writer));
  }

  /**
   * This node's role in a write it coordinates: an owner, the fallback the sloppy set made it, or
   * (forwarded here by a node that saw liveness differently) a stand-in for the first owner that
   * looks down, or for the first owner.
   */
  private ReplicaTarget roleHere(SloppyPreferenceList sloppy, String self) {
    if (sloppy.isOwner(self)) {
      return ReplicaTarget.primary(self);
    }
    return sloppy
        .targetFor(self)
        .orElseGet(
            () ->
                ReplicaTarget.fallback(
                    self,
                    sloppy.owners().stream().filter(owner -> !cluster.isUp(owner)).findFirst()
                        .orElse(sloppy.owners().get(0))));
  }

  /**
   * Without a body the client gets the clock of its own write only: handing it the context of
   * siblings it never saw would let its next write silently discard them.
   */
  private WriteResult result(WriteCommand command, SiblingSet stored, SiblingSet merged, String writer) {
    if (command.returnBody()) {
      return new WriteResult(ContextCodec.toBytes(merged.context()), ClientValues.live(merged));
    }
    Sibling own =
        stored.siblings().stream()
            .filter(sibling -> sibling.dot().actor().equals(writer))
            .max((a, b) -> Long.compare(a.dot().counter(), b.dot().counter()))
            .orElse(null);
    byte[] context = ContextCodec.toBytes(own != null ? own.clock() : stored.context());
    return new WriteResult(context, List.of());
  }

  private ValidatedWrite validate(WriteCommand command) {
    WriteValidation.checkObject(command.bucket(), command.key());
    if (!command.delete()) {
      WriteValidation.checkValue(command.value(), options.maxValueBytes());
    }
    BucketProps props = buckets.props(command.bucket());
    int w = WriteValidation.quorum("w", command.w(), props.w(), props);
    int pw = WriteValidation.primaryQuorum(command.pw(), w, props);
    LocalReplica.ClientWrite clientWrite =
        new LocalReplica.ClientWrite(
            WriteValidation.context(command.context()),
            command.delete() || command.value() == null ? new byte[0] : command.value(),
            contentType(command),
            command.delete(),
            props.conflict());
    Placement placement = place(command.bucket(), command.key(), props);
    if (!placement.moving()) {
      checkReachable(placement.sloppy(), w, pw);
    }
    return new ValidatedWrite(command, placement, clientWrite, w, pw);
  }

  /**
   * Refuses a write the healthy nodes cannot acknowledge, before anything is stored: fewer than W
   * distinct healthy nodes in the sloppy set, or fewer than PW owners up. Never a silent success,
   * and no partial write either.
   */
  private static void checkReachable(SloppyPreferenceList sloppy, int w, int pw) {
    if (sloppy.targets().size() < w) {
      throw QuorumNotReachedException.beforeAsking("write", sloppy.targets().size(), w);
    }
    if (sloppy.primariesUp() < pw) {
      throw QuorumNotReachedException.beforeAsking("write (pw: primary owners)", sloppy.primariesUp(), pw);
    }
  }

  private static String contentType(WriteCommand command) {
    String given = command.contentType();
    return command.delete() || given == null || given.isBlank() ? ClientValues.DEFAULT_CONTENT_TYPE : given;
  }

  private Placement place(String bucket, byte[] key, BucketProps props) {
    if (!cluster.isReady()) {
      throw new RequestException(RequestError.NOT_READY, "this node has not joined a cluster yet");
    }
    Ring ring = cluster.ring();
    int partition = ring.scheme().partitionOf(bucket, key);
    PreferenceList preferenceList = ring.preferenceList(partition, props.n());
    List<List<String>> writeSets =
        cluster.writeRings().stream()
            .map(writeRing -> writeRing.preferenceList(partition, props.n()).primaries())
            .distinct()
            .toList();
    return new Placement(
        new ObjectRef(bucket, key, partition), SloppyPreferenceList.of(preferenceList, cluster::isUp), writeSets);
  }

  /**
   * Where an object lives, and which nodes a request for it goes to now.
   *
   * @param sloppy the healthy nodes of the read ring's preference list: what reads use, and writes
   *     while the partition is not moving
   * @param writeSets the distinct replica sets writes must reach, a quorum in each: two while the
   *     partition moves, else one (the sloppy set's owners)
   */
  private record Placement(ObjectRef object, SloppyPreferenceList sloppy, List<List<String>> writeSets) {

    boolean moving() {
      return writeSets.size() > 1;
    }

    /** Every node a write goes to, each once, in order of first appearance. */
    List<String> writeReplicas() {
      return writeSets.stream().flatMap(List::stream).distinct().toList();
    }
  }

  /**
   * Who takes part in one write this node coordinates.
   *
   * @param here this node's role
   * @param others the other targets
   * @param replicaSets the owners of each replica set that must reach the quorum
   * @param standIns where a failed target's replacement comes from
   * @param hintsHere whether this node keeps a hint itself for an owner whose copy no target holds
   *     (coordinator hints): for the owners below, and for a failed target no stand-in replaced
   * @param ownersWithoutATarget owners seen down with no fallback left to stand in for them
   */
  private record WritePlan(
      ReplicaTarget here,
      List<ReplicaTarget> others,
      List<List<String>> replicaSets,
      Function<ReplicaTarget, Optional<ReplicaTarget>> standIns,
      boolean hintsHere,
      List<String> ownersWithoutATarget) {}

  /**
   * While the partition is not moving, the sloppy quorum: the first N healthy nodes, fallbacks
   * holding hints for owners that are down, and spare fallbacks standing in for targets that fail.
   *
   * <p>Where even the fallbacks run out (a 3-node cluster has none), this node keeps the hint
   * itself, as Cassandra's coordinator does: without it a returning owner would wait for
   * anti-entropy or a read to learn the write.
   *
   * <p>While it moves, the strict rule of ownership transfer: every owner of both the old and the
   * new replica set, each set needing W (and PW) acks of its own owners, and no fallbacks or hints. A hint
   * names one owner, but during a move a down owner's copy belongs to two sets that overlap
   * differently, and the transfer itself is what brings the new owners up to date; a write the
   * owners cannot acknowledge during a move fails rather than being parked on a fallback.
   */
  private WritePlan plan(Placement placement, String self) {
    if (placement.moving()) {
      List<ReplicaTarget> others =
          placement.writeReplicas().stream()
              .filter(node -> !node.equals(self))
              .map(ReplicaTarget::primary)
              .toList();
      return new WritePlan(
          ReplicaTarget.primary(self), others, placement.writeSets(), PutOperation.NO_STAND_INS, false, List.of());
    }
    SloppyPreferenceList sloppy = placement.sloppy();
    ReplicaTarget here = roleHere(sloppy, self);
    sloppy.exclude(self);
    List<ReplicaTarget> others =
        sloppy.targets().stream().filter(target -> !target.node().equals(self)).toList();
    List<String> ownersWithoutATarget =
        sloppy.ownersWithoutATarget().stream().filter(owner -> !owner.equals(here.owner())).toList();
    return new WritePlan(
        here, others, List.of(sloppy.owners()), sloppy::replace, options.coordinatorHints(), ownersWithoutATarget);
  }

  private record ValidatedWrite(
      WriteCommand command, Placement placement, LocalReplica.ClientWrite clientWrite, int w, int pw) {}
}
