package io.ringkv.api.http;

import io.ringkv.replication.RequestError;
import io.ringkv.replication.StoredValue;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.MIMEHeader;
import io.vertx.ext.web.RoutingContext;
import java.util.Base64;
import java.util.List;

/**
 * Answers with a key's siblings as GET does (and PUT with {@code returnbody=true}): 200 with the
 * one value and its Content-Type, 300 {@code multipart/mixed} with concurrent siblings, or — when
 * the client prefers {@code application/json} — every sibling base64-encoded in JSON, with the
 * same status (200 for one, 300 for several). Every answer carries the context in {@code
 * X-Ringkv-Context}.
 */
final class SiblingsReply {

  static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

  private SiblingsReply() {}

  static void send(RoutingContext ctx, List<StoredValue> stored, byte[] context) {
    List<StoredValue> siblings = stored.stream().map(SiblingsReply::withHeaderSafeType).toList();
    HttpServerResponse response = ctx.response();
    ContextHeader.write(response, context);
    response.putHeader(HttpHeaders.VARY, "Accept");
    // The contract's status whatever the form: 200 for one value, 300 Multiple Choices for more.
    response.setStatusCode(siblings.size() == 1 ? 200 : 300);
    if (prefersJson(ctx)) {
      sendJson(response, siblings, context);
    } else if (siblings.size() == 1) {
      sendValue(response, siblings.get(0));
    } else {
      sendMultipart(response, siblings);
    }
  }

  /**
   * 404 with the context in its header, as every GET answers: the tombstone's when the key was
   * deleted (so a re-create descends it), else the empty context, which a PUT takes as blind. The
   * body repeats a tombstone's context only: the empty one tells a client nothing.
   */
  static void notFound(RoutingContext ctx, byte[] context) {
    JsonObject body = ErrorReply.body(RequestError.NOT_FOUND.code(), "no value for this key");
    ContextHeader.write(ctx.response(), context);
    if (context.length > 0) {
      body.put("context", ContextHeader.encode(context));
    }
    ErrorReply.send(ctx.response(), RequestError.NOT_FOUND.httpStatus(), body);
  }

  /**
   * A content type goes into a header (or a part's header) as it was stored, unless it could break
   * the framing: one written over gRPC is any string, and a CR LF in it would forge headers.
   */
  private static StoredValue withHeaderSafeType(StoredValue sibling) {
    return sibling.contentType().chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7F))
        ? sibling
        : new StoredValue(sibling.value(), DEFAULT_CONTENT_TYPE, sibling.deleted());
  }

  private static boolean prefersJson(RoutingContext ctx) {
    // Accept values come sorted by preference; the JSON form is chosen only when it is the first.
    List<MIMEHeader> accepted = ctx.parsedHeaders().accept();
    return !accepted.isEmpty()
        && accepted.get(0).component().equals("application")
        && accepted.get(0).subComponent().equals("json");
  }

  private static void sendJson(
      HttpServerResponse response, List<StoredValue> siblings, byte[] context) {
    JsonArray values = new JsonArray();
    for (StoredValue sibling : siblings) {
      values.add(
          new JsonObject()
              .put("value", Base64.getEncoder().encodeToString(sibling.value()))
              .put("contentType", sibling.contentType()));
    }
    JsonObject body =
        new JsonObject().put("context", ContextHeader.encode(context)).put("siblings", values);
    response
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(body.encode());
  }

  private static void sendValue(HttpServerResponse response, StoredValue value) {
    response
        .putHeader(HttpHeaders.CONTENT_TYPE, value.contentType())
        .end(Buffer.buffer(value.value()));
  }

  private static void sendMultipart(HttpServerResponse response, List<StoredValue> siblings) {
    MultipartMixed multipart = MultipartMixed.of(siblings);
    response
        .putHeader(HttpHeaders.CONTENT_TYPE, multipart.contentType())
        .end(multipart.body());
  }
}
