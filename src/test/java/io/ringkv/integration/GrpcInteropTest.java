package io.ringkv.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.ringkv.api.grpc.v1.DeleteRequest;
import io.ringkv.api.grpc.v1.GetRequest;
import io.ringkv.api.grpc.v1.GetResponse;
import io.ringkv.api.grpc.v1.KeyValueGrpcClient;
import io.ringkv.api.grpc.v1.PutRequest;
import io.ringkv.api.grpc.v1.Sibling;
import io.ringkv.transport.PeerAddresses;
import io.vertx.core.Vertx;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.InvalidStatusException;
import io.vertx.grpc.common.GrpcStatus;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gRPC API against a real 3-node cluster, and its contexts used over HTTP and back. */
class GrpcInteropTest {

  private static TestCluster cluster;
  private static HttpKv http;
  private static Vertx vertx;
  private static GrpcClient grpc;

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.start(3);
    http = new HttpKv();
    vertx = Vertx.vertx();
    grpc = GrpcClient.client(vertx);
  }

  @AfterAll
  static void stop() throws Exception {
    TestCluster.await(grpc.close());
    TestCluster.await(vertx.close());
    http.close();
    cluster.close();
  }

  private static KeyValueGrpcClient node(int index) {
    return KeyValueGrpcClient.create(grpc, PeerAddresses.parse(cluster.node(index).info().grpcAddress()));
  }

  private static ByteString put(int node, String key, String value, ByteString context) throws Exception {
    PutRequest request =
        PutRequest.newBuilder()
            .setBucket("carts")
            .setKey(ByteString.copyFromUtf8(key))
            .setValue(ByteString.copyFromUtf8(value))
            .setContentType("text/plain")
            .setContext(context)
            .build();
    return TestCluster.await(node(node).put(request)).getContext();
  }

  private static GetResponse get(int node, String key) throws Exception {
    return TestCluster.await(
        node(node).get(GetRequest.newBuilder().setBucket("carts").setKey(ByteString.copyFromUtf8(key)).build()));
  }

  private static List<String> values(GetResponse response) {
    return response.getSiblingsList().stream().map(Sibling::getValue).map(ByteString::toStringUtf8).sorted().toList();
  }

  @Test
  void same_context_through_one_node_makes_siblings_and_the_joined_context_merges_them() throws Exception {
    ByteString base = put(0, "g-same", "v0", ByteString.EMPTY);
    put(0, "g-same", "v1", base);
    put(0, "g-same", "v2", base);

    GetResponse siblings = get(1, "g-same");
    assertThat(siblings.getFound()).isTrue();
    assertThat(values(siblings)).containsExactly("v1", "v2");

    put(2, "g-same", "v1+v2", siblings.getContext());
    assertThat(values(get(0, "g-same"))).containsExactly("v1+v2");
  }

  @Test
  void a_delete_without_a_context_deletes_the_value() throws Exception {
    put(0, "g-delete", "v", ByteString.EMPTY);

    TestCluster.await(
        node(1).delete(DeleteRequest.newBuilder().setBucket("carts").setKey(ByteString.copyFromUtf8("g-delete")).build()));

    assertThat(get(2, "g-delete").getFound()).isFalse();
  }

  @Test
  void same_context_through_two_nodes_makes_siblings() throws Exception {
    ByteString base = put(0, "g-two", "v0", ByteString.EMPTY);
    put(1, "g-two", "left", base);
    put(2, "g-two", "right", base);
    assertThat(values(get(0, "g-two"))).containsExactly("left", "right");
  }

  @Test
  void a_context_from_grpc_works_over_http_and_the_reverse() throws Exception {
    ByteString fromGrpc = put(0, "g-interop", "grpc-write", ByteString.EMPTY);
    String header = Base64.getUrlEncoder().withoutPadding().encodeToString(fromGrpc.toByteArray());
    assertThat(http.put(cluster.url(1), "carts", "g-interop", "http-write", header).status()).isEqualTo(204);
    assertThat(values(get(2, "g-interop"))).containsExactly("http-write");

    String fromHttp = http.put(cluster.url(2), "carts", "g-interop", "http-again", null).context();
    assertThat(http.getJson(cluster.url(0), "carts", "g-interop").siblingValues())
        .containsExactly("http-again", "http-write");
    ByteString joined = ByteString.copyFrom(Base64.getUrlDecoder().decode(
        http.getJson(cluster.url(0), "carts", "g-interop").context()));
    assertThat(fromHttp).isNotNull();
    put(1, "g-interop", "merged", joined);
    assertThat(values(get(0, "g-interop"))).containsExactly("merged");
  }

  @Test
  void a_missing_key_is_not_found_and_bad_input_is_invalid_argument() throws Exception {
    assertThat(get(0, "g-never-written").getFound()).isFalse();

    PutRequest badContext =
        PutRequest.newBuilder()
            .setBucket("carts")
            .setKey(ByteString.copyFromUtf8("g-bad"))
            .setValue(ByteString.copyFromUtf8("v"))
            .setContext(ByteString.copyFrom("not a context", StandardCharsets.UTF_8))
            .build();
    assertThatThrownBy(() -> TestCluster.await(node(0).put(badContext)))
        .hasRootCauseInstanceOf(InvalidStatusException.class)
        .rootCause()
        .satisfies(e -> assertThat(((InvalidStatusException) e).actualStatus()).isEqualTo(GrpcStatus.INVALID_ARGUMENT));

    PutRequest emptyKey = PutRequest.newBuilder().setBucket("carts").setValue(ByteString.copyFromUtf8("v")).build();
    assertThatThrownBy(() -> TestCluster.await(node(1).put(emptyKey)))
        .rootCause()
        .satisfies(e -> assertThat(((InvalidStatusException) e).actualStatus()).isEqualTo(GrpcStatus.INVALID_ARGUMENT));
  }
}
