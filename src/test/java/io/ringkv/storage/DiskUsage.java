package io.ringkv.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Disk blocks actually allocated under a path, as {@code du} counts them (not logical sizes). */
final class DiskUsage {

  private DiskUsage() {}

  static long allocatedBytes(Path path) {
    try {
      Process du = new ProcessBuilder("du", "-s", "--block-size=1", path.toString()).start();
      String out = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (du.waitFor() != 0) {
        throw new IllegalStateException("du failed on " + path + ": " + out);
      }
      return Long.parseLong(out.split("\\s+")[0]);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String mib(long bytes) {
    return String.format("%.1f MiB", bytes / (1024.0 * 1024));
  }
}
