package io.ringkv.cli.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP server for tests that answers as its {@link Policy} says and watches the generator: how
 * many requests arrived and how many were ever in flight at once.
 */
final class ProbeServer {

  /** How to answer a request that arrived {@code sinceFirstMillis} after the first one. */
  interface Policy {
    Reply reply(HttpServerRequest request, long sinceFirstMillis);
  }

  /** One request as the server saw it. */
  record Seen(String method, String uri, int bodyLength, String contentType) {}

  /** A status after a delay; status 0 closes the connection instead of answering. */
  record Reply(int status, long delayMillis) {

    static final Reply CLOSE_CONNECTION = new Reply(0, 0);

    static Reply now(int status) {
      return new Reply(status, 0);
    }
  }

  private final Vertx vertx;
  private final Policy policy;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final AtomicLong firstRequestNanos = new AtomicLong(Long.MIN_VALUE);
  private final Queue<Seen> seen = new ConcurrentLinkedQueue<>();
  private HttpServer server;

  private ProbeServer(Vertx vertx, Policy policy) {
    this.vertx = vertx;
    this.policy = policy;
  }

  static Future<ProbeServer> start(Vertx vertx, Policy policy) {
    ProbeServer probe = new ProbeServer(vertx, policy);
    probe.server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
        .requestHandler(probe::handle);
    return probe.server.listen().map(ignored -> probe);
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  long requests() {
    return requests.get();
  }

  int maxInFlight() {
    return maxInFlight.get();
  }

  List<Seen> seen() {
    return List.copyOf(seen);
  }

  Future<Void> close() {
    return server.close();
  }

  private void handle(HttpServerRequest request) {
    long now = System.nanoTime();
    firstRequestNanos.compareAndSet(Long.MIN_VALUE, now);
    requests.incrementAndGet();
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    request.body().onComplete(body -> {
      seen.add(new Seen(request.method().name(), request.uri(), body.succeeded() ? body.result().length() : -1,
          request.getHeader("Content-Type")));
      Reply reply = policy.reply(request, TimeUnit.NANOSECONDS.toMillis(now - firstRequestNanos.get()));
      if (reply.delayMillis() > 0) {
        vertx.setTimer(reply.delayMillis(), id -> answer(request, reply));
      } else {
        answer(request, reply);
      }
    });
  }

  private void answer(HttpServerRequest request, Reply reply) {
    // Leave the in-flight count before answering: the client may send its next request at once.
    inFlight.decrementAndGet();
    if (reply.status() == 0) {
      request.connection().close();
    } else {
      request.response().setStatusCode(reply.status()).end();
    }
  }
}
