package io.ringkv.storage;

/** Receives the hints kept for one target node. */
@FunctionalInterface
public interface HintVisitor {

  void visit(int partition, byte[] key, byte[] value);
}
