package io.ringkv.api.grpc;

import static io.ringkv.api.grpc.KeyValueGrpcApiTest.MAX_VALUE_BYTES;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.ringkv.api.RecordingObserver;
import io.ringkv.api.RecordingObserver.Completed;
import io.ringkv.api.grpc.v1.DeleteRequest;
import io.ringkv.api.grpc.v1.GetRequest;
import io.ringkv.api.grpc.v1.KeyValueGrpcClient;
import io.ringkv.api.grpc.v1.PutRequest;
import io.ringkv.replication.QuorumNotReachedException;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every gRPC request is reported once answered, with its operation and outcome. */
@ExtendWith(VertxExtension.class)
class ObservedGrpcRequestsTest {

  @Test
  void reportsEachRequestWithItsOutcome(Vertx vertx) throws Exception {
    ProgrammableCoordinator coordinator = new ProgrammableCoordinator();
    RecordingObserver observer = new RecordingObserver();
    GrpcApiVerticle api = new GrpcApiVerticle(coordinator, observer, "127.0.0.1", 0, MAX_VALUE_BYTES);
    vertx.deployVerticle(api).await(10, TimeUnit.SECONDS);
    KeyValueGrpcClient client =
        KeyValueGrpcClient.create(
            GrpcClient.client(vertx), SocketAddress.inetSocketAddress(api.actualPort(), "127.0.0.1"));
    ByteString key = ByteString.copyFromUtf8("k");

    client.put(PutRequest.newBuilder().setKey(key).setValue(ByteString.copyFromUtf8("v")).build())
        .await(10, TimeUnit.SECONDS);
    client.get(GetRequest.newBuilder().setKey(ByteString.copyFromUtf8("absent")).build())
        .await(10, TimeUnit.SECONDS);
    coordinator.failWith(QuorumNotReachedException.afterAsking("delete", 1, 2));
    client.delete(DeleteRequest.newBuilder().setKey(key).build())
        .otherwiseEmpty()
        .await(10, TimeUnit.SECONDS);

    assertThat(observer.awaitCompleted(3))
        .containsExactly(
            new Completed("grpc", "put", "ok"),
            new Completed("grpc", "get", "not_found"),
            new Completed("grpc", "delete", "unavailable"));
  }
}
