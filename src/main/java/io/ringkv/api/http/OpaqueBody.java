package io.ringkv.api.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads a request body whole, as opaque bytes, refusing it with 413 once it passes the limit.
 *
 * <p>Vert.x Web's {@code BodyHandler} is not used because it parses form and multipart bodies: a
 * value stored with {@code Content-Type: application/x-www-form-urlencoded} or {@code
 * multipart/form-data} must be kept byte for byte, not decoded (or refused as a malformed form).
 */
final class OpaqueBody implements Handler<RoutingContext> {

  private static final String BODY = OpaqueBody.class.getName();

  private final int limit;

  OpaqueBody(int limit) {
    this.limit = limit;
  }

  /** The body read by this handler earlier in the route; empty when the request had none. */
  static Buffer of(RoutingContext ctx) {
    Buffer body = ctx.get(BODY);
    return body != null ? body : Buffer.buffer();
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    long declared = declaredLength(request);
    if (declared > limit) {
      ctx.fail(413); // refused before a byte is buffered
      return;
    }
    Buffer body = Buffer.buffer((int) Math.max(declared, 0));
    ctx.put(BODY, body);
    if (request.isEnded()) {
      ctx.next();
      return;
    }
    // The router pauses each request until a handler wants its body: resume once we listen.
    request
        .handler(chunk -> append(ctx, body, chunk))
        .endHandler(ended -> continueUnlessFailed(ctx))
        .exceptionHandler(failure -> failUnlessFailed(ctx, failure))
        .resume();
  }

  private void append(RoutingContext ctx, Buffer body, Buffer chunk) {
    if (ctx.failed()) {
      return;
    }
    if (body.length() + chunk.length() > limit) {
      ctx.fail(413); // a chunked body, or one longer than it said
    } else {
      body.appendBuffer(chunk);
    }
  }

  private static void continueUnlessFailed(RoutingContext ctx) {
    if (!ctx.failed()) {
      ctx.next();
    }
  }

  private static void failUnlessFailed(RoutingContext ctx, Throwable failure) {
    if (!ctx.failed()) {
      ctx.fail(failure);
    }
  }

  private static long declaredLength(HttpServerRequest request) {
    try {
      String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
      return length == null ? -1 : Long.parseLong(length);
    } catch (NumberFormatException e) {
      return -1; // the HTTP codec refuses such a request before it gets here
    }
  }
}
