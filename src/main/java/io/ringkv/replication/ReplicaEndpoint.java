package io.ringkv.replication;

import com.google.protobuf.ByteString;
import io.ringkv.transport.proto.ClientSibling;
import io.ringkv.transport.proto.CoordinateReply;
import io.ringkv.transport.proto.CoordinateRequest;
import io.ringkv.transport.proto.ObjectId;
import io.ringkv.transport.proto.ReplicaReadReply;
import io.ringkv.transport.proto.ReplicaReadRequest;
import io.ringkv.transport.proto.ReplicaService;
import io.ringkv.transport.proto.ReplicaWriteReply;
import io.ringkv.transport.proto.ReplicaWriteRequest;
import io.ringkv.transport.proto.RequestFailure;
import io.ringkv.version.ConflictMode;
import io.ringkv.version.SiblingSet;
import io.ringkv.version.SiblingSetCodec;
import io.vertx.core.Future;

/** The peer-facing side of this node's replica: what other coordinators call. */
public final class ReplicaEndpoint extends ReplicaService {

  private final LocalReplica local;
  private final HintedReplica hints;
  private final DefaultCoordinator coordinator;

  public ReplicaEndpoint(LocalReplica local, HintedReplica hints, DefaultCoordinator coordinator) {
    this.local = local;
    this.hints = hints;
    this.coordinator = coordinator;
  }

  @Override
  public Future<ReplicaReadReply> read(ReplicaReadRequest request) {
    ObjectRef object = object(request.getObject());
    byte[] stored;
    if (request.getHintsForCount() == 0) {
      stored = local.readEncoded(object);
    } else {
      // A fallback's read: what it keeps for the owners counts as its copy (sloppy quorum).
      SiblingSet held = hints.withHints(local.read(object), request.getHintsForList(), object);
      stored = held.isEmpty() ? new byte[0] : SiblingSetCodec.encode(held);
    }
    return Future.succeededFuture(
        ReplicaReadReply.newBuilder().setSiblings(ByteString.copyFrom(stored)).build());
  }

  @Override
  public Future<ReplicaWriteReply> write(ReplicaWriteRequest request) {
    ConflictMode mode = request.getLww() ? ConflictMode.LWW : ConflictMode.SIBLINGS;
    ObjectRef object = object(request.getObject());
    SiblingSet incoming = SiblingSetCodec.decode(request.getSiblings().toByteArray());
    SiblingSet merged =
        request.getHintedFor().isEmpty()
            ? local.merge(object, incoming, mode)
            : hints.merge(request.getHintedFor(), object, incoming, mode);
    if (!request.getReplyWithMerged()) {
      return Future.succeededFuture(ReplicaWriteReply.getDefaultInstance());
    }
    return Future.succeededFuture(
        ReplicaWriteReply.newBuilder()
            .setSiblings(ByteString.copyFrom(SiblingSetCodec.encode(merged)))
            .build());
  }

  @Override
  public Future<CoordinateReply> coordinate(CoordinateRequest request) {
    WriteCommand command =
        new WriteCommand(
            request.getBucket(),
            request.getKey().toByteArray(),
            request.getValue().toByteArray(),
            request.getContentType().isEmpty() ? null : request.getContentType(),
            request.getContext().toByteArray(),
            request.getDelete(),
            request.getW(),
            request.getPw(),
            request.getReturnBody());
    return coordinator
        .coordinateHere(command)
        .map(ReplicaEndpoint::success)
        .recover(failure -> failure instanceof RequestException refused
            ? Future.succeededFuture(failure(refused))
            : Future.failedFuture(failure));
  }

  private static CoordinateReply success(WriteResult result) {
    CoordinateReply.Builder reply =
        CoordinateReply.newBuilder().setContext(ByteString.copyFrom(result.context()));
    for (StoredValue value : result.siblings()) {
      reply.addSiblings(
          ClientSibling.newBuilder()
              .setValue(ByteString.copyFrom(value.value()))
              .setContentType(value.contentType())
              .setDeleted(value.deleted()));
    }
    return reply.build();
  }

  private static CoordinateReply failure(RequestException refused) {
    return CoordinateReply.newBuilder()
        .setFailure(
            RequestFailure.newBuilder()
                .setError(refused.error().name())
                .setMessage(refused.getMessage())
                .setAnswered(refused.answered().orElse(0))
                .setRequired(refused.required().orElse(0)))
        .build();
  }

  private static ObjectRef object(ObjectId id) {
    return new ObjectRef(id.getBucket(), id.getKey().toByteArray(), id.getPartition());
  }
}
