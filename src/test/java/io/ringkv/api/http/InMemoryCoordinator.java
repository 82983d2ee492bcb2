package io.ringkv.api.http;

import io.ringkv.cluster.BucketProps;
import io.ringkv.cluster.BucketRegistry;
import io.ringkv.replication.Coordinator;
import io.ringkv.replication.ReadCommand;
import io.ringkv.replication.ReadResult;
import io.ringkv.replication.RequestError;
import io.ringkv.replication.RequestException;
import io.ringkv.replication.StoredValue;
import io.ringkv.replication.WriteCommand;
import io.ringkv.replication.WriteResult;
import io.vertx.core.Future;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A one-node coordinator for API tests: siblings in a map, and the real coordinator's validation
 * rules (sizes, r and w against n, context bytes, value limit) so the API's error mapping meets the
 * same refusals. Its context is a version number: a write that carries the current one replaces the
 * siblings, any other write adds one, as dotted version vectors would.
 */
final class InMemoryCoordinator implements Coordinator {

  static final byte CONTEXT_FORMAT = 1;

  private final BucketRegistry buckets;
  private final int maxValueBytes;
  private final Map<Address, StoredObject> objects = new ConcurrentHashMap<>();
  private final AtomicReference<RuntimeException> nextFailure = new AtomicReference<>();
  private final AtomicReference<RuntimeException> nextThrow = new AtomicReference<>();
  private volatile WriteCommand lastWrite;
  private volatile ReadCommand lastRead;

  InMemoryCoordinator(BucketRegistry buckets, int maxValueBytes) {
    this.buckets = buckets;
    this.maxValueBytes = maxValueBytes;
  }

  /** The next get or put fails with this instead of running. */
  void failNextWith(RuntimeException failure) {
    nextFailure.set(failure);
  }

  /**
   * The next get or put throws this at once, as a buggy coordinator might, instead of failing its
   * future.
   */
  void throwNext(RuntimeException failure) {
    nextThrow.set(failure);
  }

  /** Stores siblings as they are, bypassing every check: for values no API request could make. */
  void preload(String bucket, byte[] key, List<StoredValue> siblings) {
    objects.put(new Address(bucket, key), new StoredObject(1, siblings));
  }

  WriteCommand lastWrite() {
    return lastWrite;
  }

  ReadCommand lastRead() {
    return lastRead;
  }

  static byte[] context(long version) {
    return ByteBuffer.allocate(9).put(CONTEXT_FORMAT).putLong(version).array();
  }

  @Override
  public Future<ReadResult> get(ReadCommand command) {
    lastRead = command;
    throwIfScripted(nextThrow);
    try {
      throwIfScripted(nextFailure);
      checkNames(command.bucket(), command.key());
      checkQuorum("r", command.r(), command.bucket());
      StoredObject stored = objects.get(new Address(command.bucket(), command.key()));
      if (stored == null) {
        return Future.succeededFuture(new ReadResult(false, List.of(), new byte[0]));
      }
      return Future.succeededFuture(
          new ReadResult(
              !stored.siblings().isEmpty(), stored.siblings(), context(stored.version())));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public Future<WriteResult> put(WriteCommand command) {
    lastWrite = command;
    throwIfScripted(nextThrow);
    try {
      throwIfScripted(nextFailure);
      checkNames(command.bucket(), command.key());
      checkQuorum("w", command.w(), command.bucket());
      checkQuorum("pw", command.pw(), command.bucket());
      long seen = versionIn(command.context());
      if (!command.delete() && command.value().length > maxValueBytes) {
        throw new RequestException(
            RequestError.VALUE_TOO_LARGE, "value over " + maxValueBytes + " bytes");
      }
      StoredObject stored =
          objects.compute(
              new Address(command.bucket(), command.key()),
              (address, old) -> write(old, command, seen));
      return Future.succeededFuture(
          new WriteResult(
              context(stored.version()), command.returnBody() ? stored.siblings() : List.of()));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private static StoredObject write(StoredObject old, WriteCommand command, long seen) {
    long version = old == null ? 1 : old.version() + 1;
    List<StoredValue> siblings = new ArrayList<>();
    if (old != null && old.version() != seen) {
      siblings.addAll(old.siblings()); // a concurrent write: keep what the writer did not see
    }
    if (!command.delete()) {
      String type =
          command.contentType() == null ? "application/octet-stream" : command.contentType();
      siblings.add(new StoredValue(command.value(), type, false));
    }
    return new StoredObject(version, List.copyOf(siblings));
  }

  private static void throwIfScripted(AtomicReference<RuntimeException> scripted) {
    RuntimeException failure = scripted.getAndSet(null);
    if (failure != null) {
      throw failure;
    }
  }

  private static void checkNames(String bucket, byte[] key) {
    int bucketBytes = bucket.getBytes(StandardCharsets.UTF_8).length;
    if (bucketBytes < 1 || bucketBytes > 1024) {
      throw new RequestException(RequestError.BAD_BUCKET, "bucket must be 1-1024 bytes");
    }
    if (key.length < 1 || key.length > 1024) {
      throw new RequestException(
          RequestError.BAD_KEY, "key must be 1-1024 bytes, got " + key.length);
    }
  }

  private void checkQuorum(String name, int value, String bucket) {
    BucketProps props = buckets.props(bucket);
    if (value < 0 || value > props.n()) {
      throw new RequestException(
          RequestError.BAD_QUORUM, name + " must be at most n=" + props.n() + ", got " + value);
    }
  }

  private static long versionIn(byte[] context) {
    if (context.length == 0) {
      return 0;
    }
    if (context.length != 9 || context[0] != CONTEXT_FORMAT) {
      throw new RequestException(RequestError.BAD_CONTEXT, "not a ringkv context");
    }
    return ByteBuffer.wrap(context, 1, 8).getLong();
  }

  private record Address(String bucket, ByteBuffer key) {
    Address(String bucket, byte[] key) {
      this(bucket, ByteBuffer.wrap(key.clone()));
    }
  }

  /**
   * @param siblings the live values; empty after a delete (a tombstone with a version)
   */
  private record StoredObject(long version, List<StoredValue> siblings) {}
}
