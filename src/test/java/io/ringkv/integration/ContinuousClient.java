package io.ringkv.integration;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A client that writes new keys and reads acknowledged ones without pause, through whichever nodes
 * it is told to use, and remembers every acknowledged write and every failed request: the witness
 * that a membership change happened without downtime and without losing a write.
 *
 * <p>Also loads a cluster in bulk, many requests in flight, before the change.
 */
final class ContinuousClient implements AutoCloseable {

  static final String BUCKET = "load";
  private static final int BULK_ATTEMPTS = 3;

  private final Vertx vertx = Vertx.vertx();
  private final WebClient client =
      WebClient.wrap(
          vertx.httpClientBuilder()
              .with(new HttpClientOptions().setKeepAlive(true))
              .with(new PoolOptions().setHttp1MaxSize(32))
              .build());
  private final Random random = new Random(42);
  /** Acknowledged writes: key → value. */
  private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
  private final List<String> ackedKeys = Collections.synchronizedList(new ArrayList<>());
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong reads = new AtomicLong();
  private final AtomicInteger nextKey = new AtomicInteger();
  private final AtomicBoolean running = new AtomicBoolean();
  private final List<Future<Void>> lanes = new ArrayList<>();

  /** Writes {@code count} keys ("bulk-i") with {@code inFlight} requests at once; fails on any error. */
  void load(int count, int inFlight, Supplier<List<String>> urls, int valueBytes) throws Exception {
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> workers = new ArrayList<>();
    String padding = "x".repeat(Math.max(0, valueBytes - 12));
    for (int i = 0; i < inFlight; i++) {
      Promise<Void> done = Promise.promise();
      bulkNext(next, count, urls, padding, done);
      workers.add(done.future());
    }
    awaitLong(Future.all(workers));
  }

  /** Waits for a bulk operation: loading or reading back a large cluster takes minutes. */
  private static void awaitLong(Future<?> future) throws Exception {
    future.toCompletionStage().toCompletableFuture().get(15, java.util.concurrent.TimeUnit.MINUTES);
  }

  private void bulkNext(AtomicInteger next, int count, Supplier<List<String>> urls, String padding, Promise<Void> done) {
    int i = next.getAndIncrement();
    if (i >= count) {
      done.tryComplete();
      return;
    }
    String key = "bulk-" + i;
    String value = "v" + i + "-" + padding;
    putRetrying(urls, i, key, value, BULK_ATTEMPTS)
        .onSuccess(ok -> {
          acknowledged.put(key, value);
          ackedKeys.add(key);
          bulkNext(next, count, urls, padding, done);
        })
        .onFailure(done::tryFail);
  }

  /**
   * A bulk write, tried again through the next node when it fails: loading is not what the tests
   * watch, and a shared machine stalls now and then.
   */
  private Future<Void> putRetrying(Supplier<List<String>> urls, int i, String key, String value, int attempts) {
    return put(pick(urls.get(), i), key, value)
        .recover(failure -> attempts > 1
            ? putRetrying(urls, i + 1, key, value, attempts - 1)
            : Future.failedFuture(failure));
  }

  /** Starts {@code lanes} lanes, each alternating a write of a new key and a read of an acknowledged one. */
  void start(int laneCount, Supplier<List<String>> urls) {
    running.set(true);
    for (int i = 0; i < laneCount; i++) {
      Promise<Void> stopped = Promise.promise();
      vertx.runOnContext(ignored -> lane(urls, stopped));
      lanes.add(stopped.future());
    }
  }

  private void lane(Supplier<List<String>> urls, Promise<Void> stopped) {
    if (!running.get()) {
      stopped.complete();
      return;
    }
    List<String> targets = urls.get();
    String key = "live-" + nextKey.getAndIncrement();
    String value = "value-of-" + key;
    Future<Void> write =
        put(pick(targets, random.nextInt(1 << 20)), key, value)
            .onSuccess(ok -> {
              acknowledged.put(key, value);
              ackedKeys.add(key);
            })
            .onFailure(failure -> failures.add("write " + key + ": " + failure.getMessage()))
            .andThen(ignored -> writes.incrementAndGet());
    write
        .transform(ignored -> readSomeAcknowledged(targets))
        .onComplete(ignored -> lane(urls, stopped));
  }

