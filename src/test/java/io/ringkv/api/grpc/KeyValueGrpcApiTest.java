package io.ringkv.api.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.ringkv.api.grpc.v1.DeleteRequest;
import io.ringkv.api.grpc.v1.GetRequest;
import io.ringkv.api.grpc.v1.GetResponse;
import io.ringkv.api.grpc.v1.KeyValueGrpcClient;
import io.ringkv.api.grpc.v1.PutRequest;
import io.ringkv.api.grpc.v1.PutResponse;
import io.ringkv.api.grpc.v1.Sibling;
import io.ringkv.replication.QuorumNotReachedException;
import io.ringkv.replication.RequestError;
import io.ringkv.replication.RequestException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import io.vertx.grpc.client.GrpcClientResponse;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.WireFormat;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The KeyValue service over real gRPC (h2c on 127.0.0.1), in front of a programmable coordinator.
 */
@ExtendWith(VertxExtension.class)
class KeyValueGrpcApiTest {

  static final int MAX_VALUE_BYTES = GrpcApiVerticle.DEFAULT_MAX_VALUE_BYTES;

  private final ProgrammableCoordinator coordinator = new ProgrammableCoordinator();
  private GrpcClient grpc;
  private SocketAddress address;
  private KeyValueGrpcClient client;

  @BeforeEach
  void startApi(Vertx vertx) throws TimeoutException {
    GrpcApiVerticle api = new GrpcApiVerticle(coordinator, "127.0.0.1", 0, MAX_VALUE_BYTES);
    await(vertx.deployVerticle(api));
    address = SocketAddress.inetSocketAddress(api.actualPort(), "127.0.0.1");
    // Clients, too, refuse messages above 256 KiB unless told otherwise.
    grpc = GrpcClient.client(vertx, new GrpcClientOptions().setMaxMessageSize(4 * MAX_VALUE_BYTES));
    client = KeyValueGrpcClient.create(grpc, address);
  }

  @Test
  void putAnswersTheContextThatGetThenReturnsWithTheValue() throws TimeoutException {
    PutResponse put = await(client.put(put("cart", "alice", "apples", "text/plain")));

    GetResponse got = await(client.get(get("cart", "alice")));

    assertThat(put.getContext().isEmpty()).as("put context is empty").isFalse();
    assertThat(got.getFound()).isTrue();
    assertThat(got.getSiblingsList()).containsExactly(sibling("apples", "text/plain"));
    assertThat(got.getContext()).isEqualTo(put.getContext());
  }

  @Test
  void concurrentPutsAreBothReturnedAsSiblingsWithTheirContentTypes() throws TimeoutException {
    await(client.put(put("cart", "bob", "{\"n\":1}", "application/json")));
    await(client.put(put("cart", "bob", "two", "text/plain")));

    GetResponse got = await(client.get(get("cart", "bob")));

    assertThat(got.getSiblingsList())
        .containsExactlyInAnyOrder(
            sibling("{\"n\":1}", "application/json"), sibling("two", "text/plain"));
  }

  @Test
  void putWithTheReadContextReplacesTheSiblingsAndReturnBodyShowsThem() throws TimeoutException {
    await(client.put(put("cart", "carol", "one", "text/plain")));
    await(client.put(put("cart", "carol", "two", "text/plain")));
    ByteString context = await(client.get(get("cart", "carol"))).getContext();

    PutResponse merged =
        await(
            client.put(
                put("cart", "carol", "merged", "text/plain").toBuilder()
                    .setContext(context)
                    .setReturnBody(true)
                    .build()));

    assertThat(merged.getSiblingsList()).containsExactly(sibling("merged", "text/plain"));
    assertThat(coordinator.writes.get(2).context()).isEqualTo(context.toByteArray());
  }

