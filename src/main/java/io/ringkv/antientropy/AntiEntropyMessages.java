package io.ringkv.antientropy;

import com.google.protobuf.ByteString;
import io.ringkv.transport.proto.KeyDigest;
import io.ringkv.transport.proto.StoredObject;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Conversions between the peer messages of the AntiEntropy service and this package's maps. */
final class AntiEntropyMessages {

  private AntiEntropyMessages() {}

  static List<KeyDigest> toKeyDigests(Map<ByteBuffer, Long> digests) {
    List<KeyDigest> messages = new ArrayList<>(digests.size());
    digests.forEach((key, digest) ->
        messages.add(KeyDigest.newBuilder().setKey(bytes(key)).setDigest(digest).build()));
    return messages;
  }

  static Map<ByteBuffer, Long> fromKeyDigests(List<KeyDigest> messages) {
    Map<ByteBuffer, Long> digests = new LinkedHashMap<>();
    messages.forEach(message -> digests.put(key(message.getKey()), message.getDigest()));
    return digests;
  }

  static List<StoredObject> toStoredObjects(Map<ByteBuffer, byte[]> objects) {
    List<StoredObject> messages = new ArrayList<>(objects.size());
    objects.forEach((key, siblings) ->
        messages.add(StoredObject.newBuilder().setKey(bytes(key)).setSiblings(ByteString.copyFrom(siblings)).build()));
    return messages;
  }

  static Map<ByteBuffer, byte[]> fromStoredObjects(List<StoredObject> messages) {
    Map<ByteBuffer, byte[]> objects = new LinkedHashMap<>();
    messages.forEach(message -> objects.put(key(message.getKey()), message.getSiblings().toByteArray()));
    return objects;
  }

  static List<ByteString> toKeys(Collection<ByteBuffer> keys) {
    return keys.stream().map(AntiEntropyMessages::bytes).toList();
  }

  static List<ByteBuffer> fromKeys(List<ByteString> keys) {
    return keys.stream().map(AntiEntropyMessages::key).toList();
  }

  static int[] indices(List<Integer> indices) {
    return indices.stream().mapToInt(Integer::intValue).toArray();
  }

  private static ByteString bytes(ByteBuffer key) {
    return ByteString.copyFrom(key.array());
  }

  private static ByteBuffer key(ByteString bytes) {
    return ByteBuffer.wrap(bytes.toByteArray());
  }
}
