package io.ringkv.api.http;

import io.ringkv.replication.RequestError;
import io.ringkv.replication.RequestException;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A request's query parameters, still percent-encoded: each is decoded only when asked for, as
 * text, as a number or as key bytes. The first occurrence of a repeated name wins.
 *
 * <p>Read from the raw query rather than Vert.x's decoded params so that a key given here decodes
 * to the same bytes as one in a path, and so that a malformed escape is a 400 with a reason.
 */
final class QueryString {

  private static final Pattern SMALL_NATURAL = Pattern.compile("[0-9]{1,9}");

  private final Map<String, String> encodedValues;

  private QueryString(Map<String, String> encodedValues) {
    this.encodedValues = encodedValues;
  }

  static QueryString of(HttpServerRequest request) {
    Map<String, String> values = new HashMap<>();
    String query = request.query();
    if (query != null && !query.isEmpty()) {
      for (String pair : query.split("&")) {
        int equals = pair.indexOf('=');
        String name = equals < 0 ? pair : pair.substring(0, equals);
        String value = equals < 0 ? "" : pair.substring(equals + 1);
        values.putIfAbsent(text(name, "parameter name"), value);
      }
    }
    return new QueryString(values);
  }

  /** The still-encoded value, for {@link PathNames}. */
  Optional<String> encoded(String name) {
    return Optional.ofNullable(encodedValues.get(name));
  }

  Optional<String> text(String name) {
    return encoded(name).map(value -> text(value, "parameter " + name));
  }

  /**
   * A replica count: absent is 0 (the bucket's default); present, it must be an integer of at least
   * {@code min}. Its upper bound, the bucket's n, is the coordinator's to check.
   */
  int replicas(String name, int min) {
    Optional<String> value = text(name);
    if (value.isEmpty()) {
      return 0;
    }
    String digits = value.get();
    if (!SMALL_NATURAL.matcher(digits).matches() || Integer.parseInt(digits) < min) {
      throw new RequestException(
          RequestError.BAD_QUORUM,
          name + " must be an integer of at least " + min + ", got \"" + digits + "\"");
    }
    return Integer.parseInt(digits);
  }

  /** Absent is false; otherwise exactly {@code true} or {@code false}. */
  boolean flag(String name) {
    Optional<String> value = text(name);
    if (value.isEmpty() || value.get().equals("false")) {
      return false;
    }
    if (value.get().equals("true")) {
      return true;
    }
    throw new RequestException(
        RequestError.BAD_REQUEST, name + " must be true or false, got \"" + value.get() + "\"");
  }

  private static String text(String encoded, String what) {
    try {
      return new String(PercentEncoding.decode(encoded, true), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new RequestException(
          RequestError.BAD_REQUEST, what + " is badly percent-encoded: " + e.getMessage());
    }
  }
}