  @Test
  void getOfADeletedKeyIsNotFoundWithTheTombstoneContext() throws TimeoutException {
    PutResponse put = await(client.put(put("cart", "dave", "apples", "text/plain")));
    await(
        client.delete(
            DeleteRequest.newBuilder()
                .setBucket("cart")
                .setKey(utf8("dave"))
                .setContext(put.getContext())
                .build()));

    GetResponse got = await(client.get(get("cart", "dave")));

    assertThat(got.getFound()).isFalse();
    assertThat(got.getSiblingsList()).isEmpty();
    assertThat(got.getContext().isEmpty()).as("tombstone context is empty").isFalse();
    assertThat(got.getContext()).isNotEqualTo(put.getContext());
    assertThat(coordinator.writes.get(1).delete()).isTrue();
  }

  @Test
  void getOfAnAbsentKeyIsNotFoundWithAnEmptyContext() throws TimeoutException {
    GetResponse got = await(client.get(get("cart", "nobody")));

    assertThat(got.getFound()).isFalse();
    assertThat(got.getContext().isEmpty()).isTrue();
  }

  @Test
  void anEmptyBucketMeansTheDefaultBucket() throws TimeoutException {
    await(client.put(put("", "k", "v", "")));
    await(client.get(GetRequest.newBuilder().setKey(utf8("k")).setR(1).build()));
    await(client.delete(DeleteRequest.newBuilder().setKey(utf8("k")).build()));

    assertThat(coordinator.writes)
        .extracting(w -> w.bucket())
        .containsExactly("default", "default");
    assertThat(coordinator.reads).extracting(r -> r.bucket()).containsExactly("default");
    assertThat(coordinator.reads.get(0).r()).isEqualTo(1);
    assertThat(coordinator.writes.get(0).contentType()).as("empty content type").isNull();
  }

  @Test
  void aValueAsLargeAsTheLimitGoesThroughBothWays() throws TimeoutException {
    byte[] value = new byte[MAX_VALUE_BYTES];
    Arrays.fill(value, (byte) 'v');
    PutRequest large =
        put("cart", "big", "", "application/octet-stream").toBuilder()
            .setValue(ByteString.copyFrom(value))
            .build();

    await(client.put(large));
    GetResponse got = await(client.get(get("cart", "big")));

    assertThat(got.getSiblings(0).getValue().size()).isEqualTo(MAX_VALUE_BYTES);
  }

  @Test
  void aValueAsLargeAsTheLimitGoesThroughInJsonToo() throws TimeoutException {
    byte[] value = new byte[MAX_VALUE_BYTES];
    Arrays.fill(value, (byte) 'v');
    KeyValueGrpcClient json = KeyValueGrpcClient.create(grpc, address, WireFormat.JSON);

    await(json.put(put("cart", "big", "", "application/octet-stream").toBuilder().setValue(ByteString.copyFrom(value)).build()));

    assertThat(coordinator.writes.get(0).value()).hasSize(MAX_VALUE_BYTES);
  }

  @Test
  void aValueJustAboveTheLimitReachesTheCoordinatorWhichSaysWhatTheLimitIs() throws TimeoutException {
    PutRequest tooLarge =
        put("cart", "big", "", "application/octet-stream").toBuilder()
            .setValue(ByteString.copyFrom(new byte[MAX_VALUE_BYTES + 1]))
            .build();
    coordinator.failWith(new RequestException(RequestError.VALUE_TOO_LARGE, "value too large: limit 1048576 bytes"));

    CallStatus status = callStatus(KeyValueGrpcClient.Put, tooLarge);

    assertThat(coordinator.writes).as("the transport let it through").hasSize(1);
    assertThat(status.code()).isEqualTo(GrpcStatus.RESOURCE_EXHAUSTED);
    assertThat(status.message()).contains("limit 1048576 bytes");
  }

