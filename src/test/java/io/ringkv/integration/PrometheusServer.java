package io.ringkv.integration;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code prometheus} binary, started as a process on a loopback port, queried through its
 * HTTP API and stopped by its PID.
 */
final class PrometheusServer implements AutoCloseable {

  private final Process process;
  private final Path log;
  private final String baseUrl;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private PrometheusServer(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.baseUrl = "http://127.0.0.1:" + port;
  }

  /** Starts prometheus on {@code config} and waits until it is ready. */
  static PrometheusServer start(Path binary, Path config, Path workDir) throws Exception {
    int port = freeLoopbackPort();
    Path log = workDir.resolve("prometheus.log");
    Process process =
        new ProcessBuilder(
                binary.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + workDir.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    PrometheusServer server = new PrometheusServer(process, log, port);
    try {
      Eventually.get(server::ready, ready -> ready || !process.isAlive(), Duration.ofSeconds(30));
      if (!process.isAlive()) {
        throw new IllegalStateException("prometheus exited at start:\n" + server.log());
      }
    } catch (Throwable failed) {
      server.close();
      throw failed;
    }
    return server;
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private boolean ready() {
    try {
      return get("/-/ready").statusCode() == 200;
    } catch (IOException | InterruptedException notYet) {
      return false;
    }
  }

  /** The result vector of an instant query (empty when the query has no data). */
  JsonArray query(String promql) throws Exception {
    HttpResponse<String> response =
        get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    JsonObject answer = new JsonObject(response.body());
    if (!"success".equals(answer.getString("status"))) {
      throw new AssertionError("query failed: " + promql + "\n" + answer.encodePrettily());
    }
    return answer.getJsonObject("data").getJsonArray("result");
  }

  /** Every rule of every loaded group, as {@code /api/v1/rules} describes it. */
  List<JsonObject> rules() throws Exception {
    JsonObject answer = new JsonObject(get("/api/v1/rules").body());
    return answer.getJsonObject("data").getJsonArray("groups").stream()
        .map(JsonObject.class::cast)
        .flatMap(group -> group.getJsonArray("rules").stream().map(JsonObject.class::cast))
        .toList();
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10)).GET().build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  String log() throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** Stops the process by its PID: SIGTERM, then SIGKILL if it lingers. */
  @Override
  public void close() throws InterruptedException {
    ProcessHandle handle = process.toHandle();
    handle.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      handle.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
