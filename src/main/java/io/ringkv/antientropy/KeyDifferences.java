package io.ringkv.antientropy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which keys of a differing leaf need repair, from both sides' (key, version digest) listings.
 * Pure.
 *
 * @param toPull keys the other side holds in a version this side lacks or holds differently:
 *     fetch and merge them here
 * @param toPush keys this side holds that the other lacks or holds differently: after pulling,
 *     send them there
 */
record KeyDifferences(List<ByteBuffer> toPull, List<ByteBuffer> toPush) {

  static KeyDifferences between(Map<ByteBuffer, Long> ours, Map<ByteBuffer, Long> theirs) {
    List<ByteBuffer> toPull = new ArrayList<>();
    theirs.forEach((key, digest) -> {
      if (!Objects.equals(ours.get(key), digest)) {
        toPull.add(key);
      }
    });
    List<ByteBuffer> toPush = new ArrayList<>();
    ours.forEach((key, digest) -> {
      if (!Objects.equals(theirs.get(key), digest)) {
        toPush.add(key);
      }
    });
    return new KeyDifferences(toPull, toPush);
  }
}
