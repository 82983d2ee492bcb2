package io.ringkv.replication;

import io.ringkv.cluster.BucketProps;
import io.ringkv.cluster.BucketRegistry;
import io.ringkv.cluster.ClusterView;
import io.ringkv.ring.PreferenceList;
import io.ringkv.ring.Ring;
import io.ringkv.version.ContextCodec;
import io.ringkv.version.Sibling;
import io.ringkv.version.SiblingSet;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The coordinator of every client request that reaches this node (DESIGN.md, "Coordinator").
 *
 * <p>A read is coordinated here whatever the key. A write is coordinated only by one of the key's
 * replicas, because the new dot names its coordinator and clocks should stay as small as the
 * replica set (Dynamo §4.4): a node outside the preference list forwards it, one hop.
 */
public final class DefaultCoordinator implements Coordinator {

  private final Vertx vertx;
  private final ClusterView cluster;
  private final BucketRegistry buckets;
  private final LocalReplica local;
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
      ReplicaCalls replicas,
      ReplicationOptions options,
      ReplicationListener listener,
      String actor,
      LongSupplier clock) {
    this.vertx = vertx;
    this.cluster = cluster;
    this.buckets = buckets;
    this.local = local;
    this.replicas = replicas;
    this.options = options;
    this.listener = listener;
    this.actor = actor;
    this.clock = clock;
  }

  @Override
  public Future<ReadResult> get(ReadCommand command) {
    try {
      WriteValidation.checkObject(command.bucket(), command.key());
      BucketProps props = buckets.props(command.bucket());
      int r = WriteValidation.quorum("r", command.r(), props.r(), props);
      Placement placement = place(command.bucket(), command.key(), props);
      return new GetOperation(
              vertx,
              replicas,
              listener,
              placement.object(),
              placement.replicas().primaries(),
              r,
              props.conflict(),
              options.requestTimeoutMillis())
          .run()
          .map(
              merged -> {
                ReadResult result = ClientValues.toReadResult(merged);
                listener.siblingsRead(result.siblings().size());
                return result;
              });
    } catch (RequestException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public Future<WriteResult> put(WriteCommand command) {
    try {
      ValidatedWrite write = validate(command);
      List<String> replicaNodes = write.placement().writeReplicas();
      if (replicaNodes.contains(cluster.self().id())) {
        return coordinate(write);
      }
      return forward(command, replicaNodes);
    } catch (RequestException e) {
      return Future.failedFuture(e);
    }
  }

  /**
   * Coordinates a write here, whatever the preference list says: the receiving end of a forward
   * must not forward again, or two nodes with different rings could bounce a write forever.
   */
  public Future<WriteResult> coordinateHere(WriteCommand command) {
    try {
      return coordinate(validate(command));
    } catch (RequestException e) {
      return Future.failedFuture(e);
    }
  }

  private Future<WriteResult> forward(WriteCommand command, List<String> primaries) {
    for (String node : primaries) {
      if (cluster.isUp(node)) {
        return replicas.forward(node, command);
      }
    }
    return Future.failedFuture(
        new QuorumNotReachedException("write (no replica of the key is up)", 0, Math.max(1, command.w())));
  }

  private Future<WriteResult> coordinate(ValidatedWrite write) {
    ObjectRef object = write.placement().object();
    SiblingSet stored = local.coordinate(object, write.clientWrite(), actor, clock.getAsLong());
    return new PutOperation(
            vertx,
            replicas,
            listener,
            object,
            stored,
            cluster.self().id(),
            write.placement().writeSets(),
            write.w(),
            write.pw(),
            write.clientWrite().mode(),
            write.command().returnBody(),
            options.requestTimeoutMillis())
        .run()
        .map(merged -> result(write.command(), stored, merged));
  }

  /**
   * Without a body the client gets the clock of its own write only: handing it the context of
   * siblings it never saw would let its next write silently discard them.
   */
  private WriteResult result(WriteCommand command, SiblingSet stored, SiblingSet merged) {
    if (command.returnBody()) {
      return new WriteResult(ContextCodec.toBytes(merged.context()), ClientValues.live(merged));
    }
    Sibling own =
        stored.siblings().stream()
            .filter(sibling -> sibling.dot().actor().equals(actor))
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
    return new ValidatedWrite(command, place(command.bucket(), command.key(), props), clientWrite, w, pw);
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
    List<List<String>> writeSets =
        cluster.writeRings().stream()
            .map(writeRing -> writeRing.preferenceList(partition, props.n()).primaries())
            .toList();
    return new Placement(new ObjectRef(bucket, key, partition), ring.preferenceList(partition, props.n()), writeSets);
  }

  /**
   * Where an object lives.
   *
   * @param replicas the preference list reads use
   * @param writeSets the replica sets writes must reach, a quorum in each (two while the partition
   *     moves, else one: the read primaries)
   */
  private record Placement(ObjectRef object, PreferenceList replicas, List<List<String>> writeSets) {

    /** Every node a write goes to, each once, in order of first appearance. */
    List<String> writeReplicas() {
      return writeSets.stream().flatMap(List::stream).distinct().toList();
    }
  }

  private record ValidatedWrite(
      WriteCommand command, Placement placement, LocalReplica.ClientWrite clientWrite, int w, int pw) {}
}
