package io.ringkv.api.http;

import static io.vertx.core.http.HttpMethod.DELETE;
import static io.vertx.core.http.HttpMethod.GET;
import static io.vertx.core.http.HttpMethod.PUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringkv.replication.StoredValue;
import io.ringkv.testing.BlockedThreadWatch;
import io.ringkv.version.ContextCodec;
import io.ringkv.version.VersionVector;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(BlockedThreadWatch.class)
@Timeout(30)
class KeyValueRoutesTest {

  /** Not UTF-8 (0xFF, a lone continuation byte), with a NUL and a CR LF inside. */
  private static final byte[] BINARY = {
    (byte) 0xFF, 0x00, (byte) 0x80, '\r', '\n', '-', '-', (byte) 0xC3
  };

  private ApiUnderTest api;

  @BeforeEach
  void start() {
    api = new ApiUnderTest();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void putAnswers204WithTheContextOfTheStoredObject() {
    HttpResponse<Buffer> put = put("/buckets/users/keys/alice", "text/plain", bytes("hello"));

    assertThat(put.statusCode()).isEqualTo(204);
    assertThat(decodeContext(put.getHeader(ContextHeader.NAME)))
        .isEqualTo(InMemoryCoordinator.context(1));
  }

  @Test
  void getAnswersTheValueWithItsContentTypeAndExactBytes() {
    put("/buckets/blobs/keys/b1", "image/x-test", BINARY);

    HttpResponse<Buffer> get = send(GET, "/buckets/blobs/keys/b1");

    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.getHeader("Content-Type")).isEqualTo("image/x-test");
    assertThat(get.body().getBytes()).isEqualTo(BINARY);
    assertThat(decodeContext(get.getHeader(ContextHeader.NAME)))
        .isEqualTo(InMemoryCoordinator.context(1));
  }

  @Test
  void formAndMultipartBodiesAreStoredVerbatimNotParsed() {
    String form = "a=1&b=%ZZ";
    String multipart = "--x\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nv\r\n--x--\r\n";

    put("/kv/form", "application/x-www-form-urlencoded", bytes(form));
    put("/kv/multipart", "multipart/form-data; boundary=x", bytes(multipart));

    assertThat(send(GET, "/kv/form").bodyAsString()).isEqualTo(form);
    HttpResponse<Buffer> stored = send(GET, "/kv/multipart");
    assertThat(stored.bodyAsString()).isEqualTo(multipart);
    assertThat(stored.getHeader("Content-Type")).isEqualTo("multipart/form-data; boundary=x");
  }

  @Test
  void aValueWithoutContentTypeIsStoredAsOctetStream() {
    api.request(PUT, "/kv/raw").sendBuffer(Buffer.buffer(BINARY)).await();

    assertThat(api.coordinator.lastWrite().contentType()).isEqualTo("application/octet-stream");
    assertThat(send(GET, "/kv/raw").getHeader("Content-Type"))
        .isEqualTo("application/octet-stream");
  }

  @Test
  void concurrentSiblingsAnswer300MultipartWithEachPartsOwnContentType() {
    put("/kv/doc", "text/plain; charset=utf-8", bytes("first"));
    put("/kv/doc", "application/x-binary", BINARY); // no context: concurrent with the first

    HttpResponse<Buffer> get = send(GET, "/kv/doc");

    assertThat(get.statusCode()).isEqualTo(300);
    assertThat(get.getHeader("Content-Type")).startsWith("multipart/mixed; boundary=");
    assertThat(get.getHeader(ContextHeader.NAME)).isNotBlank();
    List<MultipartParts.Part> parts =
        MultipartParts.parse(get.getHeader("Content-Type"), get.body().getBytes());
    assertThat(parts).hasSize(2);
    assertThat(parts.get(0).contentType()).isEqualTo("text/plain; charset=utf-8");
    assertThat(parts.get(0).body()).isEqualTo(bytes("first"));
    assertThat(parts.get(1).contentType()).isEqualTo("application/x-binary");
    assertThat(parts.get(1).body()).isEqualTo(BINARY);
  }

