package io.ringkv.replication;

import com.google.protobuf.ByteString;
import io.ringkv.cluster.ClusterView;
import io.ringkv.cluster.NodeInfo;
import io.ringkv.transport.PeerCallException;
import io.ringkv.transport.PeerTransport;
import io.ringkv.transport.proto.CoordinateReply;
import io.ringkv.transport.proto.CoordinateRequest;
import io.ringkv.transport.proto.ObjectId;
import io.ringkv.transport.proto.ReplicaGrpcClient;
import io.ringkv.transport.proto.ReplicaReadRequest;
import io.ringkv.transport.proto.ReplicaWriteRequest;
import io.ringkv.transport.proto.RequestFailure;
import io.ringkv.version.ConflictMode;
import io.ringkv.version.SiblingSet;
import io.ringkv.version.SiblingSetCodec;
import io.vertx.core.Future;
import io.vertx.grpc.common.ServiceMethod;
import java.util.List;
import java.util.Optional;

/** {@link ReplicaCalls} over the peer transport, short-circuiting calls to this node itself. */
public final class PeerReplicaCalls implements ReplicaCalls {

  private final ClusterView cluster;
  private final PeerTransport transport;
  private final LocalReplica local;
  private final HintedReplica hints;
  private final long deadlineMillis;

  public PeerReplicaCalls(
      ClusterView cluster,
      PeerTransport transport,
      LocalReplica local,
      HintedReplica hints,
      long deadlineMillis) {
    this.cluster = cluster;
    this.transport = transport;
    this.local = local;
    this.hints = hints;
    this.deadlineMillis = deadlineMillis;
  }

  @Override
  public Future<SiblingSet> read(String nodeId, ObjectRef object) {
    if (isSelf(nodeId)) {
      return Future.succeededFuture(local.read(object));
    }
    ReplicaReadRequest request = ReplicaReadRequest.newBuilder().setObject(objectId(object)).build();
    return call(nodeId, ReplicaGrpcClient.Read, request)
        .map(reply -> decode(reply.getSiblings()));
  }

  @Override
  public Future<SiblingSet> readWithHints(String nodeId, ObjectRef object, List<String> owners) {
    if (isSelf(nodeId)) {
      return Future.succeededFuture(hints.withHints(local.read(object), owners, object));
    }
    ReplicaReadRequest request =
        ReplicaReadRequest.newBuilder().setObject(objectId(object)).addAllHintsFor(owners).build();
    return call(nodeId, ReplicaGrpcClient.Read, request).map(reply -> decode(reply.getSiblings()));
  }

  @Override
  public Future<SiblingSet> write(
      String nodeId, ObjectRef object, SiblingSet siblings, ConflictMode mode, boolean replyWithMerged) {
    if (isSelf(nodeId)) {
      return Future.succeededFuture(local.merge(object, siblings, mode));
    }
    return sendWrite(nodeId, writeRequest(object, siblings, mode, replyWithMerged).build());
  }

  @Override
  public Future<SiblingSet> writeHint(
      String nodeId,
      String owner,
      ObjectRef object,
      SiblingSet siblings,
      ConflictMode mode,
      boolean replyWithMerged) {
    if (isSelf(nodeId)) {
      return Future.succeededFuture(hints.merge(owner, object, siblings, mode));
    }
    return sendWrite(
        nodeId, writeRequest(object, siblings, mode, replyWithMerged).setHintedFor(owner).build());
  }

  private static ReplicaWriteRequest.Builder writeRequest(
      ObjectRef object, SiblingSet siblings, ConflictMode mode, boolean replyWithMerged) {
    return ReplicaWriteRequest.newBuilder()
        .setObject(objectId(object))
        .setSiblings(ByteString.copyFrom(SiblingSetCodec.encode(siblings)))
        .setLww(mode == ConflictMode.LWW)
        .setReplyWithMerged(replyWithMerged);
  }

