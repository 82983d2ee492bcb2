package io.ringkv.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory of one Chronicle store and what its maps share: the files, named {@code
 * <name>-g<generation>-e<entries>.cmap}; a lock so that one process at a time uses it; the
 * maintenance thread that grows and drains maps; the key locks; spare maps; and the
 * clean-shutdown marker.
 *
 * <p>Spares keep map creation off the callers' path: creating a small map takes milliseconds
 * (allocating and formatting the file), opening an existing one a fraction of that. So the
 * maintenance thread keeps a few empty maps ready, closed, under {@code
 * spare-g<generation>-e<entries>.spare}; a new map takes one by renaming and opening it.
 *
 * <p>The marker is deleted when the store opens and written back after every map closed. If it is
 * missing, the last process died with maps open (a {@code kill -9} can leave a segment lock held,
 * and with {@code createPersistedTo} the first write to that segment then blocks for a minute and
 * fails), so every map is opened with {@code recoverPersistedTo} instead.
 */
final class MapDirectory implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MapDirectory.class);
  private static final Pattern FILE_NAME = Pattern.compile("(.+)-g(\\d+)-e(\\d+)\\.cmap");
  private static final Pattern SPARE_NAME = Pattern.compile("spare-g(\\d+)-e(\\d+)\\.spare");
  private static final String CLEAN_SHUTDOWN = "clean-shutdown";
  private static final String LOCK = "lock";
  private static final long CLOSE_TIMEOUT_SECONDS = 30;

  /** An existing map file, parsed from its name. */
  record MapFileName(String name, long generation, long entries, Path path) {}

  private final Path dir;
  private final StoreOptions options;
  private final FileChannel lockChannel;
  private final boolean recovering;
  private final List<MapFileName> existing;
  private final AtomicLong generations;
  private final int sparesWanted;
  private final Queue<Path> spares = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean refilling = new AtomicBoolean();
  private final KeyLocks locks = new KeyLocks(4096);
  private final ExecutorService maintenance =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "ringkv-storage-maintenance");
            thread.setDaemon(true);
            return thread;
          });

  private MapDirectory(
      Path dir, StoreOptions options, FileChannel lockChannel, boolean recovering,
      List<MapFileName> existing, int sparesWanted) {
    this.dir = dir;
    this.options = options;
    this.lockChannel = lockChannel;
    this.recovering = recovering;
    this.existing = existing;
    this.sparesWanted = sparesWanted;
    this.generations = new AtomicLong(
        existing.stream().mapToLong(MapFileName::generation).max().orElse(0) + 1);
  }

  /**
   * Locks {@code dir} (creating it) for this process and takes stock of its files.
   *
   * @param spares how many empty maps of {@link StoreOptions#initialEntries} to keep ready
   */
  static MapDirectory open(Path dir, StoreOptions options, int spares) {
    FileChannel lockChannel = null;
    try {
      Files.createDirectories(dir);
      lockChannel =
          FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = lockChannel.tryLock();
      if (lock == null) {
        throw new StorageException(dir + " is in use by another process");
      }
      boolean clean = Files.deleteIfExists(dir.resolve(CLEAN_SHUTDOWN));
      deleteLeftovers(dir);
      List<MapFileName> existing = list(dir);
      boolean recovering = !clean && !existing.isEmpty();
      if (recovering) {
        log.warn("{} was not shut down cleanly: recovering {} map files", dir, existing.size());
      }
      MapDirectory directory =
          new MapDirectory(dir, options, lockChannel, recovering, existing, spares);
      try {
        directory.adoptSpares();
      } catch (IOException | RuntimeException e) {
        directory.close();
        throw e;
      }
      return directory;
    } catch (IOException | OverlappingFileLockException | StorageException e) {
      closeQuietly(lockChannel);
      if (e instanceof OverlappingFileLockException) {
        throw new StorageException(dir + " is already open in this process", e);
      }
      throw e instanceof StorageException se ? se : new StorageException("cannot open " + dir, e);
    }
  }

  /** True if the last process did not shut down cleanly. */
  boolean recovering() {
    return recovering;
  }

  /** Existing map files by map name, newest first. */
  Map<String, List<MapFileName>> existingMaps() {
    Map<String, List<MapFileName>> byName = new TreeMap<>();
    for (MapFileName file : existing) {
      byName.computeIfAbsent(file.name(), n -> new ArrayList<>()).add(file);
    }
    byName.values()
        .forEach(files -> files.sort(Comparator.comparingLong(MapFileName::generation).reversed()));
    return byName;
  }

  /** Opens the map made of these files (newest first). */
  ChunkedMap openMap(String name, int space, List<MapFileName> files) {
    List<MapFile> layers = new ArrayList<>();
    try {
      for (MapFileName file : files) {
        layers.add(MapFile.open(file.path(), file.entries(), recovering, options));
      }
    } catch (RuntimeException e) {
      layers.forEach(MapFile::release);
      throw e;
    }
    return ChunkedMap.open(layeredMap(name, space, layers), options.chunkSize());
  }

  /** A new, empty map sized for {@link StoreOptions#initialEntries}: a spare, if one is ready. */
  ChunkedMap createMap(String name, int space) {
    MapFile first = null;
    Path spare;
    while (first == null && (spare = spares.poll()) != null) {
      first = claim(spare, name);
    }
    refillSpares();
    if (first == null) {
      first = newFile(name, options.initialEntries());
    }
    return ChunkedMap.open(layeredMap(name, space, List.of(first)), options.chunkSize());
  }

  private MapFile claim(Path spare, String name) {
    Path path = dir.resolve(fileName(name, options.initialEntries()));
    try {
      Files.move(spare, path, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      log.warn("cannot use spare map {}", spare, e);
      return null;
    }
    return MapFile.open(path, options.initialEntries(), false, options);
  }

  private LayeredMap layeredMap(String name, int space, List<MapFile> layers) {
    return new LayeredMap(
        layers, entries -> newFile(name, entries), locks, space, maintenance, options);
  }

  private MapFile newFile(String name, long entries) {
    return MapFile.create(dir.resolve(fileName(name, entries)), entries, options);
  }

  private String fileName(String name, long entries) {
    return name + "-g" + generations.getAndIncrement() + "-e" + entries + ".cmap";
  }

  /**
   * Keeps the spares found on disk (if sized as now configured), and makes the first one now if
   * there is none: that also pays Chronicle's code generation (about 1.5 s, once per JVM) here
   * rather than on a first write.
   */
  private void adoptSpares() throws IOException {
    try (DirectoryStream<Path> paths = Files.newDirectoryStream(dir, "*.spare")) {
      for (Path path : paths) {
        Matcher name = SPARE_NAME.matcher(path.getFileName().toString());
        if (name.matches() && Long.parseLong(name.group(2)) == options.initialEntries()) {
          generations.accumulateAndGet(Long.parseLong(name.group(1)) + 1, Math::max);
          spares.add(path);
        } else {
          Files.delete(path);
        }
      }
    }
    if (sparesWanted > 0 && spares.isEmpty()) {
      makeSpare();
    }
    refillSpares();
  }

  private void refillSpares() {
    if (spares.size() < sparesWanted && refilling.compareAndSet(false, true)) {
      try {
        maintenance.execute(() -> {
          try {
            while (spares.size() < sparesWanted && !maintenance.isShutdown()) {
              makeSpare();
            }
          } catch (RuntimeException e) {
            log.warn("cannot make a spare map in {}", dir, e);
          } finally {
            refilling.set(false);
          }
        });
      } catch (RejectedExecutionException e) {
        refilling.set(false); // shutting down
      }
    }
  }

  private void makeSpare() {
    long entries = options.initialEntries();
    Path spare = dir.resolve("spare-g" + generations.getAndIncrement() + "-e" + entries + ".spare");
    MapFile.createClosed(spare, entries, options);
    spares.add(spare);
  }

  /**
   * Closes the maps and this directory; writes the clean-shutdown marker only if {@code clean}
   * and every map file closed.
   */
  void close(Collection<ChunkedMap> maps, boolean clean) {
    List<CompletableFuture<Void>> closing = new ArrayList<>();
    for (ChunkedMap map : maps) {
      closing.add(map.close());
    }
    boolean stopped = stopMaintenance();
    try {
      CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
          .get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (clean && stopped) {
        Files.createFile(dir.resolve(CLEAN_SHUTDOWN));
      }
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      log.warn("{} not closed cleanly: its maps will be recovered on the next start", dir, e);
    } finally {
      close();
    }
  }

  private boolean stopMaintenance() {
    maintenance.shutdown();
    try {
      return maintenance.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Releases the directory lock. */
  @Override
  public void close() {
    maintenance.shutdownNow();
    closeQuietly(lockChannel);
  }

  private static List<MapFileName> list(Path dir) throws IOException {
    List<MapFileName> files = new ArrayList<>();
    try (DirectoryStream<Path> paths = Files.newDirectoryStream(dir, "*.cmap")) {
      for (Path path : paths) {
        Matcher name = FILE_NAME.matcher(path.getFileName().toString());
        if (name.matches()) {
          files.add(
              new MapFileName(
                  name.group(1), Long.parseLong(name.group(2)), Long.parseLong(name.group(3)),
                  path));
        }
      }
    }
    return files;
  }

  /** Files being created or dropped when the last process stopped: never part of a map. */
  private static void deleteLeftovers(Path dir) throws IOException {
    try (DirectoryStream<Path> paths =
        Files.newDirectoryStream(dir, "*{" + MapFile.PARTIAL + "," + MapFile.DROPPED + "}")) {
      for (Path path : paths) {
        Files.delete(path);
      }
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        log.warn("cannot close {}", channel, e);
      }
    }
  }
}
