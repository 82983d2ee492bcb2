package io.ringkv.api.http;

import io.ringkv.replication.Coordinator;
import io.ringkv.replication.ReadCommand;
import io.ringkv.replication.ReadResult;
import io.ringkv.replication.WriteCommand;
import io.ringkv.replication.WriteResult;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * GET, PUT and DELETE of one key, under {@code /buckets/{b}/keys/{k}} and {@code /kv/{k}}: parse
 * the request, hand one command to the coordinator, answer with its result.
 */
final class KeyValueRoutes {

  private final Coordinator coordinator;
  private final Handler<RoutingContext> valueBody;

  KeyValueRoutes(Coordinator coordinator, Handler<RoutingContext> valueBody) {
    this.coordinator = coordinator;
    this.valueBody = valueBody;
  }

  void mount(Router router) {
    for (String path :
        List.of(ObjectAddress.BUCKET_KEY_PATH, ObjectAddress.DEFAULT_BUCKET_KEY_PATH)) {
      router.getWithRegex(path).handler(this::get);
      router.putWithRegex(path).handler(valueBody).handler(this::put);
      router.deleteWithRegex(path).handler(this::delete);
    }
  }

  private void get(RoutingContext ctx) {
    ObjectAddress address = ObjectAddress.of(ctx.normalizedPath());
    int r = QueryString.of(ctx.request()).replicas("r", 1);
    Answer.when(
        coordinator.get(new ReadCommand(address.bucket(), address.key(), r)),
        ctx,
        result -> answerRead(ctx, result));
  }

  private void put(RoutingContext ctx) {
    ObjectAddress address = ObjectAddress.of(ctx.normalizedPath());
    QueryString query = QueryString.of(ctx.request());
    WriteCommand command =
        new WriteCommand(
            address.bucket(),
            address.key(),
            bodyBytes(ctx),
            contentType(ctx),
            ContextHeader.read(ctx.request()),
            false,
            query.replicas("w", 1),
            query.replicas("pw", 0),
            query.flag("returnbody"));
    Answer.when(
        coordinator.put(command), ctx, result -> answerWrite(ctx, result, command.returnBody()));
  }

  private void delete(RoutingContext ctx) {
    ObjectAddress address = ObjectAddress.of(ctx.normalizedPath());
    QueryString query = QueryString.of(ctx.request());
    WriteCommand command =
        new WriteCommand(
            address.bucket(),
            address.key(),
            new byte[0],
            null,
            ContextHeader.read(ctx.request()),
            true,
            query.replicas("w", 1),
            query.replicas("pw", 0),
            false);
    Answer.when(coordinator.put(command), ctx, result -> answerWrite(ctx, result, false));
  }

  private static void answerRead(RoutingContext ctx, ReadResult result) {
    if (!result.found() || result.siblings().isEmpty()) {
      SiblingsReply.notFound(ctx, result.context());
    } else {
      SiblingsReply.send(ctx, result.siblings(), result.context());
    }
  }

  private static void answerWrite(RoutingContext ctx, WriteResult result, boolean returnBody) {
    if (returnBody && !result.siblings().isEmpty()) {
      SiblingsReply.send(ctx, result.siblings(), result.context());
    } else {
      ContextHeader.write(ctx.response(), result.context());
      ctx.response().setStatusCode(204).end();
    }
  }

  private static byte[] bodyBytes(RoutingContext ctx) {
    return OpaqueBody.of(ctx).getBytes();
  }

  private static String contentType(RoutingContext ctx) {
    String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    return contentType == null || contentType.isBlank()
        ? SiblingsReply.DEFAULT_CONTENT_TYPE
        : contentType;
  }
}
