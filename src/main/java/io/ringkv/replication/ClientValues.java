package io.ringkv.replication;

import io.ringkv.version.ContextCodec;
import io.ringkv.version.Sibling;
import io.ringkv.version.SiblingSet;
import java.util.List;

/** Turns stored sibling sets into what clients see: live values and an opaque context. */
final class ClientValues {

  static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

  private ClientValues() {}

  static List<StoredValue> live(SiblingSet siblings) {
    return siblings.liveSiblings().stream().map(ClientValues::toValue).toList();
  }

  static StoredValue toValue(Sibling sibling) {
    String contentType = sibling.contentType();
    return new StoredValue(
        sibling.value(),
        contentType == null || contentType.isEmpty() ? DEFAULT_CONTENT_TYPE : contentType,
        sibling.deleted());
  }

  static ReadResult toReadResult(SiblingSet merged) {
    byte[] context = merged.isEmpty() ? new byte[0] : ContextCodec.toBytes(merged.context());
    boolean found = !merged.isEmpty() && !merged.isTombstone();
    return new ReadResult(found, found ? live(merged) : List.of(), context);
  }
}
