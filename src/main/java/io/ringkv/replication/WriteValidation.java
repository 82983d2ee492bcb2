package io.ringkv.replication;

import io.ringkv.cluster.BucketProps;
import io.ringkv.version.ContextCodec;
import io.ringkv.version.InvalidContextException;
import io.ringkv.version.VersionVector;

/**
 * The request checks both client APIs share (DESIGN.md Part B): bucket and key sizes, quorum
 * sizes against the bucket's n, the value limit and the context bytes. One place, so HTTP and
 * gRPC reject the same requests with the same words.
 */
final class WriteValidation {

  private WriteValidation() {}

  static void checkObject(String bucket, byte[] key) {
    ObjectNames.checkBucket(bucket);
    ObjectNames.checkKey(key);
  }

  /** The effective quorum: the request's, or the bucket's default when the request says 0. */
  static int quorum(String name, int requested, int bucketDefault, BucketProps props) {
    if (requested < 0 || requested > props.n()) {
      throw new RequestException(
          RequestError.BAD_QUORUM,
          name + " must be between 1 and the bucket's n=" + props.n() + ", got " + requested);
    }
    return requested == 0 ? bucketDefault : requested;
  }

  static int primaryQuorum(int pw, int w, BucketProps props) {
    if (pw < 0 || pw > props.n()) {
      throw new RequestException(
          RequestError.BAD_QUORUM, "pw must be between 0 and the bucket's n=" + props.n() + ", got " + pw);
    }
    return pw;
  }

  static void checkValue(byte[] value, int maxValueBytes) {
    if (value != null && value.length > maxValueBytes) {
      throw new RequestException(
          RequestError.VALUE_TOO_LARGE,
          "value is " + value.length + " bytes; the limit is " + maxValueBytes + " bytes");
    }
  }

  static VersionVector context(byte[] context) {
    try {
      return context == null || context.length == 0
          ? VersionVector.empty()
          : ContextCodec.fromBytes(context);
    } catch (InvalidContextException e) {
      // The codec's message already says what is wrong with the context, "invalid context: …".
      throw new RequestException(RequestError.BAD_CONTEXT, e.getMessage());
    }
  }
}
