package io.ringkv.api.grpc;

import static io.ringkv.api.grpc.KeyValueGrpcApiTest.MAX_VALUE_BYTES;
import static io.ringkv.api.grpc.KeyValueGrpcApiTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.ringkv.api.grpc.v1.GetRequest;
import io.ringkv.api.grpc.v1.GetResponse;
import io.ringkv.api.grpc.v1.KeyValueGrpcClient;
import io.ringkv.api.grpc.v1.PutRequest;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.common.GrpcMessageDecoder;
import io.vertx.grpc.common.GrpcMessageEncoder;
import io.vertx.grpc.common.ServiceMethod;
import io.vertx.grpc.common.ServiceName;
import io.vertx.grpc.reflection.v1.ServerReflectionRequest;
import io.vertx.grpc.reflection.v1.ServerReflectionResponse;
import io.vertx.grpc.reflection.v1.ServiceResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the server around the KeyValue service offers: reflection, gRPC-Web, several instances. */
@ExtendWith(VertxExtension.class)
class GrpcApiVerticleTest {

  private static final ServiceMethod<ServerReflectionResponse, ServerReflectionRequest> REFLECTION =
      ServiceMethod.client(
          ServiceName.create("grpc.reflection.v1", "ServerReflection"),
          "ServerReflectionInfo",
          GrpcMessageEncoder.encoder(),
          GrpcMessageDecoder.decoder(ServerReflectionResponse.newBuilder()));

  private final ProgrammableCoordinator coordinator = new ProgrammableCoordinator();

  @Test
  void serverReflectionV1ListsTheKeyValueService(Vertx vertx) throws TimeoutException {
    SocketAddress address = start(vertx);
    ServerReflectionRequest listServices =
        ServerReflectionRequest.newBuilder().setListServices("").build();

    ServerReflectionResponse answer =
        await(
            GrpcClient.client(vertx)
                .request(address, REFLECTION)
                .compose(call -> call.send(listServices))
                .compose(response -> response.last()));

    assertThat(answer.getListServicesResponse().getServiceList())
        .extracting(ServiceResponse::getName)
        .contains("ringkv.v1.KeyValue", "grpc.reflection.v1.ServerReflection");
  }

  @Test
  void grpcWebOverHttp11ServesTheSameService(Vertx vertx) throws Exception {
    SocketAddress address = start(vertx);
    await(
        KeyValueGrpcClient.create(GrpcClient.client(vertx), address)
            .put(
                PutRequest.newBuilder()
                    .setKey(utf8("k"))
                    .setValue(utf8("v"))
                    .setContentType("text/plain")
                    .build()));
    RequestOptions post =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setServer(address)
            .setURI("/ringkv.v1.KeyValue/Get")
            .putHeader("content-type", "application/grpc-web+proto")
            .putHeader("x-grpc-web", "1");
    Buffer frame = grpcWebFrame(GetRequest.newBuilder().setKey(utf8("k")).build().toByteArray());

    // The body handler must be set on the event loop that delivers the response, hence compose.
    Buffer body =
        await(
            vertx
                .createHttpClient()
                .request(post)
                .compose(request -> request.send(frame))
                .compose(GrpcApiVerticleTest::okBody));

    GetResponse got = GetResponse.parseFrom(body.getBytes(5, 5 + body.getInt(1)));
    assertThat(got.getSiblings(0).getValue().toStringUtf8()).isEqualTo("v");
    assertThat(body.toString(StandardCharsets.ISO_8859_1)).contains("grpc-status:0");
  }

  @Test
  void instancesOfOneGroupShareOneFreePort(Vertx vertx) throws TimeoutException {
    List<GrpcApiVerticle> instances = new CopyOnWriteArrayList<>();
    Supplier<GrpcApiVerticle> onePort =
        GrpcApiVerticle.instances(coordinator, "127.0.0.1", 0, MAX_VALUE_BYTES);
    Supplier<GrpcApiVerticle> otherPort =
        GrpcApiVerticle.instances(coordinator, "127.0.0.1", 0, MAX_VALUE_BYTES);

    await(
        vertx.deployVerticle(
            () -> {
              GrpcApiVerticle instance = onePort.get();
              instances.add(instance);
              return instance;
            },
            new DeploymentOptions().setInstances(2)));
    GrpcApiVerticle other = otherPort.get();
    await(vertx.deployVerticle(other));

    assertThat(instances).hasSize(2);
    int port = instances.get(0).actualPort();
    assertThat(instances.get(1).actualPort()).isEqualTo(port).isPositive();
    assertThat(other.actualPort()).as("another group's port").isNotEqualTo(port);
    SocketAddress address = SocketAddress.inetSocketAddress(port, "127.0.0.1");
    GetResponse got =
        await(
            KeyValueGrpcClient.create(GrpcClient.client(vertx), address)
                .get(GetRequest.newBuilder().setKey(utf8("k")).build()));
    assertThat(got.getFound()).isFalse();
  }

  private SocketAddress start(Vertx vertx) throws TimeoutException {
    GrpcApiVerticle api = new GrpcApiVerticle(coordinator, "127.0.0.1", 0, MAX_VALUE_BYTES);
    await(vertx.deployVerticle(api));
    return SocketAddress.inetSocketAddress(api.actualPort(), "127.0.0.1");
  }

  private static Future<Buffer> okBody(HttpClientResponse response) {
    return response.statusCode() == 200
        ? response.body()
        : Future.failedFuture("HTTP status " + response.statusCode());
  }

  /** A gRPC-Web data frame: flag byte 0, big-endian length, message. */
  private static Buffer grpcWebFrame(byte[] message) {
    return Buffer.buffer().appendByte((byte) 0).appendInt(message.length).appendBytes(message);
  }

  private static ByteString utf8(String text) {
    return ByteString.copyFrom(text, StandardCharsets.UTF_8);
  }
}
