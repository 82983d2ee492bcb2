package io.ringkv.storage;

import java.nio.file.Path;

class InMemoryHintStoreTest extends HintStoreContract {

  @Override
  HintStore openStore(Path dataDir) {
    return new InMemoryHintStore();
  }
}