  private Future<Void> readSomeAcknowledged(List<String> targets) {
    String key;
    synchronized (ackedKeys) {
      if (ackedKeys.isEmpty()) {
        return Future.succeededFuture();
      }
      key = ackedKeys.get(random.nextInt(ackedKeys.size()));
    }
    String url = pick(targets, random.nextInt(1 << 20));
    return get(url, key)
        .map(value -> {
          if (!acknowledged.get(key).equals(value)) {
            failures.add("read " + key + " through " + url + ": got " + value);
          }
          return (Void) null;
        })
        .recover(failure -> {
          failures.add("read " + key + " through " + url + ": " + failure.getMessage());
          return Future.succeededFuture();
        })
        .andThen(ignored -> reads.incrementAndGet());
  }

  /** Stops the lanes after their current requests. */
  void stop() throws Exception {
    running.set(false);
    TestCluster.await(Future.all(lanes));
    lanes.clear();
  }

  Future<Void> put(String url, String key, String value) {
    return client
        .putAbs(url + HttpKv.keyPath(BUCKET, key))
        .putHeader("Content-Type", "text/plain")
        .sendBuffer(Buffer.buffer(value))
        .compose(response -> response.statusCode() == 204
            ? Future.succeededFuture()
            : Future.failedFuture("status " + response.statusCode() + " " + response.bodyAsString()));
  }

  /**
   * The single value of a key read through a node; fails unless the read answers 200 with one
   * value (a bulk write retried without a context may leave two siblings of the same value).
   */
  Future<String> get(String url, String key) {
    return client
        .getAbs(url + HttpKv.keyPath(BUCKET, key))
        .putHeader("Accept", "application/json")
        .send()
        .compose(ContinuousClient::singleValue);
  }

  private static Future<String> singleValue(HttpResponse<Buffer> response) {
    if (response.statusCode() != 200 && response.statusCode() != 300) { // 300: siblings
      return Future.failedFuture("status " + response.statusCode() + " " + response.bodyAsString());
    }
    JsonObject json = response.bodyAsJsonObject();
    List<String> values = json.getJsonArray("siblings").stream()
        .map(sibling -> ((JsonObject) sibling).getString("value"))
        .distinct()
        .toList();
    if (values.size() != 1) {
      return Future.failedFuture("siblings " + json);
    }
    return Future.succeededFuture(new String(Base64.getDecoder().decode(values.get(0)), StandardCharsets.UTF_8));
  }

  /**
   * Reads every acknowledged key through the given nodes (key i through node i mod S), many at
   * once; returns the keys that were missing or wrong, with what came back.
   */
  List<String> verifyAll(List<String> urls, int inFlight) throws Exception {
    List<String> keys;
    synchronized (ackedKeys) {
      keys = List.copyOf(ackedKeys);
    }
    List<String> wrong = new CopyOnWriteArrayList<>();
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> workers = new ArrayList<>();
    for (int i = 0; i < inFlight; i++) {
      Promise<Void> done = Promise.promise();
      verifyNext(keys, urls, next, wrong, done);
      workers.add(done.future());
    }
    awaitLong(Future.all(workers));
    return wrong;
  }

  private void verifyNext(List<String> keys, List<String> urls, AtomicInteger next, List<String> wrong, Promise<Void> done) {
    int i = next.getAndIncrement();
    if (i >= keys.size()) {
      done.tryComplete();
      return;
    }
    String key = keys.get(i);
    String url = urls.get(i % urls.size());
    get(url, key)
        .onComplete(read -> {
          if (read.failed() || !acknowledged.get(key).equals(read.result())) {
            wrong.add(key + " through " + url + ": " + (read.failed() ? read.cause().getMessage() : read.result()));
          }
          verifyNext(keys, urls, next, wrong, done);
        });
  }

  Map<String, String> acknowledged() {
    return Map.copyOf(acknowledged);
  }

  List<String> failures() {
    return List.copyOf(failures);
  }

  long writes() {
    return writes.get();
  }

  long reads() {
    return reads.get();
  }

  private static String pick(List<String> urls, int index) {
    return urls.get(Math.floorMod(index, urls.size()));
  }

  @Override
  public void close() throws Exception {
    running.set(false);
    TestCluster.await(vertx.close());
  }
}