  @Test
  void acceptJsonAnswersEverySiblingInStandardBase64WithTheContextAnd300ForSiblings() {
    put("/kv/doc", "text/plain", bytes("one"));
    HttpResponse<Buffer> single =
        api.request(GET, "/kv/doc").putHeader("Accept", "application/json").send().await();
    put("/kv/doc", "application/x-binary", BINARY);
    HttpResponse<Buffer> siblings =
        api.request(GET, "/kv/doc")
            .putHeader("Accept", "text/plain;q=0.5, application/json")
            .send()
            .await();

    assertThat(single.statusCode()).isEqualTo(200);
    assertThat(single.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(single.bodyAsJsonObject())
        .isEqualTo(
            new JsonObject(
                "{\"context\":\""
                    + ContextHeader.encode(InMemoryCoordinator.context(1))
                    + "\","
                    + "\"siblings\":[{\"value\":\"b25l\",\"contentType\":\"text/plain\"}]}"));
    assertThat(siblings.statusCode()).isEqualTo(300);
    assertThat(siblings.getHeader("Content-Type")).isEqualTo("application/json");
    JsonObject second = siblings.bodyAsJsonObject().getJsonArray("siblings").getJsonObject(1);
    assertThat(second.getString("value")).isEqualTo(Base64.getEncoder().encodeToString(BINARY));
    assertThat(second.getString("contentType")).isEqualTo("application/x-binary");
    assertThat(siblings.bodyAsJsonObject().getString("context"))
        .isEqualTo(siblings.getHeader(ContextHeader.NAME));
  }

  @Test
  void returnBodyAnswersLikeGet() {
    HttpResponse<Buffer> first =
        api.request(PUT, "/kv/doc?returnbody=true")
            .putHeader("Content-Type", "text/plain")
            .sendBuffer(Buffer.buffer("v1"))
            .await();
    HttpResponse<Buffer> concurrent =
        api.request(PUT, "/kv/doc?returnbody=true")
            .putHeader("Content-Type", "text/csv")
            .sendBuffer(Buffer.buffer("v2"))
            .await();

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.getHeader("Content-Type")).isEqualTo("text/plain");
    assertThat(first.bodyAsString()).isEqualTo("v1");
    assertThat(first.getHeader(ContextHeader.NAME)).isNotBlank();
    assertThat(concurrent.statusCode()).isEqualTo(300);
    assertThat(
            MultipartParts.parse(
                concurrent.getHeader("Content-Type"), concurrent.body().getBytes()))
        .extracting(MultipartParts.Part::contentType)
        .containsExactly("text/plain", "text/csv");
  }

