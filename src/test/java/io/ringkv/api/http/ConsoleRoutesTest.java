package io.ringkv.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The console page and its relay to each member's {@code /admin/local}. */
@ExtendWith(VertxExtension.class)
class ConsoleRoutesTest {

  private Vertx vertx;
  private WebClient client;
  private int consolePort;
  private String lastRelayedPath;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    this.client = WebClient.create(vertx);
    HttpServer member = listen(memberRouter());
    int closedPort = freePortThatNobodyListensOn();
    ClusterStateFixture cluster =
        new ClusterStateFixture(8)
            .member("n2", "127.0.0.1:" + member.actualPort())
            .member("n3", "127.0.0.1:" + closedPort);
    Router router = Router.router(vertx);
    ConsoleRoutes.mount(router, vertx, cluster);
    consolePort = listen(router).actualPort();
  }

  /** A member whose {@code /admin/local} stores one key, {@code k 1} in bucket {@code b}. */
  private Router memberRouter() {
    Router router = Router.router(vertx);
    router
        .get("/admin/local/*")
        .handler(
            ctx -> {
              lastRelayedPath = ctx.request().path();
              if (ctx.request().path().equals("/admin/local/b/k%201")) {
                ctx.response()
                    .putHeader("content-type", "application/json")
                    .end(new JsonObject().put("partition", 7).put("siblings", new JsonArray()).encode());
              } else {
                ctx.response().setStatusCode(404).putHeader("content-type", "application/json").end("{\"error\":\"not_found\"}");
              }
            });
    return router;
  }

  private HttpServer listen(Router router) throws Exception {
    return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
  }

  private int freePortThatNobodyListensOn() throws Exception {
    HttpServer server = vertx.createHttpServer().requestHandler(r -> {}).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    int port = server.actualPort();
    server.close().await(10, TimeUnit.SECONDS);
    return port;
  }

  private HttpResponse<Buffer> get(String path) throws Exception {
    return client.get(consolePort, "127.0.0.1", path).send().await(10, TimeUnit.SECONDS);
  }

  @Test
  void consoleIsASelfContainedHtmlPage() throws Exception {
    HttpResponse<Buffer> page = get("/console");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.getHeader("content-type")).startsWith("text/html");
    String html = page.bodyAsString();
    assertThat(html).contains("<svg id=\"ring\"", "/console/console.js", "/console/console.css");
    assertThat(html).as("no CDN: the console works without internet").doesNotContain("https://", "http://");
  }

  @Test
  void assetsAreServedFromTheClasspath() throws Exception {
    HttpResponse<Buffer> script = get("/console/console.js");
    HttpResponse<Buffer> style = get("/console/console.css");

    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.getHeader("content-type")).contains("javascript");
    assertThat(script.bodyAsString()).contains("/admin/members", "/admin/ring", "/console/local/");
    assertThat(style.statusCode()).isEqualTo(200);
    assertThat(get("/console/nothing-here.js").statusCode()).isEqualTo(404);
  }

  @Test
  void relaysAMembersLocalCopyKeepingTheEncodedPath() throws Exception {
    HttpResponse<Buffer> answer = get("/console/local/n2/b/k%201");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.bodyAsJsonObject().getInteger("partition")).isEqualTo(7);
    assertThat(lastRelayedPath).isEqualTo("/admin/local/b/k%201");
  }

  @Test
  void relaysTheMembersNotFound() throws Exception {
    HttpResponse<Buffer> answer = get("/console/local/n2/b/other");

    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(answer.bodyAsJsonObject().getString("error")).isEqualTo("not_found");
  }

  @Test
  void relaysOnlyToMembers() throws Exception {
    HttpResponse<Buffer> answer = get("/console/local/evil.example:80/b/k");

    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(answer.bodyAsJsonObject().getString("error")).isEqualTo("unknown_member");
  }

  @Test
  void anUnreachableMemberIsA502() throws Exception {
    HttpResponse<Buffer> answer = get("/console/local/n3/b/k");

    assertThat(answer.statusCode()).isEqualTo(502);
    assertThat(answer.bodyAsJsonObject().getString("error")).isEqualTo("unreachable");
  }
}
