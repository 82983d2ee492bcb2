package io.ringkv.storage;

/**
 * Sizing of the Chronicle maps behind a store. Chronicle allocates a map's whole file when it is
 * created (about 1.3 KiB per configured entry at 1 KiB values), so maps start small and grow by
 * migration.
 *
 * @param initialEntries entries a new partition map is sized for; Q of them exist per node
 * @param averageKeySize expected key length in bytes
 * @param averageValueSize expected value length in bytes
 * @param maxBloatFactor how far a map may outgrow its entries by adding segment tiers (allocated
 *     lazily, no disk up front); the headroom that absorbs writes while a bigger map is prepared
 * @param growthFactor a map that outgrows its size is migrated to one sized for this many times
 *     what it holds
 * @param chunkSize values longer than this are stored as chunks of this size; must fit in one
 *     segment tier of the smallest map (about 210 KiB at 256 entries)
 */
public record StoreOptions(
    long initialEntries,
    int averageKeySize,
    int averageValueSize,
    double maxBloatFactor,
    double growthFactor,
    int chunkSize) {

  public StoreOptions {
    requirePositive("initialEntries", initialEntries);
    requirePositive("averageKeySize", averageKeySize);
    requirePositive("averageValueSize", averageValueSize);
    requirePositive("chunkSize", chunkSize);
    if (maxBloatFactor < 2) {
      throw new IllegalArgumentException("maxBloatFactor must be at least 2: " + maxBloatFactor);
    }
    if (growthFactor < 1.5) {
      throw new IllegalArgumentException("growthFactor must be at least 1.5: " + growthFactor);
    }
  }

  /** 256 entries of 48-byte keys and 1 KiB values (438 KiB per file), bloat 8, growth 2, 64 KiB chunks. */
  public static StoreOptions defaults() {
    return new StoreOptions(256, 48, 1024, 8.0, 2.0, 64 * 1024);
  }

  public StoreOptions withInitialEntries(long entries) {
    return new StoreOptions(
        entries, averageKeySize, averageValueSize, maxBloatFactor, growthFactor, chunkSize);
  }

  public StoreOptions withMaxBloatFactor(double factor) {
    return new StoreOptions(
        initialEntries, averageKeySize, averageValueSize, factor, growthFactor, chunkSize);
  }

  public StoreOptions withChunkSize(int bytes) {
    return new StoreOptions(
        initialEntries, averageKeySize, averageValueSize, maxBloatFactor, growthFactor, bytes);
  }

  private static void requirePositive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }
}
