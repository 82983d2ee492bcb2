package io.ringkv.api.http;

import io.ringkv.cluster.BucketProps;
import io.ringkv.replication.RequestError;
import io.ringkv.replication.RequestException;
import io.ringkv.version.ConflictMode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Set;

/** Bucket properties as JSON: {@code {"n":3,"r":2,"w":2,"conflict":"siblings"|"lww"}}. */
final class BucketPropsJson {

  private static final Set<String> FIELDS = Set.of("n", "r", "w", "conflict");

  private BucketPropsJson() {}

  static JsonObject toJson(BucketProps props) {
    return new JsonObject()
        .put("n", props.n())
        .put("r", props.r())
        .put("w", props.w())
        .put("conflict", props.conflict().name().toLowerCase(Locale.ROOT));
  }

  /**
   * Reads a partial update: any subset of the four fields, nothing else, each of its own type.
   * Whether the result is consistent (r ≤ n …) is the registry's to say.
   */
  static BucketProps.Patch parsePatch(Buffer body) {
    JsonObject json = object(body);
    for (String field : json.fieldNames()) {
      if (!FIELDS.contains(field)) {
        throw badRequest("unknown field \"" + field + "\"; expected n, r, w or conflict");
      }
    }
    return new BucketProps.Patch(
        integer(json, "n"), integer(json, "r"), integer(json, "w"), conflict(json));
  }

  private static JsonObject object(Buffer body) {
    if (body == null || body.length() == 0) {
      throw badRequest("the body must be a JSON object");
    }
    try {
      Object parsed = Json.decodeValue(body);
      if (parsed instanceof JsonObject object) {
        return object;
      }
    } catch (DecodeException e) {
      throw badRequest("the body is not JSON: " + e.getMessage());
    }
    throw badRequest("the body must be a JSON object");
  }

  private static Integer integer(JsonObject json, String field) {
    if (!json.containsKey(field)) {
      return null;
    }
    Object value = json.getValue(field);
    if (value instanceof Integer number) {
      return number;
    }
    throw badRequest(field + " must be an integer, got " + describe(value));
  }

  private static ConflictMode conflict(JsonObject json) {
    if (!json.containsKey("conflict")) {
      return null;
    }
    Object value = json.getValue("conflict");
    if ("siblings".equals(value)) {
      return ConflictMode.SIBLINGS;
    }
    if ("lww".equals(value)) {
      return ConflictMode.LWW;
    }
    throw badRequest("conflict must be \"siblings\" or \"lww\", got " + describe(value));
  }

  private static String describe(Object value) {
    return value instanceof String text ? "\"" + text + "\"" : String.valueOf(value);
  }

  private static RequestException badRequest(String message) {
    return new RequestException(RequestError.BAD_REQUEST, message);
  }
}
