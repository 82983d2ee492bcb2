package io.ringkv.api.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.ringkv.cluster.BucketProps;
import io.ringkv.replication.RequestError;
import io.ringkv.replication.RequestException;
import io.ringkv.version.ConflictMode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
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
      throw notAnObject("the body is empty");
    }
    Object parsed;
    try {
      parsed = Json.decodeValue(body);
    } catch (DecodeException e) {
      throw notAnObject(syntaxError(e));
    }
    if (parsed instanceof JsonObject object) {
      return object;
    }
    throw notAnObject("got " + (parsed instanceof JsonArray ? "an array" : describe(parsed)));
  }

  /**
   * What the parser found wrong and where, without its internals: Vert.x's message carries
   * Jackson's, with its settings ("StreamReadFeature…") and a clause of what it expected.
   */
  private static String syntaxError(DecodeException e) {
    if (!(e.getCause() instanceof JsonProcessingException jackson)) {
      return "the body is not JSON";
    }
    String problem = jackson.getOriginalMessage().split(":", 2)[0].strip();
    if (problem.isEmpty()) {
      return "the body is not JSON";
    }
    JsonLocation at = jackson.getLocation();
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    return Character.toLowerCase(problem.charAt(0)) + problem.substring(1) + where;
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

  private static RequestException notAnObject(String why) {
    return badRequest("props must be a JSON object: " + why);
  }

  private static RequestException badRequest(String message) {
    return new RequestException(RequestError.BAD_REQUEST, message);
  }
}