  @Test
  void aWriteWithTheReadContextReplacesTheSiblings() {
    put("/kv/doc", "text/plain", bytes("a"));
    put("/kv/doc", "text/plain", bytes("b"));
    String context = send(GET, "/kv/doc").getHeader(ContextHeader.NAME);

    api.request(PUT, "/kv/doc")
        .putHeader(ContextHeader.NAME, context)
        .putHeader("Content-Type", "text/plain")
        .sendBuffer(Buffer.buffer("merged"))
        .await();

    HttpResponse<Buffer> get = send(GET, "/kv/doc");
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.bodyAsString()).isEqualTo("merged");
  }

  @Test
  void deleteAnswers204AndTheKeyIsThen404WithTheTombstonesContext() {
    String context = put("/kv/gone", "text/plain", bytes("x")).getHeader(ContextHeader.NAME);

    HttpResponse<Buffer> delete =
        api.request(DELETE, "/kv/gone?w=1").putHeader(ContextHeader.NAME, context).send().await();
    HttpResponse<Buffer> get = send(GET, "/kv/gone");

    assertThat(delete.statusCode()).isEqualTo(204);
    assertThat(api.coordinator.lastWrite().delete()).isTrue();
    assertThat(api.coordinator.lastWrite().w()).isEqualTo(1);
    assertThat(get.statusCode()).isEqualTo(404);
    assertThat(get.bodyAsJsonObject().getString("error")).isEqualTo("not_found");
    byte[] tombstone = InMemoryCoordinator.context(2);
    assertThat(decodeContext(get.getHeader(ContextHeader.NAME))).isEqualTo(tombstone);
    assertThat(decodeContext(get.bodyAsJsonObject().getString("context"))).isEqualTo(tombstone);
  }

  @Test
  void aStoredContentTypeThatCouldForgeHeadersIsSentAsOctetStream() {
    String forged = "text/plain\r\nX-Forged: 1";
    api.coordinator.preload(
        "default", bytes("one"), List.of(new StoredValue(bytes("v"), forged, false)));
    api.coordinator.preload(
        "default",
        bytes("two"),
        List.of(
            new StoredValue(bytes("v1"), forged, false),
            new StoredValue(bytes("v2"), "text/csv", false)));

    HttpResponse<Buffer> single = send(GET, "/kv/one");
    HttpResponse<Buffer> siblings = send(GET, "/kv/two");

    assertThat(single.statusCode()).isEqualTo(200);
    assertThat(single.getHeader("Content-Type")).isEqualTo("application/octet-stream");
    assertThat(single.getHeader("X-Forged")).isNull();
    assertThat(MultipartParts.parse(siblings.getHeader("Content-Type"), siblings.body().getBytes()))
        .extracting(MultipartParts.Part::contentType)
        .containsExactly("application/octet-stream", "text/csv");
  }

  @Test
  void anAbsentKeyIs404WithTheEmptyContextInItsHeader() {
    HttpResponse<Buffer> get = send(GET, "/buckets/b/keys/never");

    assertThat(get.statusCode()).isEqualTo(404);
    assertThat(get.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(get.bodyAsJsonObject().getString("error")).isEqualTo("not_found");
    assertThat(get.bodyAsJsonObject().containsKey("context")).isFalse();
    assertThat(get.getHeader(ContextHeader.NAME))
        .isEqualTo(ContextCodec.toHeader(VersionVector.empty()));
  }

  @Test
  void theEmptyContextOfA404IsABlindWrite() {
    String empty = send(GET, "/kv/fresh").getHeader(ContextHeader.NAME);

    HttpResponse<Buffer> put =
        api.request(PUT, "/kv/fresh")
            .putHeader(ContextHeader.NAME, empty)
            .sendBuffer(Buffer.buffer("v"))
            .await();

    assertThat(put.statusCode()).isEqualTo(204);
    assertThat(api.coordinator.lastWrite().context()).isEmpty();
  }

  @Test
  void theContextHeaderCarriesTheExactBytesBothWays() {
    // Bytes whose base64url uses '-' and '_' (where standard base64 has '+' and '/').
    byte[] context = InMemoryCoordinator.context(0x0000_FBFF_BFFB_FFBFL);
    String header = ContextHeader.encode(context);
    assertThat(header).contains("-").contains("_").doesNotContain("=");

    api.request(PUT, "/kv/k")
        .putHeader(ContextHeader.NAME, header)
        .sendBuffer(Buffer.buffer("v"))
        .await();

    assertThat(api.coordinator.lastWrite().context()).isEqualTo(context);
    assertThat(api.coordinator.lastWrite().delete()).isFalse();
  }

  @Test
  void aPercentEncodedSlashIsPartOfOneKey() {
    put("/buckets/a%2Fb/keys/x%2Fy%2Fz", "text/plain", bytes("nested"));

    assertThat(api.coordinator.lastWrite().bucket()).isEqualTo("a/b");
    assertThat(new String(api.coordinator.lastWrite().key(), StandardCharsets.UTF_8))
        .isEqualTo("x/y/z");
    assertThat(send(GET, "/buckets/a%2Fb/keys/x%2Fy%2Fz").bodyAsString()).isEqualTo("nested");
    assertThat(send(GET, "/buckets/a/b/keys/x/y/z").statusCode()).isEqualTo(404);
  }

  @Test
  void keysAreDecodedOnceToTheirBytes() {
    put("/kv/%C3%A9t%C3%A9%20%2541+", "text/plain", bytes("utf-8"));
    assertThat(api.coordinator.lastWrite().key())
        .isEqualTo("été %41+".getBytes(StandardCharsets.UTF_8));

    put("/kv/%00%7F", "text/plain", bytes("control characters are UTF-8 too"));
    assertThat(api.coordinator.lastWrite().key()).isEqualTo(new byte[] {0x00, 0x7F});
  }

  @Test
  void kvIsTheDefaultBucket() {
    put("/buckets/default/keys/shared", "text/plain", bytes("same"));

    assertThat(send(GET, "/kv/shared").bodyAsString()).isEqualTo("same");
  }

  @Test
  void quorumParametersReachTheCoordinator() {
    api.request(PUT, "/kv/q?w=3&pw=1").sendBuffer(Buffer.buffer("v")).await();
    send(GET, "/kv/q?r=3");

    assertThat(api.coordinator.lastWrite().w()).isEqualTo(3);
    assertThat(api.coordinator.lastWrite().pw()).isEqualTo(1);
    assertThat(api.coordinator.lastRead().r()).isEqualTo(3);
  }

  @Test
  void absentQuorumParametersMeanTheBucketsDefaults() {
    api.request(PUT, "/kv/q").sendBuffer(Buffer.buffer("v")).await();
    send(GET, "/kv/q");

    assertThat(api.coordinator.lastWrite().w()).isZero();
    assertThat(api.coordinator.lastWrite().pw()).isZero();
    assertThat(api.coordinator.lastWrite().context()).isEmpty();
    assertThat(api.coordinator.lastRead().r()).isZero();
  }

  private HttpResponse<Buffer> put(String uri, String contentType, byte[] value) {
    return api.request(PUT, uri)
        .putHeader("Content-Type", contentType)
        .sendBuffer(Buffer.buffer(value))
        .await();
  }

  private HttpResponse<Buffer> send(io.vertx.core.http.HttpMethod method, String uri) {
    return api.request(method, uri).send().await();
  }

  private static byte[] decodeContext(String base64url) {
    return Base64.getUrlDecoder().decode(base64url);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
