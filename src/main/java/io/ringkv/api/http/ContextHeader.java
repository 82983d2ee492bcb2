package io.ringkv.api.http;

import io.ringkv.replication.RequestError;
import io.ringkv.replication.RequestException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Base64;

/**
 * The causal context as it travels in HTTP: the opaque context bytes, base64url-encoded, in the
 * {@code X-Ringkv-Context} header (and in the {@code "context"} field of JSON bodies). The bytes
 * themselves are the coordinator's to judge; this class only moves them in and out of text.
 */
final class ContextHeader {

  static final String NAME = "X-Ringkv-Context";

  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private ContextHeader() {}

  /** The context a client sent back, or no bytes (a blind write) when it sent none. */
  static byte[] read(HttpServerRequest request) {
    String header = request.getHeader(NAME);
    return header == null ? new byte[0] : decode(header);
  }

  /**
   * @throws RequestException {@code bad_context} when the text is not base64url
   */
  static byte[] decode(String header) {
    try {
      // The JDK's URL decoder takes the padding as optional, as the contract wants.
      return DECODER.decode(header);
    } catch (IllegalArgumentException e) {
      throw new RequestException(
          RequestError.BAD_CONTEXT, NAME + " is not base64url: " + e.getMessage());
    }
  }

  static void write(HttpServerResponse response, byte[] context) {
    response.putHeader(NAME, encode(context));
  }

  static String encode(byte[] context) {
    return ENCODER.encodeToString(context);
  }
}
