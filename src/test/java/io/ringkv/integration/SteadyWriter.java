package io.ringkv.integration;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * A client writing at a fixed rate, open loop: request i is due at start + i/rate whatever became
 * of the others, and its latency counts from when it was due, so a stall shows in the percentiles
 * instead of slowing the load (no coordinated omission). Each request writes its own key, spread
 * over the given nodes; latencies are kept per named phase, by when a request was due.
 */
final class SteadyWriter implements AutoCloseable {

  /** What one phase saw. */
  record PhaseStats(String phase, long writes, long failed, Histogram micros) {}

  private final Vertx vertx = Vertx.vertx();
  private final WebClient client;
  private final List<String> urls;
  private final int ratePerSecond;
  private final String bucket;
  private final Map<String, Histogram> histograms = new LinkedHashMap<>();
  private final Map<String, long[]> counts = new LinkedHashMap<>();
  private final List<String> failures = new ArrayList<>();
  private final List<String> acknowledged = new ArrayList<>();
  /** Phase names with the instant each began: a request belongs to the phase it was due in. */
  private final List<Map.Entry<Long, String>> phases = new ArrayList<>();
  private long startNanos;
  private long sent;
  private final AtomicLong inFlight = new AtomicLong();
  private volatile long timer = -1;

  SteadyWriter(List<String> urls, int ratePerSecond, String bucket) {
    this.client =
        WebClient.wrap(
            vertx.httpClientBuilder()
                .with(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true))
                .with(new PoolOptions().setHttp1MaxSize(256))
                .build());
    this.urls = urls;
    this.ratePerSecond = ratePerSecond;
    this.bucket = bucket;
  }

  /** Starts writing; what is due from now on belongs to {@code firstPhase}. */
  void start(String firstPhase) {
    phase(firstPhase);
    vertx.runOnContext(
        ignored -> {
          startNanos = System.nanoTime();
          timer = vertx.setPeriodic(2, id -> sendDue());
        });
  }

  /** Requests due from now on belong to this phase (even if a starved client sends them late). */
  synchronized void phase(String name) {
    histograms.putIfAbsent(name, new Histogram(TimeUnit.MINUTES.toMicros(1), 3));
    counts.putIfAbsent(name, new long[2]);
    phases.add(Map.entry(System.nanoTime(), name));
  }

  private synchronized String phaseAt(long dueNanos) {
    String current = phases.get(0).getValue();
    for (Map.Entry<Long, String> phase : phases) {
      if (phase.getKey() <= dueNanos) {
        current = phase.getValue();
      }
    }
    return current;
  }

  private void sendDue() {
    long due = (System.nanoTime() - startNanos) * ratePerSecond / 1_000_000_000L;
    for (; sent < due; sent++) {
      send(sent, startNanos + sent * 1_000_000_000L / ratePerSecond);
    }
  }

  private void send(long index, long dueNanos) {
    String key = "w-" + index;
    String url = urls.get((int) (index % urls.size())) + HttpKv.keyPath(bucket, key) + "?w=2";
    String requestPhase = phaseAt(dueNanos);
    inFlight.incrementAndGet();
    client
        .putAbs(url)
        .timeout(30_000)
        .putHeader("Content-Type", "text/plain")
        .sendBuffer(Buffer.buffer("v-" + index))
        .onComplete(
            reply -> {
              inFlight.decrementAndGet();
              long micros = Math.max(1, (System.nanoTime() - dueNanos) / 1_000);
              boolean ok = reply.succeeded() && reply.result().statusCode() == 204;
              String outcome =
                  reply.succeeded()
                      ? reply.result().statusCode() + " " + reply.result().bodyAsString()
                      : reply.cause().toString();
              record(requestPhase, key, micros, ok, url + " -> " + outcome);
            });
  }

  private synchronized void record(String requestPhase, String key, long micros, boolean ok, String outcome) {
    histograms.get(requestPhase).recordValue(Math.min(micros, TimeUnit.MINUTES.toMicros(1)));
    counts.get(requestPhase)[0]++;
    if (ok) {
      acknowledged.add(key);
    } else {
      counts.get(requestPhase)[1]++;
      failures.add(requestPhase + ": " + outcome);
    }
  }

  /** Stops sending and waits for the requests in flight. */
  void stop() throws Exception {
    vertx.cancelTimer(timer);
    Eventually.get(inFlight::get, pending -> pending == 0, Duration.ofSeconds(30));
  }

  synchronized List<PhaseStats> stats() {
    List<PhaseStats> stats = new ArrayList<>();
    histograms.forEach(
        (name, histogram) -> stats.add(new PhaseStats(name, counts.get(name)[0], counts.get(name)[1], histogram.copy())));
    return stats;
  }

  synchronized List<String> failures() {
    return List.copyOf(failures);
  }

  synchronized List<String> acknowledged() {
    return List.copyOf(acknowledged);
  }

  @Override
  public void close() throws Exception {
    TestCluster.await(vertx.close());
  }
}
