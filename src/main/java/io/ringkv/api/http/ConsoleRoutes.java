package io.ringkv.api.http;

import io.ringkv.api.AdminView;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.handler.StaticHandler;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code GET /console}: the web console, a self-contained page (no CDN: clusters often have no
 * internet) that polls this node's {@code /admin/*} JSON.
 *
 * <p>To show each replica's own copy of a key, the page needs {@code /admin/local} of every member,
 * which lives on other origins. Rather than open the admin API to any origin with CORS, this node
 * relays: {@code GET /console/local/{nodeId}/{bucket}/{key}} asks the member {@code nodeId} (looked
 * up in this node's member list, so the relay reaches members only, never an arbitrary address)
 * and answers with its status and body.
 */
public final class ConsoleRoutes {

  /** A member that does not answer within this is reported unreachable: the page polls anyway. */
  static final int RELAY_TIMEOUT_MILLIS = 2_000;

  private final AdminView admin;
  private final WebClient client;

  private ConsoleRoutes(AdminView admin, WebClient client) {
    this.admin = admin;
    this.client = client;
  }

  /**
   * Mounts {@code /console} (the page and its assets from the classpath folder {@code console}) and
   * the {@code /console/local/…} relay. Call it from the verticle that owns {@code router}: the
   * relay's client belongs to that verticle and closes with it.
   */
  public static void mount(Router router, Vertx vertx, AdminView admin) {
    WebClient client =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setConnectTimeout(RELAY_TIMEOUT_MILLIS)
                .setIdleTimeout(30)
                .setUserAgentEnabled(false));
    ConsoleRoutes console = new ConsoleRoutes(admin, client);
    router.getWithRegex("/console/local/[^/]+/[^/]+/[^/]+").handler(console::relayLocal);
    router.get("/console").handler(ctx -> ctx.reroute("/console/index.html"));
    router
        .get("/console/*")
        .handler(StaticHandler.create("console").setCachingEnabled(false).setIncludeHidden(false));
  }

  private void relayLocal(RoutingContext ctx) {
    // Segments stay percent-encoded: they are forwarded exactly as the page encoded them.
    String[] segments = ctx.request().path().split("/", -1);
    String nodeId = URLDecoder.decode(segments[3].replace("+", "%2B"), StandardCharsets.UTF_8);
    Optional<String> httpAddress = httpAddressOf(nodeId);
    if (httpAddress.isEmpty()) {
      error(ctx, 404, "unknown_member", "no member " + nodeId + " in this node's member list");
      return;
    }
    String path = "/admin/local/" + segments[4] + "/" + segments[5];
    client
        .getAbs("http://" + httpAddress.get() + path)
        .timeout(RELAY_TIMEOUT_MILLIS)
        .send()
        .onSuccess(answer -> relay(ctx, answer))
        .onFailure(
            failure ->
                error(ctx, 502, "unreachable", nodeId + " did not answer: " + failure.getMessage()));
  }

  private Optional<String> httpAddressOf(String nodeId) {
    return admin.members().getJsonArray("members").stream()
        .map(JsonObject.class::cast)
        .filter(member -> nodeId.equals(member.getString("id")))
        .map(member -> member.getString("httpAddress"))
        .filter(address -> address != null && !address.isEmpty())
        .findFirst();
  }

  private static void relay(RoutingContext ctx, HttpResponse<Buffer> answer) {
    String contentType = answer.getHeader(HttpHeaders.CONTENT_TYPE.toString());
    ctx.response()
        .setStatusCode(answer.statusCode())
        .putHeader(HttpHeaders.CONTENT_TYPE, contentType != null ? contentType : "application/json")
        .end(answer.bodyAsBuffer() != null ? answer.bodyAsBuffer() : Buffer.buffer());
  }

  private static void error(RoutingContext ctx, int status, String code, String message) {
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(new JsonObject().put("error", code).put("message", message).encode());
  }
}
