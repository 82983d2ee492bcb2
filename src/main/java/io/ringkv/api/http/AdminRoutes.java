package io.ringkv.api.http;

import io.ringkv.api.AdminView;
import io.ringkv.replication.RequestError;
import io.ringkv.replication.RequestException;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * {@code /admin/*}: the node's cluster state as {@link AdminView} assembles it (served as is, in
 * the shapes of DESIGN.md Part B), the two membership changes, join and leave, and the start of
 * an anti-entropy repair.
 */
final class AdminRoutes {

  private final AdminView admin;
  private final Handler<RoutingContext> jsonBody;

  AdminRoutes(AdminView admin, Handler<RoutingContext> jsonBody) {
    this.admin = admin;
    this.jsonBody = jsonBody;
  }

  void mount(Router router) {
    router.get("/admin/members").handler(this::members);
    router.get("/admin/ring").handler(this::ring);
    router.get("/admin/hints").handler(this::hints);
    router.get("/admin/anti-entropy").handler(this::antiEntropy);
    router.get("/admin/preference-list").handler(this::preferenceList);
    router.getWithRegex("/admin/local/[^/]*/[^/]*").handler(this::localCopy);
    router.post("/admin/join").handler(jsonBody).handler(this::join);
    router.post("/admin/leave").handler(this::leave);
    router.post("/admin/repair").handler(this::repair);
  }

  private void members(RoutingContext ctx) {
    sendJson(ctx, admin.members());
  }

  private void ring(RoutingContext ctx) {
    sendJson(ctx, admin.ring());
  }

  private void hints(RoutingContext ctx) {
    sendJson(ctx, admin.hints());
  }

  private void antiEntropy(RoutingContext ctx) {
    sendJson(ctx, admin.antiEntropy());
  }

  private void preferenceList(RoutingContext ctx) {
    QueryString query = QueryString.of(ctx.request());
    String bucket =
        PathNames.bucket(query.encoded("bucket").orElse(ObjectAddress.DEFAULT_BUCKET), true);
    String encodedKey =
        query
            .encoded("key")
            .orElseThrow(
                () -> new RequestException(RequestError.BAD_KEY, "the key parameter is missing"));
    byte[] key = PathNames.key(encodedKey, true);
    sendJson(ctx, admin.preferenceList(bucket, key));
  }

  private void localCopy(RoutingContext ctx) {
    String[] segments = ctx.normalizedPath().split("/", -1);
    Optional<JsonObject> stored =
        admin.local(PathNames.bucket(segments[3], false), PathNames.key(segments[4], false));
    if (stored.isPresent()) {
      sendJson(ctx, stored.get());
    } else {
      ErrorReply.send(
          ctx.response(), RequestError.NOT_FOUND, "this node stores nothing for this key");
    }
  }

  private void join(RoutingContext ctx) {
    String seed = seedOf(OpaqueBody.of(ctx));
    Answer.when(admin.join(seed), ctx, joining -> accepted(ctx));
  }

  private void leave(RoutingContext ctx) {
    Answer.when(admin.leave(), ctx, leaving -> accepted(ctx));
  }

  private void repair(RoutingContext ctx) {
    Answer.when(admin.repair(), ctx, queued -> ctx.response()
        .setStatusCode(202)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(queued.encode()));
  }

  /** {@code {"seed": "host:peerPort"}}, with a port that can exist. */
  private static String seedOf(Buffer body) {
    Object seed = null;
    try {
      if (body != null && Json.decodeValue(body) instanceof JsonObject json) {
        seed = json.getValue("seed");
      }
    } catch (DecodeException e) {
      // answered below, like any other body without a usable seed
    }
    if (seed instanceof String address && isHostAndPort(address)) {
      return address;
    }
    throw new RequestException(
        RequestError.BAD_REQUEST, "the body must be {\"seed\": \"host:peerPort\"}");
  }

  private static boolean isHostAndPort(String address) {
    int colon = address.lastIndexOf(':');
    if (colon <= 0 || !address.substring(colon + 1).matches("[0-9]{1,5}")) {
      return false;
    }
    int port = Integer.parseInt(address.substring(colon + 1));
    return port >= 1 && port <= 65535;
  }

  private static void accepted(RoutingContext ctx) {
    ctx.response().setStatusCode(202).end();
  }

  private static void sendJson(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body.encode());
  }
}
