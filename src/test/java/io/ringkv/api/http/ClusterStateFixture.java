package io.ringkv.api.http;

import io.ringkv.api.AdminView;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link AdminView} over a fixed cluster state in the DESIGN.md shapes: members whose HTTP
 * addresses the test chooses, a ring dealt round-robin, and a key stored on some members.
 */
final class ClusterStateFixture implements AdminView {

  private final Map<String, String> httpAddressById = new LinkedHashMap<>();
  private final int partitions;

  ClusterStateFixture(int partitions) {
    this.partitions = partitions;
  }

  ClusterStateFixture member(String id, String httpAddress) {
    httpAddressById.put(id, httpAddress);
    return this;
  }

  private List<String> ids() {
    return List.copyOf(httpAddressById.keySet());
  }

  @Override
  public boolean ready() {
    return true;
  }

  @Override
  public JsonObject members() {
    JsonArray members = new JsonArray();
    httpAddressById.forEach(
        (id, address) ->
            members.add(
                new JsonObject()
                    .put("id", id)
                    .put("peerAddress", "127.0.0.1:1")
                    .put("httpAddress", address)
                    .put("grpcAddress", "127.0.0.1:2")
                    .put("rack", "r1")
                    .put("state", "up")
                    .put("membership", "member")
                    .put("partitions", partitions / httpAddressById.size())));
    return new JsonObject().put("members", members);
  }

  @Override
  public JsonObject ring() {
    JsonArray list = new JsonArray();
    List<String> ids = ids();
    for (int p = 0; p < partitions; p++) {
      list.add(
          new JsonObject()
              .put("partition", p)
              .put("owner", ids.get(p % ids.size()))
              .put("replicas", new JsonArray(List.of(ids.get(p % ids.size())))));
    }
    return new JsonObject()
        .put("partitionCount", partitions)
        .put("partitions", list)
        .put("pendingTransfers", new JsonArray());
  }

  @Override
  public JsonObject preferenceList(String bucket, byte[] key) {
    JsonArray nodes = new JsonArray();
    ids().forEach(id -> nodes.add(new JsonObject().put("id", id).put("role", "primary").put("state", "up")));
    return new JsonObject().put("partition", 7).put("nodes", nodes);
  }

  @Override
  public Optional<JsonObject> local(String bucket, byte[] key) {
    return Optional.empty();
  }

  @Override
  public JsonObject hints() {
    return new JsonObject().put("pending", 0).put("byTarget", new JsonObject());
  }

  @Override
  public JsonObject antiEntropy() {
    return new JsonObject().put("partitions", new JsonArray());
  }

  @Override
  public Future<Void> join(String seed) {
    return Future.failedFuture("not in this fixture");
  }

  @Override
  public Future<Void> leave() {
    return Future.failedFuture("not in this fixture");
  }

  @Override
  public Future<JsonObject> repair() {
    return Future.failedFuture("not in this fixture");
  }
}
