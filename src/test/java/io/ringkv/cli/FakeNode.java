package io.ringkv.cli;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A stand-in for a node's HTTP API on 127.0.0.1 (a free port): each test programs the answers it
 * needs, and reads back the requests the command sent. Paths without an answer get the router's
 * 404, as an older node would give.
 */
final class FakeNode {

  /** A request as the node received it; the URI is the raw, still percent-encoded one. */
  record Request(HttpMethod method, String uri, MultiMap headers, Buffer body) {}

  private final Router router;
  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  private FakeNode(Vertx vertx) throws TimeoutException {
    router = Router.router(vertx);
    router.route().handler(BodyHandler.create());
    router.route().handler(this::record);
    server =
        vertx
            .createHttpServer()
            .requestHandler(router)
            .listen(0, "127.0.0.1")
            .await(10, TimeUnit.SECONDS);
  }

  static FakeNode start(Vertx vertx) throws TimeoutException {
    return new FakeNode(vertx);
  }

  /** Answers requests to this path (a Vert.x Web route path) with the handler. */
  FakeNode answer(HttpMethod method, String path, Handler<RoutingContext> handler) {
    router.route(method, path).handler(handler);
    return this;
  }

  /** Answers requests to this path with a status and a JSON body. */
  FakeNode answerJson(HttpMethod method, String path, int status, JsonObject body) {
    return answer(
        method,
        path,
        context ->
            context
                .response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(body.encode()));
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** Every request received, in order. */
  List<Request> requests() {
    return List.copyOf(requests);
  }

  Request lastRequest() {
    if (requests.isEmpty()) {
      throw new AssertionError("the fake node received no request");
    }
    return requests.get(requests.size() - 1);
  }

  private void record(RoutingContext context) {
    requests.add(
        new Request(
            context.request().method(),
            context.request().uri(),
            context.request().headers(),
            context.body().buffer() == null ? Buffer.buffer() : context.body().buffer()));
    context.next();
  }
}
