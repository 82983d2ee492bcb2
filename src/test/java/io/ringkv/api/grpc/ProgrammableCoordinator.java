package io.ringkv.api.grpc;

import io.ringkv.replication.Coordinator;
import io.ringkv.replication.ReadCommand;
import io.ringkv.replication.ReadResult;
import io.ringkv.replication.StoredValue;
import io.ringkv.replication.WriteCommand;
import io.ringkv.replication.WriteResult;
import io.vertx.core.Future;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A single-replica coordinator for API tests: keeps siblings in a map, and can be told to fail
 * every request. A write whose context is the stored one replaces the siblings; any other write (a
 * blind write, a stale context) joins them as a sibling, as a concurrent write would. A delete with
 * the stored context leaves a tombstone. The context is the object's version number.
 */
final class ProgrammableCoordinator implements Coordinator {

  private record StoredObject(List<StoredValue> siblings, byte[] context) {}

  private final Map<String, StoredObject> objects = new HashMap<>();
  private long lastVersion;
  private volatile Throwable failure;

  final List<ReadCommand> reads = new CopyOnWriteArrayList<>();
  final List<WriteCommand> writes = new CopyOnWriteArrayList<>();

  /** Every following request fails with this (a RequestException or anything else). */
  void failWith(Throwable failure) {
    this.failure = failure;
  }

  @Override
  public synchronized Future<ReadResult> get(ReadCommand command) {
    reads.add(command);
    if (failure != null) {
      return Future.failedFuture(failure);
    }
    StoredObject object = objects.get(id(command.bucket(), command.key()));
    if (object == null) {
      return Future.succeededFuture(new ReadResult(false, List.of(), new byte[0]));
    }
    List<StoredValue> live = object.siblings().stream().filter(s -> !s.deleted()).toList();
    return Future.succeededFuture(new ReadResult(!live.isEmpty(), live, object.context()));
  }

  @Override
  public synchronized Future<WriteResult> put(WriteCommand command) {
    writes.add(command);
    if (failure != null) {
      return Future.failedFuture(failure);
    }
    String id = id(command.bucket(), command.key());
    StoredObject before = objects.get(id);
    List<StoredValue> siblings = new ArrayList<>();
    if (before != null && !Arrays.equals(before.context(), command.context())) {
      siblings.addAll(before.siblings());
    }
    siblings.add(stored(command));
    StoredObject after = new StoredObject(List.copyOf(siblings), nextContext());
    objects.put(id, after);
    List<StoredValue> body = command.returnBody() ? after.siblings() : List.of();
    return Future.succeededFuture(new WriteResult(after.context(), body));
  }

  private static StoredValue stored(WriteCommand command) {
    if (command.delete()) {
      return new StoredValue(new byte[0], "application/octet-stream", true);
    }
    String contentType =
        command.contentType() == null ? "application/octet-stream" : command.contentType();
    return new StoredValue(command.value(), contentType, false);
  }

  private byte[] nextContext() {
    return ByteBuffer.allocate(Long.BYTES).putLong(++lastVersion).array();
  }

  private static String id(String bucket, byte[] key) {
    return bucket + "/" + new String(key, StandardCharsets.ISO_8859_1);
  }
}
