package io.ringkv.cluster;

import io.vertx.core.Future;

/** The cluster-wide bucket properties, as this node knows them. */
public interface BucketRegistry {

  /** The bucket's properties, or {@link BucketProps#DEFAULTS} for a bucket never configured. */
  BucketProps props(String bucket);

  /**
   * Changes a bucket's properties cluster-wide (persisted here, spread to every peer).
   *
   * @return the new properties; fails with {@link IllegalArgumentException}, whose message is for
   *     the client, when the patch would make them inconsistent
   */
  Future<BucketProps> update(String bucket, BucketProps.Patch patch);
}
