package io.ringkv.api.http;

import io.ringkv.cluster.BucketProps;
import io.ringkv.cluster.BucketRegistry;
import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Bucket properties in a map, refusing inconsistent patches as the real registry does. */
final class InMemoryBucketRegistry implements BucketRegistry {

  private final Map<String, BucketProps> props = new ConcurrentHashMap<>();

  @Override
  public BucketProps props(String bucket) {
    return props.getOrDefault(bucket, BucketProps.DEFAULTS);
  }

  @Override
  public Future<BucketProps> update(String bucket, BucketProps.Patch patch) {
    try {
      BucketProps updated = props(bucket).apply(patch);
      props.put(bucket, updated);
      return Future.succeededFuture(updated);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
  }
}
