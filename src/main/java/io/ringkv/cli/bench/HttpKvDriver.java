package io.ringkv.cli.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Gets and puts over HTTP/1.1 keep-alive connections: {@code /buckets/{b}/keys/{k}}. */
final class HttpKvDriver implements KvDriver {

  private static final CharSequence OCTET_STREAM = HttpHeaders.createOptimized("application/octet-stream");
  private static final CharSequence CONTEXT = HttpHeaders.createOptimized("X-Ringkv-Context");

  private final HttpClientAgent client;
  private final List<Endpoint> targets;
  private final String keysPath;
  private final String readQuery;
  private final String writeQuery;
  private final Buffer value;
  private final long timeoutMillis;
  private final KeyContexts<String> contexts;
  private int nextTarget;

  HttpKvDriver(Vertx vertx, BenchConfig config, int connections) {
    this.client = vertx.httpClientBuilder()
        .with(new HttpClientOptions()
            .setKeepAlive(true)
            .setTcpNoDelay(true)
            .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis())))
        .with(new PoolOptions().setHttp1MaxSize(connections))
        .build();
    this.targets = config.targets();
    this.keysPath = "/buckets/" + pathSegment(config.bucket()) + "/keys/";
    this.readQuery = config.r() > 0 ? "?r=" + config.r() : "";
    this.writeQuery = config.w() > 0 ? "?w=" + config.w() : "";
    this.value = Buffer.buffer(ValueBytes.of(config.valueSize(), config.seed()));
    this.timeoutMillis = config.timeout().toMillis();
    this.contexts = new KeyContexts<>(!config.blindWrites(), String::isEmpty);
  }

  @Override
  public Future<Outcome> execute(Call call) {
    Endpoint target = targets.get(nextTarget);
    nextTarget = (nextTarget + 1) % targets.size();
    boolean read = call.operation() == Operation.GET;
    RequestOptions options = new RequestOptions()
        .setMethod(read ? HttpMethod.GET : HttpMethod.PUT)
        .setHost(target.host())
        .setPort(target.port())
        .setURI(keysPath + call.keyName() + (read ? readQuery : writeQuery))
        // Bounds the wait for a pooled connection too, so a stuck target cannot hold the run forever.
        .setConnectTimeout(timeoutMillis)
        .setIdleTimeout(timeoutMillis);
    return client.request(options)
        .compose(request -> {
          call.markSent();
          // The same value buffer goes out with every put: writing a Buffer does not consume it.
          if (read) {
            return request.send();
          }
          String context = contexts.forPut(call.keyName());
          if (context != null) {
            request.putHeader(CONTEXT, context);
          }
          return request.putHeader(HttpHeaders.CONTENT_TYPE, OCTET_STREAM).send(value);
        })
        .compose(response -> response.end().map(done -> {
          contexts.remember(call.keyName(), response.getHeader(CONTEXT));
          return Outcome.ofHttpStatus(call.operation(), response.statusCode());
        }));
  }

  @Override
  public Future<Void> close() {
    return client.close();
  }

  private static String pathSegment(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