  private Future<SiblingSet> sendWrite(String nodeId, ReplicaWriteRequest request) {
    return call(nodeId, ReplicaGrpcClient.Write, request).map(reply -> decode(reply.getSiblings()));
  }

  @Override
  public Future<WriteResult> forward(String nodeId, WriteCommand command) {
    CoordinateRequest request =
        CoordinateRequest.newBuilder()
            .setBucket(command.bucket())
            .setKey(ByteString.copyFrom(command.key()))
            .setValue(command.value() == null ? ByteString.EMPTY : ByteString.copyFrom(command.value()))
            .setContentType(command.contentType() == null ? "" : command.contentType())
            .setContext(command.context() == null ? ByteString.EMPTY : ByteString.copyFrom(command.context()))
            .setDelete(command.delete())
            .setW(command.w())
            .setPw(command.pw())
            .setReturnBody(command.returnBody())
            .build();
    return call(nodeId, ReplicaGrpcClient.Coordinate, forwardDeadlineMillis(), request)
        .recover(failure -> Future.failedFuture(new ForwardLostException(nodeId, failure)))
        .compose(PeerReplicaCalls::toWriteResult);
  }

  private static Future<WriteResult> toWriteResult(CoordinateReply reply) {
    if (reply.hasFailure()) {
      return Future.failedFuture(toException(reply.getFailure()));
    }
    List<StoredValue> siblings =
        reply.getSiblingsList().stream()
            .map(s -> new StoredValue(s.getValue().toByteArray(), s.getContentType(), s.getDeleted()))
            .toList();
    return Future.succeededFuture(new WriteResult(reply.getContext().toByteArray(), siblings));
  }

  /** Rebuilds on this side the exception the remote coordinator failed with. */
  static RequestException toException(RequestFailure failure) {
    RequestError error;
    try {
      error = RequestError.valueOf(failure.getError());
    } catch (IllegalArgumentException e) {
      error = RequestError.QUORUM_NOT_REACHED;
    }
    if (error == RequestError.QUORUM_NOT_REACHED) {
      return QuorumNotReachedException.relayed(failure.getMessage(), failure.getAnswered(), failure.getRequired());
    }
    return new RequestException(error, failure.getMessage());
  }

  /**
   * The coordinator a write is forwarded to waits up to the request timeout for its quorum and
   * then answers, success or not: the forward waits a little longer, so that a slow but complete
   * answer is not mistaken for a lost write.
   */
  private long forwardDeadlineMillis() {
    return deadlineMillis + deadlineMillis / 2;
  }

  private <Req, Rep> Future<Rep> call(String nodeId, ServiceMethod<Rep, Req> method, Req request) {
    return call(nodeId, method, deadlineMillis, request);
  }

  private <Req, Rep> Future<Rep> call(
      String nodeId, ServiceMethod<Rep, Req> method, long deadlineMillis, Req request) {
    Optional<NodeInfo> node = cluster.node(nodeId);
    if (node.isEmpty()) {
      return Future.failedFuture(new PeerCallException("unknown node " + nodeId));
    }
    Future<Rep> reply;
    try {
      reply = transport.call(node.get().peerAddress(), method, request, deadlineMillis);
    } catch (RuntimeException e) {
      // e.g. an address that does not parse: a failed call, which a fallback can make up for
      reply = Future.failedFuture(new PeerCallException(method.methodName() + " to " + nodeId + " failed: " + e, e));
    }
    return reply.andThen(outcome -> cluster.reportCall(nodeId, outcome.succeeded()));
  }

  private boolean isSelf(String nodeId) {
    return nodeId.equals(cluster.self().id());
  }

  static ObjectId objectId(ObjectRef object) {
    return ObjectId.newBuilder()
        .setBucket(object.bucket())
        .setKey(ByteString.copyFrom(object.key()))
        .setPartition(object.partition())
        .build();
  }

  private static SiblingSet decode(ByteString bytes) {
    return bytes.isEmpty() ? SiblingSet.empty() : SiblingSetCodec.decode(bytes.toByteArray());
  }
}
