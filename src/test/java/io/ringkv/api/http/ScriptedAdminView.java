package io.ringkv.api.http;

import io.ringkv.api.AdminView;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** An AdminView whose answers a test sets, and which remembers the joins and leaves asked of it. */
final class ScriptedAdminView implements AdminView {

  volatile boolean ready = true;
  volatile JsonObject members = new JsonObject().put("members", new JsonArray());
  volatile JsonObject ring =
      new JsonObject().put("partitionCount", 0).put("partitions", new JsonArray());
  volatile JsonObject hints = new JsonObject().put("pending", 0).put("byTarget", new JsonObject());
  volatile JsonObject antiEntropy = new JsonObject();
  final Map<ByteBuffer, JsonObject> localCopies = new ConcurrentHashMap<>();
  final List<String> joins = new CopyOnWriteArrayList<>();
  final AtomicInteger leaves = new AtomicInteger();
  final AtomicInteger repairs = new AtomicInteger();
  volatile Future<JsonObject> repairAnswer = Future.succeededFuture(new JsonObject().put("exchanges", 32));

  @Override
  public boolean ready() {
    return ready;
  }

  @Override
  public JsonObject members() {
    return members;
  }

  @Override
  public JsonObject ring() {
    return ring;
  }

  /** Echoes what it was asked, so a test sees how the API decoded the query. */
  @Override
  public JsonObject preferenceList(String bucket, byte[] key) {
    return new JsonObject()
        .put("partition", 17)
        .put("bucket", bucket)
        .put("keyBase64", Base64.getEncoder().encodeToString(key))
        .put(
            "nodes",
            new JsonArray()
                .add(new JsonObject().put("id", "n2").put("role", "primary").put("state", "up")));
  }

  @Override
  public Optional<JsonObject> local(String bucket, byte[] key) {
    return Optional.ofNullable(localCopies.get(localAddress(bucket, key)));
  }

  static ByteBuffer localAddress(String bucket, byte[] key) {
    byte[] name = (bucket + "\0").getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(name.length + key.length).put(name).put(key).flip();
  }

  @Override
  public JsonObject hints() {
    return hints;
  }

  @Override
  public JsonObject antiEntropy() {
    return antiEntropy;
  }

  @Override
  public Future<JsonObject> repair() {
    repairs.incrementAndGet();
    return repairAnswer;
  }

  @Override
  public Future<Void> join(String seed) {
    joins.add(seed);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> leave() {
    leaves.incrementAndGet();
    return Future.succeededFuture();
  }
}
