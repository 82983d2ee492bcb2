package io.ringkv.api.grpc;

import com.google.protobuf.ByteString;
import io.ringkv.api.RequestObserver;
import io.ringkv.api.RequestOutcome;
import io.ringkv.api.grpc.v1.DeleteRequest;
import io.ringkv.api.grpc.v1.DeleteResponse;
import io.ringkv.api.grpc.v1.GetRequest;
import io.ringkv.api.grpc.v1.GetResponse;
import io.ringkv.api.grpc.v1.KeyValueService;
import io.ringkv.api.grpc.v1.PutRequest;
import io.ringkv.api.grpc.v1.PutResponse;
import io.ringkv.api.grpc.v1.Sibling;
import io.ringkv.replication.Coordinator;
import io.ringkv.replication.ReadCommand;
import io.ringkv.replication.ReadResult;
import io.ringkv.replication.StoredValue;
import io.ringkv.replication.WriteCommand;
import io.ringkv.replication.WriteResult;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The {@code ringkv.v1.KeyValue} service: translates protobuf messages to coordinator commands and
 * the coordinator's answers back, nothing more. Validation lives behind {@link Coordinator} so that
 * this API and the HTTP API refuse the same requests; failures become gRPC statuses through {@link
 * GrpcFailure}.
 *
 * <p>A Get of an absent or deleted key is not an error: it answers {@code found = false}, with the
 * tombstone's context when the key was deleted, so a client can write over the delete without
 * creating a sibling of it. Put and Delete report every coordinator failure as a status.
 */
public final class KeyValueGrpcApi extends KeyValueService {

  /** The bucket a request names by leaving the field empty (proto3 has no absent strings). */
  static final String DEFAULT_BUCKET = "default";

  private final Coordinator coordinator;
  private final RequestObserver observer;

  public KeyValueGrpcApi(Coordinator coordinator) {
    this(coordinator, RequestObserver.NONE);
  }

  /** @param observer told of every request once answered (for metrics) */
  public KeyValueGrpcApi(Coordinator coordinator, RequestObserver observer) {
    this.coordinator = coordinator;
    this.observer = observer;
  }

  @Override
  public Future<GetResponse> get(GetRequest request) {
    ReadCommand command =
        new ReadCommand(
            bucket(request.getBucket()), request.getKey().toByteArray(), request.getR());
    return coordinate("get", read -> read.found() ? RequestOutcome.OK : RequestOutcome.NOT_FOUND,
            () -> coordinator.get(command))
        .map(KeyValueGrpcApi::getResponse);
  }

  @Override
  public Future<PutResponse> put(PutRequest request) {
    WriteCommand command =
        new WriteCommand(
            bucket(request.getBucket()),
            request.getKey().toByteArray(),
            request.getValue().toByteArray(),
            request.getContentType().isEmpty() ? null : request.getContentType(),
            request.getContext().toByteArray(),
            false,
            request.getW(),
            request.getPw(),
            request.getReturnBody());
    return coordinate("put", written -> RequestOutcome.OK, () -> coordinator.put(command))
        .map(KeyValueGrpcApi::putResponse);
  }

  @Override
  public Future<DeleteResponse> delete(DeleteRequest request) {
    WriteCommand command =
        new WriteCommand(
            bucket(request.getBucket()),
            request.getKey().toByteArray(),
            new byte[0],
            null,
            request.getContext().toByteArray(),
            true,
            request.getW(),
            request.getPw(),
            false);
    return coordinate("delete", written -> RequestOutcome.OK, () -> coordinator.put(command))
        .map(DeleteResponse.getDefaultInstance());
  }

  /**
   * Calls the coordinator, reports the outcome to the observer, and turns any failure, even one
   * thrown instead of returned, into the status the client will see.
   */
  private <T> Future<T> coordinate(String op, Function<T, String> outcome, Supplier<Future<T>> call) {
    long started = System.nanoTime();
    Future<T> answer;
    try {
      answer = call.get();
    } catch (RuntimeException thrown) {
      answer = Future.failedFuture(thrown);
    }
    answer.onComplete(
        done ->
            observer.completed(
                "grpc",
                op,
                done.succeeded() ? outcome.apply(done.result()) : RequestOutcome.of(done.cause()),
                System.nanoTime() - started));
    return answer.recover(failure -> Future.failedFuture(GrpcFailure.status(failure)));
  }

  private static String bucket(String requested) {
    return requested.isEmpty() ? DEFAULT_BUCKET : requested;
  }

  private static GetResponse getResponse(ReadResult result) {
    return GetResponse.newBuilder()
        .setFound(result.found())
        .addAllSiblings(siblings(result.siblings()))
        .setContext(ByteString.copyFrom(result.context()))
        .build();
  }

  private static PutResponse putResponse(WriteResult result) {
    return PutResponse.newBuilder()
        .setContext(ByteString.copyFrom(result.context()))
        .addAllSiblings(siblings(result.siblings()))
        .build();
  }

  private static List<Sibling> siblings(List<StoredValue> values) {
    return values.stream().map(KeyValueGrpcApi::sibling).toList();
  }

  private static Sibling sibling(StoredValue value) {
    return Sibling.newBuilder()
        .setValue(ByteString.copyFrom(value.value()))
        .setContentType(value.contentType())
        .setDeleted(value.deleted())
        .build();
  }
}