  @Test
  void aRequestFarAboveTheValueLimitIsRefusedAsResourceExhausted() throws TimeoutException {
    byte[] value = new byte[(int) GrpcApiVerticle.maxMessageBytes(MAX_VALUE_BYTES) + 1];
    PutRequest tooLarge =
        put("cart", "huge", "", "application/octet-stream").toBuilder()
            .setValue(ByteString.copyFrom(value))
            .build();

    CallStatus status = callStatus(KeyValueGrpcClient.Put, tooLarge);

    assertThat(status.code()).isEqualTo(GrpcStatus.RESOURCE_EXHAUSTED);
    assertThat(coordinator.writes).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(RequestError.class)
  void everyRequestErrorBecomesItsGrpcStatus(RequestError error) throws TimeoutException {
    coordinator.failWith(new RequestException(error, "refused: " + error.code()));

    CallStatus status = callStatus(KeyValueGrpcClient.Put, put("cart", "k", "v", "text/plain"));

    assertThat(status.code()).isEqualTo(GrpcStatus.valueOf(error.grpcStatus()));
    assertThat(status.message()).isEqualTo("refused: " + error.code());
  }

  @Test
  void theGeneratedClientSeesTheStatusOfARefusedGet() {
    coordinator.failWith(new RequestException(RequestError.BAD_QUORUM, "r=5 is above n=3"));

    assertThatThrownBy(() -> await(client.get(get("cart", "k"))))
        .isInstanceOfSatisfying(
            InvalidStatusException.class,
            e -> assertThat(e.actualStatus()).isEqualTo(GrpcStatus.INVALID_ARGUMENT));
  }

  @Test
  void quorumNotReachedIsUnavailableAndSaysHowManyAnswered() throws TimeoutException {
    coordinator.failWith(QuorumNotReachedException.afterAsking("put", 1, 2));

    CallStatus status = callStatus(KeyValueGrpcClient.Put, put("cart", "k", "v", "text/plain"));

    assertThat(status.code()).isEqualTo(GrpcStatus.UNAVAILABLE);
    assertThat(status.message()).contains("answered=1", "required=2");
  }

  @Test
  void anUnexpectedFailureIsInternalWithoutItsDetails() throws TimeoutException {
    coordinator.failWith(new IllegalStateException("secret: partition 7 map is corrupt"));

    CallStatus status = callStatus(KeyValueGrpcClient.Get, get("cart", "k"));

    assertThat(status.code()).isEqualTo(GrpcStatus.INTERNAL);
    assertThat(status.message()).isEqualTo(GrpcFailure.INTERNAL_MESSAGE);
  }

  /** The status code and message of one unary call, read from the response trailers. */
  private record CallStatus(GrpcStatus code, String message) {}

  private <Req extends Message, Resp> CallStatus callStatus(
      ServiceMethod<Resp, Req> method, Req request) throws TimeoutException {
    return await(
        grpc.request(address, method)
            .compose(call -> call.send(request))
            .compose(KeyValueGrpcApiTest::statusWhenEnded));
  }

  private static Future<CallStatus> statusWhenEnded(GrpcClientResponse<?, ?> response) {
    // end() fails for a non-OK status; the status itself is what this test wants.
    return response
        .end()
        .otherwiseEmpty()
        .map(ended -> new CallStatus(response.status(), response.statusMessage()));
  }

  private static PutRequest put(String bucket, String key, String value, String contentType) {
    return PutRequest.newBuilder()
        .setBucket(bucket)
        .setKey(utf8(key))
        .setValue(utf8(value))
        .setContentType(contentType)
        .build();
  }

  private static GetRequest get(String bucket, String key) {
    return GetRequest.newBuilder().setBucket(bucket).setKey(utf8(key)).build();
  }

  private static Sibling sibling(String value, String contentType) {
    return Sibling.newBuilder().setValue(utf8(value)).setContentType(contentType).build();
  }

  private static ByteString utf8(String text) {
    return ByteString.copyFrom(text, StandardCharsets.UTF_8);
  }

  static <T> T await(Future<T> future) throws TimeoutException {
    return future.await(10, TimeUnit.SECONDS);
  }
}
