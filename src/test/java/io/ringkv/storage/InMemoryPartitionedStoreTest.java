package io.ringkv.storage;

import java.nio.file.Path;

class InMemoryPartitionedStoreTest extends PartitionedStoreContract {

  @Override
  PartitionedStore openStore(Path dataDir) {
    return new InMemoryPartitionedStore();
  }

  @Override
  long initialCapacity() {
    return 256;
  }
}
